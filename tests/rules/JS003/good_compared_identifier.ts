// Synthetic: URIs matched as names (FHIR systems and extensions), never requested.
function rangeKind(rangeSystem: string, rangeType: string) {
  if (rangeSystem === 'http://fhir.acme-emr.org/ext/obs/reference-range' && rangeType === 'absolute') {
    return 'absolute';
  }
  if ('http://fhir.acme-emr.org/obs/interpretation' !== rangeSystem) {
    return 'other';
  }
  switch (rangeSystem) {
    case 'http://fhir.acme-emr.org/obs/normal-range':
      return 'normal';
  }
  return url.startsWith("http://fhir.acme-emr.org/obs/") ? 'acme' : 'unknown';
}
