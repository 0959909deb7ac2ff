"""Deterministic, labelled PHI corpora: typical application logs with identifiers planted
at known lines, and hard negatives (look-alikes, masked forms, checksum-failing twins).

    python benchmarks/phi_corpus.py labelled tests/data/phi        # the committed test corpus
    python benchmarks/phi_corpus.py log OUT.log --mb 200 [--rate 0.01] [--seed 11]

Check digits are computed here with their own small implementations (Luhn, Verhoeff,
modulus 11 and 97, the DEA sum), independent of hms_policy's validators, so the corpus also
cross-checks them. Every value is synthetic. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import string
from pathlib import Path
from typing import Callable

# ---- identifiers, built from their published rules ------------------------------------------

_D5 = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_PERM = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]]
for _ in range(6):
    _PERM.append([_PERM[1][x] for x in _PERM[-1]])
_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_digit(body: str) -> str:
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _D5[c][_PERM[(i + 1) % 8][int(ch)]]
    return str(_INV[c])


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


class Ids:
    """Valid synthetic identifiers and their invalid twins."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def digits(self, n: int, first: str = "123456789") -> str:
        return self.r.choice(first) + "".join(self.r.choice(string.digits) for _ in range(n - 1))

    def ssn(self) -> str:
        while True:
            area = self.r.randint(1, 899)
            if area == 666:
                continue
            group, serial = self.r.randint(1, 99), self.r.randint(1, 9999)
            value = f"{area:03d}-{group:02d}-{serial:04d}"
            if value.replace("-", "") not in ("123456789", "078051120", "219099999", "457555462"):
                return value

    def bad_ssn(self) -> str:
        area = self.r.choice(["000", "666", f"9{self.r.randint(0, 99):02d}"])
        return f"{area}-{self.r.randint(10, 99):02d}-{self.r.randint(1000, 9999):04d}"

    def aadhaar(self) -> str:
        while True:
            body = self.digits(11, "23456789")
            value = body + verhoeff_digit(body)
            if value != value[::-1]:
                return value

    def bad_aadhaar(self) -> str:
        good = self.aadhaar()
        return good[:-1] + str((int(good[-1]) + self.r.randint(1, 9)) % 10)

    def nhs(self) -> str:
        while True:
            body = self.digits(9, "4689")
            check = 11 - sum((10 - i) * int(c) for i, c in enumerate(body)) % 11
            if check == 10:
                continue
            return body + str(0 if check == 11 else check)

    def bad_nhs(self) -> str:
        good = self.nhs()
        return good[:-1] + str((int(good[-1]) + 1) % 10)

    def npi(self) -> str:
        body = self.digits(9, "12")
        return body + luhn_digit("80840" + body)

    def bad_npi(self) -> str:
        good = self.npi()
        return good[:-1] + str((int(good[-1]) + 3) % 10)

    def card(self) -> str:
        body = self.r.choice(["4", "51", "52", "53", "54", "55"]) 
        body += "".join(self.r.choice(string.digits) for _ in range(15 - len(body)))
        return body + luhn_digit(body)

    def bad_card(self) -> str:
        good = self.card()
        return good[:-1] + str((int(good[-1]) + 5) % 10)

    def dea(self) -> str:
        d = [self.r.randint(0, 9) for _ in range(6)]
        check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
        return self.r.choice("ABFGM") + self.r.choice(string.ascii_uppercase) + "".join(map(str, d)) + str(check)

    def mbi(self) -> str:
        letters = "ACDEFGHJKMNPQRTUVWXY"
        a, an, n = (lambda: self.r.choice(letters)), (lambda: self.r.choice(letters + string.digits)), (lambda: self.r.choice(string.digits))
        return f"{self.r.choice('123456789')}{a()}{an()}{n()}{a()}{an()}{n()}{a()}{a()}{n()}{n()}"

    def iban(self) -> str:
        bban = "".join(self.r.choice(string.digits) for _ in range(18))  # DE: 8-digit bank + 10-digit account
        number = int("".join(str(int(c, 36)) for c in bban + "DE00"))
        return f"DE{98 - number % 97:02d}{bban}"

    def abha(self) -> str:
        return "91" + self.digits(12, "123456789")

    def pan(self) -> str:
        up = string.ascii_uppercase
        return "".join(self.r.choice(up) for _ in range(3)) + "P" + self.r.choice(up) + f"{self.r.randint(1, 9999):04d}" + self.r.choice(up)

    def phone_us(self) -> str:
        def nxx() -> int:  # NANP: 2-9 first, and no N11 service codes
            while True:
                value = self.r.randint(201, 989)
                if value % 100 != 11:
                    return value
        return f"({nxx()}) {nxx()}-{self.r.randint(0, 9999):04d}"

    def mobile_in(self) -> str:
        return self.r.choice("6789") + self.digits(9, "0123456789")

    def date(self) -> tuple[int, int, int]:
        return self.r.randint(1930, 2015), self.r.randint(1, 12), self.r.randint(1, 28)

    def public_ip(self) -> str:
        return f"{self.r.choice([23, 45, 81, 91, 104, 151, 185])}.{self.r.randint(0, 255)}.{self.r.randint(0, 255)}.{self.r.randint(1, 254)}"


FIRST = "Asha Ravi Maria Omar Priya Liam Sofia Chen Aarav Fatima Lukas Amara Diego Yuki Noah Ines Kofi Meera".split()
LAST = "Verma Kumar Lopez Haddad Iyer Byrne Rossi Wei Sharma Khan Becker Okafor Silva Tanaka Murphy Duarte Mensah Rao".split()
STREETS = "Elm Road|Baker Street|MG Road|Main Street|Station Lane|Park Avenue|Church Road|Nehru Marg".split("|")
DOMAINS = "gmail.com outlook.com yahoo.co.in proton.me hospital-mail.in clinicnet.org".split()
ICD = "E11.9 I10 J45.909 F32.9 C50.911 N18.3 K21.9 M54.5".split()
SNOMED = "44054006 38341003 195967001 35489007 73211009".split()

# ---- line templates --------------------------------------------------------------------------

Template = Callable[["Gen"], tuple[str, list[str]]]


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.ids = Ids(self.r)
        self.n = 0

    def ts(self) -> str:
        self.n += 1
        s = self.n
        return f"2026-11-02T{(s // 3600) % 24:02d}:{(s // 60) % 60:02d}:{s % 60:02d}.{self.r.randint(0, 999):03d}Z"

    def name(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def email(self) -> str:
        return f"{self.r.choice(FIRST).lower()}.{self.r.choice(LAST).lower()}{self.r.randint(1, 99)}@{self.r.choice(DOMAINS)}"

    def hexid(self, n: int = 16) -> str:
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def pid(self) -> int:
        return self.r.randint(1000, 99999)

    def iso(self, d: tuple[int, int, int]) -> str:
        return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


def _grp(value: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for s in sizes:
        out.append(value[i : i + s])
        i += s
    return sep.join(out)


POSITIVE: list[Template] = [
    lambda g: (f"{g.ts()} INFO eligibility check patient_id={g.pid()} ssn={g.ids.ssn()} plan=gold", ["us_ssn"]),
    lambda g: (json.dumps({"ts": g.ts(), "level": "info", "msg": "claim submitted", "member": {"ssn": g.ids.ssn().replace("-", ""), "id": g.pid()}}), ["us_ssn"]),
    lambda g: (f"{g.ts()} WARN intake form SSN {g.ids.ssn()} captured", ["us_ssn"]),
    lambda g: (f"{g.ts()} INFO forwarding record {g.ids.ssn()} to clearinghouse", ["us_ssn"]),
    lambda g: (f"{g.ts()} DEBUG medicare mbi={g.ids.mbi()} verified", ["us_mbi"]),
    lambda g: (f"{g.ts()} INFO 270 eligibility response for {_grp(g.ids.mbi(), (4, 3, 4), '-')}", ["us_mbi"]),
    lambda g: (f"{g.ts()} INFO claim rendering_npi={g.ids.npi()} units=2", ["us_npi"]),
    lambda g: (f"{g.ts()} INFO eRx signed by prescriber DEA {g.ids.dea()}", ["us_dea"]),
    lambda g: (f"{g.ts()} INFO chart opened mrn={g.r.randint(100000, 9999999):08d} by user={g.hexid(6)}", ["mrn"]),
    lambda g: (json.dumps({"ts": g.ts(), "event": "eligibility", "member_id": f"HX{g.r.randint(10**7, 10**8 - 1)}"}), ["health_plan_id"]),
    lambda g: (f"{g.ts()} INFO callback requested by patient {g.pid()} at {g.ids.phone_us()}", ["us_phone"]),
    lambda g: (f"{g.ts()} INFO patient {g.pid()} moved to zip {g.r.randint(10000, 99999)}-{g.r.randint(1000, 9999)}", ["zip_plus4"]),
    lambda g: (f"{g.ts()} INFO ekyc verified aadhaar={_grp(g.ids.aadhaar(), (4, 4, 4), ' ')} consent=yes", ["in_aadhaar"]),
    lambda g: (f"{g.ts()} INFO offline ekyc for {_grp(g.ids.aadhaar(), (4, 4, 4), '-')} completed", ["in_aadhaar"]),
    lambda g: (json.dumps({"ts": g.ts(), "event": "registration", "aadhaar_number": g.ids.aadhaar()}), ["in_aadhaar"]),
    lambda g: (f"{g.ts()} INFO ABHA created {_grp(g.ids.abha(), (2, 4, 4, 4), '-')} for enrolment", ["in_abha_number"]),
    lambda g: (json.dumps({"ts": g.ts(), "healthIdNumber": g.ids.abha(), "status": "ACTIVE"}), ["in_abha_number"]),
    lambda g: (f"{g.ts()} INFO care context linked to {g.r.choice(FIRST).lower()}.{g.r.choice(LAST).lower()}{g.r.randint(10, 99)}@{g.r.choice(['abdm', 'sbx'])}", ["in_abha_address"]),
    lambda g: (f"{g.ts()} INFO sms sent to +91 {g.ids.mobile_in()[:5]} {g.r.randint(10000, 99999)}", ["in_mobile"]),
    lambda g: (f"{g.ts()} INFO otp mobile={g.ids.mobile_in()} sent", ["in_mobile"]),
    lambda g: (f"{g.ts()} INFO patient {g.pid()} pan={g.ids.pan()} billing=opd", ["in_pan"]),
    lambda g: (f"{g.ts()} INFO PDS trace nhs_number={g.ids.nhs()} matched", ["uk_nhs"]),
    lambda g: (f"{g.ts()} INFO referral received, NHS No: {_grp(g.ids.nhs(), (3, 3, 4), ' ')}", ["uk_nhs"]),
    lambda g: (f"{g.ts()} INFO patient {g.pid()} refund to {g.ids.iban()} queued", ["iban"]),
    lambda g: (f"{g.ts()} INFO reminder to +49 30 {g.r.randint(1000, 9999)} {g.r.randint(1000, 9999)} queued", ["eu_phone"]),
    lambda g: (f"{g.ts()} INFO portal login {g.email()} ok", ["email"]),
    lambda g: (json.dumps({"ts": g.ts(), "patient_id": str(g.pid()), "email": g.email()}), ["email"]),
    lambda g: (f"{g.ts()} INFO verify patient dob={g.iso(g.ids.date())}", ["dob"]),
    lambda g: (f"{g.ts()} INFO identity check Date of Birth: {g.ids.date()[2]:02d}/{g.ids.date()[1]:02d}/{g.ids.date()[0]}", ["dob"]),
    lambda g: (f'{g.ts()} INFO admit patient_name="{g.name()}" ward=4B', ["person_name"]),
    lambda g: (json.dumps({"ts": g.ts(), "event": "checkin", "first_name": g.r.choice(FIRST), "last_name": g.r.choice(LAST)}), ["person_name"]),
    lambda g: (f'{g.ts()} INFO update patient address="{g.r.randint(1, 400)} {g.r.choice(STREETS)}" ok', ["street_address"]),
    lambda g: (f'{g.ts()} INFO portal login client_ip={g.ids.public_ip()} patient_name="{g.name()}"', ["ip_address", "person_name"]),
    lambda g: (f"{g.ts()} INFO copay charged card {_grp(g.ids.card(), (4, 4, 4, 4), ' ')} ok", ["credit_card"]),
    lambda g: (f"{g.ts()} INFO encounter closed patient_id={g.pid()} icd10={g.r.choice(ICD)}", ["diagnosis_code"]),
    lambda g: (json.dumps({"resourceType": "Condition", "subject": {"reference": f"Patient/{g.pid()}"}, "code": {"coding": [{"system": "http://snomed.info/sct", "code": g.r.choice(SNOMED)}]}}, separators=(",", ":")), ["diagnosis_code", "fhir_clinical"]),
    lambda g: (f'{g.ts()} INFO triage mrn={g.r.randint(100000, 9999999):08d} diagnosis="community acquired pneumonia"', ["mrn", "clinical_field"]),
    lambda g: (f"{g.ts()} INFO HL7 in MSH|^~\\&|ADT|HOSP|||20261102||ADT^A01|{g.pid()}|P|2.5\\rPID|1||{g.pid()}^^^HOSP^MR||{g.r.choice(LAST).upper()}^{g.r.choice(FIRST).upper()}||{g.ids.date()[0]}0{g.r.randint(1, 9)}1{g.r.randint(0, 9)}|F",
               ["mrn", "person_name", "dob"]),
    lambda g: (f'{g.ids.public_ip()} - - [02/Nov/2026:10:{g.r.randint(10, 59)}:00 +0000] "GET /api/lookup?ssn={g.ids.ssn()}&plan=gold HTTP/1.1" 200 {g.r.randint(100, 999)} "-" "curl/8.4"', ["us_ssn", "ip_address"]),
    lambda g: (f'{g.ids.public_ip()} - - [02/Nov/2026:10:{g.r.randint(10, 59)}:00 +0000] "GET /patients/search?email={g.email().replace("@", "%40")} HTTP/1.1" 200 {g.r.randint(100, 999)}', ["email", "ip_address"]),
]

NEGATIVE: list[Template] = [
    lambda g: (f"{g.ts()} INFO order={g.r.randint(100, 899)}-{g.r.randint(10, 99)}-{g.r.randint(1000, 9999)} shipped", []),
    lambda g: (f"{g.ts()} INFO invoice_no={g.r.randint(100, 899)}-{g.r.randint(10, 99)}-{g.r.randint(1000, 9999)} paid", []),
    lambda g: (f"{g.ts()} INFO patient ssn=***-**-{g.r.randint(1000, 9999)} verified", []),
    lambda g: (f"{g.ts()} INFO patient ssn=XXX-XX-{g.r.randint(1000, 9999)} verified", []),
    lambda g: (f"{g.ts()} INFO kyc aadhaar=XXXX-XXXX-{g.r.randint(1000, 9999)} consent=yes", []),
    lambda g: (f"{g.ts()} INFO patient ssn=[REDACTED] dob=<masked> name=[REDACTED]", []),
    lambda g: (f"{g.ts()} INFO patient ssn_hash={g.hexid(64)}", []),
    lambda g: (f"{g.ts()} INFO patient token=tok_{g.hexid(24)} mrn=******{g.r.randint(10, 99)}", []),
    lambda g: (f"{g.ts()} INFO patient ssn={g.ids.bad_ssn()} rejected by validator", []),
    lambda g: (f"{g.ts()} INFO aadhaar={_grp(g.ids.bad_aadhaar(), (4, 4, 4), ' ')} failed checksum", []),
    lambda g: (f"{g.ts()} INFO nhs_number={g.ids.bad_nhs()} not found in PDS", []),
    lambda g: (f"{g.ts()} INFO claim rendering_npi={g.ids.bad_npi()} rejected", []),
    lambda g: (f"{g.ts()} INFO copay card {_grp(g.ids.bad_card(), (4, 4, 4, 4), ' ')} declined", []),
    lambda g: (f"{g.ts()} INFO test card 4111 1111 1111 1111 accepted in sandbox", []),
    lambda g: (f"{g.ts()} INFO build version={g.r.randint(1, 9)}.{g.r.randint(0, 30)}.{g.r.randint(0, 99)}.{g.r.randint(0, 999)} deployed", []),
    lambda g: (f"{g.ts()} INFO epoch={g.r.randint(1600000000, 1800000000)} epoch_ms={g.r.randint(1600000000000, 1800000000000)}", []),
    lambda g: (f"{g.ts()} INFO trace_id={g.hexid(32)} span_id={g.hexid(16)} request_id={g.r.randint(10**11, 10**12 - 1)}", []),
    lambda g: (f"{g.ts()} INFO callback (555) 555-01{g.r.randint(0, 99):02d} requested", []),
    lambda g: (f"{g.ts()} INFO mail from noreply@{g.r.choice(DOMAINS)} delivered", []),
    lambda g: (f"{g.ts()} INFO example user jane@example.com in docs", []),
    lambda g: (f"{g.ts()} INFO stats icd10={g.r.choice(ICD)} count={g.r.randint(10, 5000)}", []),
    lambda g: (f"{g.ts()} INFO service name=billing-api started on {g.ids.public_ip()}:8080", []),
    lambda g: (f"{g.ts()} INFO hostname=ip-10-0-{g.r.randint(0, 255)}-{g.r.randint(0, 255)} username=svc_etl", []),
    lambda g: (f"{g.ts()} INFO batch {g.ids.aadhaar()} done", []),
    lambda g: (f"{g.ts()} INFO latency {g.r.randint(200, 899)}-{g.r.randint(200, 899)}-{g.r.randint(1000, 9999)} ns", []),
    lambda g: (f"{g.ts()} INFO sku={g.ids.dea()} restocked", []),
    lambda g: (f'{g.ids.public_ip()} - - [02/Nov/2026:10:{g.r.randint(10, 59)}:00 +0000] "GET /api/patients/{g.pid()} HTTP/1.1" 200 {g.r.randint(100, 999)} "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148"', []),
    lambda g: (f"{g.ts()} INFO precondition failed condition=ready generation={g.r.randint(1, 99)}", []),
    lambda g: (f"{g.ts()} INFO created_at={g.iso(g.ids.date())} updated_at=2026-11-02", []),
    lambda g: (f"{g.ts()} INFO verify patient dob={g.ids.date()[0]} (year only)", []),
    lambda g: (f'{g.ts()} INFO admit patient_name="John Doe" ward=4B', []),
    lambda g: (f"{g.ts()} INFO vendor payout to {g.ids.iban()} scheduled", []),
    lambda g: (f"{g.ts()} INFO listening address=0.0.0.0:8080 remote_addr=10.0.{g.r.randint(0, 255)}.{g.r.randint(1, 254)}", []),
    lambda g: (f"{g.ts()} INFO phone=<masked> mobile=98XXXXXX{g.r.randint(10, 99)}", []),
    lambda g: (f"{g.ts()} INFO uploaded logo@2x.png size={g.r.randint(100, 99999)}", []),
]

ORDINARY: list[Template] = [
    lambda g: (f"{g.ts()} INFO http request method=GET path=/api/v1/appointments status=200 duration_ms={g.r.randint(1, 900)} request_id={g.hexid()}", []),
    lambda g: (json.dumps({"ts": g.ts(), "level": "info", "logger": "scheduler", "msg": "job finished", "job": g.hexid(8), "elapsed_ms": g.r.randint(1, 9999)}), []),
    lambda g: (f'{g.ids.public_ip()} - - [02/Nov/2026:10:{g.r.randint(10, 59)}:{g.r.randint(10, 59)} +0000] "GET /static/app.{g.hexid(8)}.js HTTP/1.1" 200 {g.r.randint(1000, 99999)} "https://portal.example.org/" "Mozilla/5.0 (X11; Linux x86_64)"', []),
    lambda g: (f"Nov  2 10:{g.r.randint(10, 59)}:{g.r.randint(10, 59)} web-{g.r.randint(1, 9)} systemd[1]: Started Session {g.r.randint(1, 9999)} of user deploy.", []),
    lambda g: (f"{g.ts()} DEBUG db pool size={g.r.randint(1, 50)} idle={g.r.randint(0, 20)} wait_ms={g.r.randint(0, 99)}", []),
    lambda g: (f"{g.ts()} WARN retrying upstream=inventory attempt={g.r.randint(1, 5)} backoff_ms={g.r.randint(10, 5000)}", []),
    lambda g: (f"{g.ts()} INFO cache hit ratio={g.r.random():.3f} keys={g.r.randint(100, 99999)}", []),
    lambda g: (f"{g.ts()} ERROR Traceback (most recent call last): File \"/app/svc/handlers.py\", line {g.r.randint(1, 999)}, in handle", []),
]


def labelled_lines(seed: int, count: int, positive_share: float = 0.3, negative_share: float = 0.35) -> list[tuple[str, list[str]]]:
    g = Gen(seed)
    out = []
    for _ in range(count):
        roll = g.r.random()
        pool = POSITIVE if roll < positive_share else NEGATIVE if roll < positive_share + negative_share else ORDINARY
        out.append(g.r.choice(pool)(g))
    return out


def write_labelled(root: Path, seed: int = 20261102, count: int = 2400) -> None:
    """The committed test corpus: corpus.log plus labels.json {file: {line: [types]}}."""
    root.mkdir(parents=True, exist_ok=True)
    lines = labelled_lines(seed, count)
    (root / "corpus.log").write_text("\n".join(text for text, _ in lines) + "\n")
    labels = {str(i): types for i, (_, types) in enumerate(lines, 1) if types}
    existing = json.loads((root / "labels.json").read_text()) if (root / "labels.json").is_file() else {}
    existing["corpus.log"] = labels
    (root / "labels.json").write_text(json.dumps(existing, indent=1, sort_keys=True) + "\n")


def write_log(path: Path, megabytes: float, seed: int = 11, rate: float = 0.01) -> int:
    """A typical application log: `rate` of the lines carry an identifier, as many are hard
    negatives, the rest is ordinary traffic. Returns the number of bytes written."""
    g = Gen(seed)
    target = int(megabytes * 1024 * 1024)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        batch: list[str] = []
        while written < target:
            roll = g.r.random()
            pool = POSITIVE if roll < rate else NEGATIVE if roll < 2 * rate else ORDINARY
            line = g.r.choice(pool)(g)[0] + "\n"
            batch.append(line)
            written += len(line.encode())
            if len(batch) >= 4096:
                out.write("".join(batch))
                batch = []
        out.write("".join(batch))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    lab = sub.add_parser("labelled")
    lab.add_argument("root", type=Path)
    log = sub.add_parser("log")
    log.add_argument("out", type=Path)
    log.add_argument("--mb", type=float, default=100)
    log.add_argument("--rate", type=float, default=0.01)
    log.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if args.what == "labelled":
        write_labelled(args.root)
    else:
        print(write_log(args.out, args.mb, args.seed, args.rate))


if __name__ == "__main__":
    main()
