"""Published constants that look random: SHA-2 round constants and initial values, the MODP
Diffie-Hellman primes of RFC 2409 and RFC 3526, digests of the empty input. Crypto libraries
carry them as hex literals; they are computed here (not copied), once, on first use."""

from __future__ import annotations

import hashlib
from functools import lru_cache

# RFC 2409 section 6 and RFC 3526: p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) * pi) + k).
_MODP = ((768, 149686), (1024, 129093), (1536, 741804), (2048, 124476), (3072, 1690314), (4096, 240904), (6144, 929484), (8192, 4743158))


def _pi_scaled(bits: int) -> int:
    """floor(pi * 2^bits), by Machin's formula in integer arithmetic with guard bits."""
    guard = 64
    one = 1 << (bits + guard)

    def arctan_inv(x: int) -> int:
        total, term, n, sign = 0, one // x, 1, 1
        while term:
            total += sign * (term // n)
            term //= x * x
            n += 2
            sign = -sign
        return total

    return (4 * (4 * arctan_inv(5) - arctan_inv(239))) >> guard


def _modp_primes() -> list[str]:
    pi = _pi_scaled(8192)
    out = []
    for n, k in _MODP:
        p = 2**n - 2 ** (n - 64) - 1 + 2**64 * ((pi >> (8192 - (n - 130))) + k)
        out.append(format(p, "x"))
    return out


def _primes(count: int) -> list[int]:
    found: list[int] = []
    candidate = 2
    while len(found) < count:
        if all(candidate % p for p in found if p * p <= candidate):
            found.append(candidate)
        candidate += 1
    return found


def _iroot(value: int, k: int) -> int:
    """floor(value ** (1/k)) for integers."""
    low, high = 0, 1 << (value.bit_length() // k + 1)
    while low < high:
        mid = (low + high + 1) // 2
        if mid**k <= value:
            low = mid
        else:
            high = mid - 1
    return low


def _sha2_words() -> set[str]:
    """SHA-256/512 round constants (cube roots of the first 80 primes) and initial values
    (square roots of the first 16), as 64-bit words and their 32-bit halves."""
    words: set[str] = set()
    for k, primes in ((3, _primes(80)), (2, _primes(16))):
        for p in primes:
            frac = _iroot(p << (64 * k), k) & ((1 << 64) - 1)
            words.update((format(frac, "016x"), format(frac >> 32, "08x"), format(frac & 0xFFFFFFFF, "08x")))
    return words


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[str, ...], frozenset[str]]:
    empty = {getattr(hashlib, name)(b"").hexdigest() for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")}
    return tuple(_modp_primes()), frozenset(_sha2_words() | empty)


def is_published_constant(value: str) -> bool:
    """A hex value that is (part of) a published constant, not key material."""
    v = value.strip().strip("'\"`").lower()
    if len(v) < 8 or any(c not in "0123456789abcdef" for c in v):
        return False
    primes, words = _tables()
    return v in words or (len(v) >= 32 and any(v in p for p in primes))
