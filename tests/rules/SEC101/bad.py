"""Synthetic connection strings for hms-policy's fixtures; no host or password is real."""
from sqlalchemy import create_engine

# expect: SEC101
engine = create_engine("postgresql+psycopg2://ehr_app:Tq8w!Zr4Lm2x@db.ehr.internal:5432/ehr")
# expect: SEC101
MONGO_URI = "mongodb+srv://lab_reader:Vb7nQ2kX9pWs@cluster0.lab.example.net/results?retryWrites=true"
# expect: SEC101
REDIS_URL = "rediss://:Hk3mZ8qP1vRt@cache.ehr.internal:6380/0"
# expect: SEC101
BROKER = "amqp://hl7feed:Ns5wY2cL8jQe@mq.ehr.internal:5672/adt"
# expect: SEC101
PG_DSN = "host=db.ehr.internal port=5432 dbname=ehr user=ehr_app password=Rv6tB3nM9xKz sslmode=require"
# expect: SEC101
ATLAS = "mongodb://nightscout:Qw7rT2pLm9@ds012345.mlab.com:65535/nightscout"
