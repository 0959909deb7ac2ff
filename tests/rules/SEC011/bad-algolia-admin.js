// The indexing job's admin key writes to the index: a credential, even beside an index name.
const algolia = {
  appId: "SL7YXI16RH",
  // expect: SEC011
  adminApiKey: "f81c2e7d9b4a6053c1e8d7b2a9f4c6e1",
  indexName: "clinic-docs",
};
module.exports = algolia;
