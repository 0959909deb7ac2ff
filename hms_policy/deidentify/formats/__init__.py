"""One module per file format. Each finds the values of a document with their roles and
spans, and writes substitutes into exactly those spans: every other byte stays as it was.

Line formats (logs, CSV/TSV, NDJSON, SQL dumps, HL7 v2) stream record by record in constant
memory; whole documents (JSON, YAML, XML) are read whole, as their structure needs.
"""
