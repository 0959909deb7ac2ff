"""Secret detection built on detect-secrets.

    prefilter.py     one combined pattern pass over a file's text picks candidate lines and,
                     for each, the plugins that could fire on it (google-re2 where installed)
    plugins.py       detect-secrets plugins for what it lacks (database URLs, Azure connection
                     strings, Google keys, OAuth and JWT secrets, integration-engine, .env and
                     registry credentials, PKCS#12), usable in a plain detect-secrets setup
    filters.py       detect-secrets filters for placeholders, references, vendor examples,
                     hashes, lock-file integrity strings and inline image data
    placeholders.py  the value tests both of the above share
    values.py        what a keyword find's value is when it is no credential (labels, env-var
                     names, paths, flags), comment lines, CI pipeline files
    history.py       `scan --history`: the added lines of every commit, through the same rules

The engine glue (detect-secrets plugins and filters -> `Match` spans) is
`hms_policy.adapters.detect_secrets`. Raw values never leave a plugin or filter frame there.
"""
