// Docusaurus' DocSearch settings: the search-only key every visitor's browser sends.
const config = {
  themeConfig: {
    algolia: {
      appId: "SL7YXI16RH",
      apiKey: "a4c401a7bac65bc81b7dd7efe958b951",
      indexName: "clinic-docs",
    },
  },
};
export default config;
