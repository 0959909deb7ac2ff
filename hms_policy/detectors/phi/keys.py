"""Field names as evidence: `ssn=`, `"dob":`, a CSV header `aadhaar_no`, a SQL column `mrn`.

A key is split into lower-case words (`patientDateOfBirth` -> patient date of birth) and
mapped to the role its value plays. Roles are PHI type ids, plus `negative` for keys whose
values are never PHI (order ids, versions, hashes) and `patient` for keys that only say
the record is about a patient.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")

# Whole-key matches (words joined without separators).
_EXACT: dict[str, str] = {}
for _role, _names in {
    "us_ssn": "ssn ssnno ssnnumber socialsecurity socialsecuritynumber socialsecurityno patientssn insuredssn subscriberssn",
    "us_mbi": "mbi medicarebeneficiaryid medicarebeneficiaryidentifier medicareid medicarenumber medicareno",
    "us_npi": "npi npinumber providernpi npino npiid renderingnpi billingnpi",
    "us_dea": "dea deanumber deano dearegistration dearegistrationnumber",
    "mrn": "mrn mrno medicalrecordnumber medicalrecordno medicalrecord medrecno medicalrecordid patientmrn chartnumber chartno "
    "registrationnumber registrationno regno patientregistrationnumber",
    "health_plan_id": "memberid membernumber memberno subscriberid subscribernumber beneficiaryid insuranceid "
    "insurancenumber insuranceno policynumber policyno insuredid medicaidid medicaidnumber planmemberid "
    "healthplanid healthplanmemberid payermemberid",
    "dob": "dob dateofbirth birthdate birthday birthdt dobdate patientdob insureddob datebirth born",
    "person_name": "patientname fullname firstname lastname givenname familyname surname middlename "
    "maidenname mothersmaidenname membername subscribername insuredname guarantorname kinname nextofkin "
    "nextofkinname emergencycontactname patientfirstname patientlastname patientfullname fname lname "
    "legalname preferredname beneficiaryname ptname ptfullname ptfirstname ptlastname patientnm ptnm",
    "street_address": "address address1 address2 addressline addressline1 addressline2 streetaddress street "
    "homeaddress mailingaddress postaladdress residentialaddress patientaddress addr addr1 addr2 "
    "permanentaddress billingaddress ptaddress ptaddr patientaddr",
    "zip_plus4": "zip zipcode zip4 postalcode postcode",
    "phone": "phone phoneno phonenumber mobile mobileno mobilenumber tel telephone cell cellphone fax "
    "msisdn contactno contactnumber homephone workphone patientphone whatsapp sms smsto",
    "email": "email emailaddress emailid mail patientemail contactemail",
    "in_aadhaar": "aadhaar aadhar aadhaarno aadhaarnumber aadharno aadharnumber uid uidai aadhaarid uidno",
    "in_abha_number": "abha abhano abhanumber healthid healthidnumber healthidno abhaid",
    "in_abha_address": "abhaaddress phraddress healthidaddress",
    "in_pan": "pan panno pannumber pancard",
    "uk_nhs": "nhs nhsno nhsnumber nhsnum",
    "iban": "iban bankaccount accountiban ibannumber",
    "credit_card": "card cardno cardnumber cardnum creditcard creditcardnumber ccnumber ccnum cc ccno debitcard",
    "ip_address": "ip ipaddress clientip remoteip remoteaddr sourceip srcip xforwardedfor userip patientip",
    "clinical_field": "diagnosis diagnoses dx diag diagnosisdescription condition conditions problem problems "
    "problemlist chiefcomplaint complaint symptoms medication medications prescription rx drug allergy "
    "allergies procedure labresult testresult hivstatus pregnancy disability treatment clinicalnotes notes",
    "diagnosis_code": "icd icd10 icd9 icdcode icd10code diagnosiscode dxcode diagcode snomed snomedcode sctid conditioncode",
    "negative": "order orderid orderno ordernumber invoice invoiceid invoiceno txn txnid transaction transactionid "
    "request requestid reqid trace traceid span spanid correlationid sessionid build buildid version ver "
    "sku tracking trackingno trackingnumber shipment ts timestamp time epoch port pid uuid guid hash checksum "
    "sha sha1 sha256 md5 digest token nonce count size bytes duration latency elapsed ms amount price total "
    "ticket ticketid jobid taskid runid commit rev revision seq sequence offset line lineno status code "
    "errorcode ref reference refno batch batchid lot serial serialno",
}.items():
    for _name in _names.split():
        _EXACT[_name] = _role

# Word-level hints when the whole key is not listed (`patient_home_phone`, `insured_dob`).
_WORD_ROLES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"ssn"}), "us_ssn"),
    (frozenset({"aadhaar"}), "in_aadhaar"),
    (frozenset({"aadhar"}), "in_aadhaar"),
    (frozenset({"dob"}), "dob"),
    (frozenset({"mrn"}), "mrn"),
    (frozenset({"npi"}), "us_npi"),
    (frozenset({"nhs"}), "uk_nhs"),
    (frozenset({"abha"}), "in_abha_number"),
    (frozenset({"iban"}), "iban"),
    (frozenset({"email"}), "email"),
    (frozenset({"phone"}), "phone"),
    (frozenset({"mobile"}), "phone"),
    (frozenset({"icd"}), "diagnosis_code"),
    (frozenset({"diagnosis"}), "clinical_field"),
)
_COMPOUND_ROLES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"birth", "date"}), "dob"),
    (frozenset({"social", "security"}), "us_ssn"),
    (frozenset({"medical", "record"}), "mrn"),
    (frozenset({"member", "id"}), "health_plan_id"),
    (frozenset({"subscriber", "id"}), "health_plan_id"),
    (frozenset({"policy", "number"}), "health_plan_id"),
    (frozenset({"first", "name"}), "person_name"),
    (frozenset({"last", "name"}), "person_name"),
    (frozenset({"patient", "name"}), "person_name"),
    (frozenset({"full", "name"}), "person_name"),
    (frozenset({"street", "address"}), "street_address"),
    (frozenset({"home", "address"}), "street_address"),
    (frozenset({"address", "line"}), "street_address"),
    (frozenset({"postal", "code"}), "zip_plus4"),
    (frozenset({"zip", "code"}), "zip_plus4"),
    (frozenset({"card", "number"}), "credit_card"),
    (frozenset({"health", "id"}), "in_abha_number"),
)
# Keys that look like a role but are about machines, not people.
_NOT_PERSONAL = frozenset(
    "ipaddress macaddress remoteaddress serveraddress bindaddress listenaddress hostaddress "
    "emailserver mailserver mailhost smtphost username hostname filename servicename appname "
    "typename classname tablename columnname dbname bucketname".split()
)
_PROTECTED_SUFFIXES = ("masked", "mask", "hash", "hashed", "token", "tokenized", "last4", "lastfour",
                       "encrypted", "enc", "digest", "hmac", "redacted", "suffix", "present", "verified",
                       "type", "system", "status", "valid", "count", "ref", "vaultref", "reference",
                       "added", "updated", "created", "changed", "modified", "at", "length", "len", "enabled",
                       "required", "format", "field", "sent", "flag")
_PATIENT_WORDS = frozenset("patient patientid ptid member beneficiary subscriber insured encounter admission".split())


def words(key: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(key)]


# Words naming care staff, not patients (`PRVDR_LAST_NAME`, `practitionerPhone`, `doctor_email`):
# a provider's name and work contacts are public (the NPI registry lists them).
_STAFF_WORDS = frozenset(
    "provider providers prvdr prov practitioner practitioners physician physicians doctor doctors nurse nurses "
    "staff clinician clinicians prescriber prescribing attending referring rendering operating surgeon pharmacist "
    "employee employees".split()
)
_STAFF_CONTACT_ROLES = frozenset("person_name phone email street_address zip_plus4".split())


_ID_WORDS = frozenset("id ids npi number no num identifier clia".split())


@lru_cache(maxsize=4096)
def provider_identifier(key: str) -> bool:
    """A column or key holding a provider's identifier (`ordering_provider_id`, `provider_npi`,
    `npi`, `prescriberNumber`): the registry number NPPES publishes with the provider's name."""
    parts = set(words(key))
    return "npi" in parts or bool(_STAFF_WORDS & parts and _ID_WORDS & parts and not _PATIENT_WORDS & parts)


# Column roles a provider directory never holds: a patient's birth date and identifiers.
_PATIENT_ONLY_ROLES = frozenset("dob us_ssn us_mbi mrn health_plan_id in_aadhaar in_abha_number in_abha_address uk_nhs patient".split())


def provider_directory(columns: list[str]) -> bool:
    """A table whose columns name a provider's identifier and nothing that only a patient has
    (`first_name,last_name,ordering_provider_id,testing_lab_clia`): its people are providers,
    whose names, work contacts and NPIs the NPI registry publishes."""
    return any(provider_identifier(c) for c in columns) and not any(
        _PATIENT_WORDS.intersection(words(c)) or role_of(c) in _PATIENT_ONLY_ROLES for c in columns
    )


@lru_cache(maxsize=4096)
def role_of(key: str) -> str | None:
    """The role of a field named `key`, or None when the name says nothing."""
    role = _role_of_words(key)
    if role in _STAFF_CONTACT_ROLES and _STAFF_WORDS.intersection(words(key)):
        return "negative"  # a provider's or staff member's name or work contact
    return role


def _role_of_words(key: str) -> str | None:
    parts = words(key)
    if not parts:
        return None
    joined = "".join(parts)
    if joined in _NOT_PERSONAL:
        return "negative"
    role = _EXACT.get(joined)
    if role is not None:
        return role
    if len(parts) > 1 and joined.endswith(_PROTECTED_SUFFIXES):
        return "negative"  # ssn_hash, aadhaar_masked, ssn_last4: the key promises a protected value
    present = set(parts)
    for needed, role in _COMPOUND_ROLES:
        if needed <= present:
            return role
    for needed, role in _WORD_ROLES:
        if needed <= present:
            return role
    if present & _PATIENT_WORDS:
        return "patient"
    return None
