// Tokens read from the environment, and token formats in documentation.
const { Octokit } = require("@octokit/rest");
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });
const GITLAB_TOKEN = process.env.GITLAB_TOKEN;
const TOKEN_PREFIXES = ["ghp_", "gho_", "glpat-"];
const SHORT = "ghp_tooShortToBeAToken";
