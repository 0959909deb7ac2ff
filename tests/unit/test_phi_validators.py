"""Checksums and format rules of the PHI validators, with the published examples and their
one-digit-off twins."""

from __future__ import annotations

import datetime as _dt

import pytest

from hms_policy.detectors.phi import validators as v


def _complete(body: str, check) -> str:  # type: ignore[no-untyped-def]
    return next(body + d for d in "0123456789" if check(body + d))


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (v.ssn, "512348891", "512008891"),  # group 00
        (v.ssn, "401236789", "666236789"),  # area 666
        (v.npi, "1234567893", "1234567890"),  # CMS example; Luhn over 80840
        (v.dea, "AB1234563", "AB1234564"),
        (v.mbi, "1EG4TE5MK73", "1SG4TE5MK73"),  # CMS example; S never used
        (v.nhs, "9434765919", "9434765918"),
        (v.aadhaar, "234123412346", "234123412347"),
        (v.iban, "GB82WEST12345698765432", "GB82WEST12345698765433"),
        (v.iban, "DE89370400440532013000", "DE89370400440532013001"),
        (v.card, "4539148803436467", "4539148803436468"),
        (v.pan, "ABCPE1234F", "ABCXE1234F"),
        (v.snomed_id, "44054006", "44054007"),
    ],
)
def test_valid_and_checksum_twin(check, good: str, bad: str) -> None:  # type: ignore[no-untyped-def]
    assert check(good)
    assert not check(bad)


@pytest.mark.parametrize("ssn", ["000123456", "666123456", "900123456", "999123456", "512000000", "512340000", "123456789", "078051120", "111111111"])
def test_ssa_rules_reject(ssn: str) -> None:
    assert not v.ssn(ssn)


def test_aadhaar_rules() -> None:
    valid = _complete("49183726450", v.verhoeff)
    assert v.aadhaar(valid)
    assert not v.aadhaar("1" + valid[1:])  # first digit 0 or 1 is never issued
    assert not v.aadhaar("23412341234")  # 11 digits
    palindrome = "234565565432"
    assert not v.aadhaar(palindrome)


def test_verhoeff_catches_every_single_digit_error_and_adjacent_swap() -> None:
    assert _complete("236", v.verhoeff) == "2363"  # the textbook example: check digit 3
    number = _complete("8473643095483728456", v.verhoeff)
    for i in range(len(number)):
        for d in "0123456789":
            if d != number[i]:
                assert not v.verhoeff(number[:i] + d + number[i + 1 :])
    for i in range(len(number) - 1):
        if number[i] != number[i + 1]:
            assert not v.verhoeff(number[:i] + number[i + 1] + number[i] + number[i + 2 :])


def test_nhs_check_digit_ten_is_never_valid() -> None:
    # 10-digit numbers whose computed check would be 10 are invalid whatever the last digit.
    body = next(b for b in (f"{n:09d}" for n in range(100000000, 100000200)) if 11 - sum((10 - i) * int(c) for i, c in enumerate(b)) % 11 == 10)
    assert not any(v.nhs(body + d) for d in "0123456789")


def test_card_needs_a_known_issuer_and_length() -> None:
    assert v.card("378282246310005")  # Amex length 15
    assert not v.card(_complete("9" * 15, v.luhn))  # no issuer starts with 9
    assert not v.card(_complete("4" * 14, v.luhn))  # Visa is 13, 16 or 19 digits


def test_abha_number_has_no_checksum_but_rejects_fillers() -> None:
    assert v.abha_number("91417288536021")
    assert not v.abha_number("91111111111111")
    assert not v.abha_number("91123456789012")  # a keyboard run
    assert not v.abha_number("9141728853602")


def test_birth_date_range() -> None:
    today = _dt.date(2026, 11, 2)
    assert v.birth_date(1975, 4, 12, today)
    assert not v.birth_date(1899, 1, 1, today)
    assert not v.birth_date(2027, 1, 1, today)
    assert not v.birth_date(1975, 2, 30, today)
