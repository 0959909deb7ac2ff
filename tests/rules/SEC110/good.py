"""References to keys, placeholders and look-alike names: no key is committed."""
import os

FIELD_ENCRYPTION_KEY = os.environ["FIELD_ENCRYPTION_KEY"]
DATA_ENCRYPTION_KEY = "${DATA_ENCRYPTION_KEY}"
AES_KEY = "changeme-changeme-changeme"
encryption_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
disk_encryption_key = "projects/emr-prod/locations/europe-west2/keyRings/phi/cryptoKeys/disk"
ENCRYPTION_KEY_LENGTH = 32
encryption_key_rotation_days = 90
