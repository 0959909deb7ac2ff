// A recorded search result: a bundle's paging link and its entries' identities, never requested.
export const conditionsBundle = {
  resourceType: 'Bundle',
  type: 'searchset',
  link: [
    {
      relation: 'self',
      url: 'http://proxy.smartforms.io/fhir/Condition?patient=pat-repop'
    }
  ],
  entry: [
    {
      fullUrl: 'http://proxy.smartforms.io/fhir/Condition/ckd-pat-repop',
      resource: { resourceType: 'Condition', subject: { reference: 'http://proxy.smartforms.io/fhir/Patient/pat-repop' } }
    }
  ]
};
