"""Passwords that are not secrets: placeholders, templates, references, hashes, look-ups."""
import os

DB_PASSWORD = os.environ["DB_PASSWORD"]
SMTP_PASSWORD = os.getenv("SMTP_PASSWORD", "")
password = "changeme"
password_hint = "<password>"
secret = "xxxxxxxx"
admin_password = "${ADMIN_PASSWORD}"
jinja_password = "{{ db_password }}"
dsn_password = "%(password)s"
api_key = "your-api-key-here"
password_hash = "5f4dcc3b5aa765d61d8327deb882cf99"
secret_id = "550e8400-e29b-41d4-a716-446655440000"
vault_password = "vault:secret/data/ehr#db_password"
aws_password = "aws-secretsmanager:prod/ehr/db"
password = get_secret("db_password")
CHANGE_PASSWORD = "changePassword"
admin_password = "admin_password"
secret_type = "ceph"
password_field = "user_password_hash"
