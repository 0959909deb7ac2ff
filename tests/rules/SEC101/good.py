"""Connection strings that carry no literal password."""
import os

from sqlalchemy import create_engine

engine = create_engine(os.environ["DATABASE_URL"])
TEMPLATE = "postgresql://{user}:{password}@{host}:{port}/{db}"
FROM_ENV = f"postgresql://{os.environ['PGUSER']}:{os.environ['PGPASSWORD']}@db:5432/ehr"
PERCENT = "mysql://%s:%s@%s/ehr" % (user, pw, host)
DOCS = "postgres://user:password@localhost:5432/dbname"
SHELL = "postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/ehr"
LOCAL_DEFAULT = "amqp://guest:guest@localhost:5672/"
MASKED = "postgresql://ehr_app:********@db.ehr.internal:5432/ehr"
NO_PASSWORD = "postgresql://ehr_app@db.ehr.internal:5432/ehr"
VAULT = "postgresql://ehr_app:vault:secret/data/ehr#db@db.ehr.internal/ehr"
# a documentation address: no server listens on a port above 65535
DOCS_EXAMPLE = "mongodb://sally:Qw7rT2pLm9@ds099999.mongolab.com:99999/nightscout"
