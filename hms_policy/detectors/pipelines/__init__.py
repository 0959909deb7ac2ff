"""Detectors for CI pipeline files (GitHub Actions, GitLab CI, Jenkins, Azure Pipelines,
Bitbucket Pipelines). They judge the platform-neutral job shape of
`targets/parsers/pipelines/shape.py`, so one detector covers every syntax it applies to."""
