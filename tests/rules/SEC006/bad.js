// Synthetic tokens for hms-policy's fixtures.
const { Octokit } = require("@octokit/rest");
// expect: SEC006
const octokit = new Octokit({ auth: "ghp_sBS9UYJQTFjmsn9dLVIdVuddLEG62Hkd9Gf2" });
// expect: SEC006
const GITLAB_TOKEN = "glpat-xiiEZpFfk1OHAOEHYqM6";
