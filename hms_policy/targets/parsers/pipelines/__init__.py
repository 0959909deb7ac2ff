"""CI pipeline files -> one shape for every platform.

Each platform's parser (GitHub Actions, GitLab CI, Jenkins, Azure Pipelines, Bitbucket
Pipelines) turns its file into `job` nodes of the same plain-data shape (`shape.py`), so a
detector judges "a job that deploys without approval" once, whatever the syntax. Every value
carries the 1-based line it came from, so findings point at the key or script line.
"""
