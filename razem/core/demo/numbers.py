"""Registry numbers for demo organisations: KRS, NIP and REGON with valid checksums.

The numbers are drawn from a seeded random generator, so every run gives the same
ones. KRS numbers come from a range the court register has not reached yet
(0009100000 and up), so a demo organisation never shares a real entity's number.
"""

import random

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
KRS_FIRST = 9_100_000
KRS_LAST = 9_999_999


def nip_check_digit(first_nine: str) -> int | None:
    """The NIP control digit, or None when the sum gives 10 (no valid NIP)."""
    total = sum(int(d) * w for d, w in zip(first_nine, NIP_WEIGHTS, strict=True))
    digit = total % 11
    return None if digit == 10 else digit


def regon9_check_digit(first_eight: str) -> int:
    """The 9-digit REGON control digit (a sum giving 10 becomes 0)."""
    total = sum(int(d) * w for d, w in zip(first_eight, REGON9_WEIGHTS, strict=True))
    return total % 11 % 10


class NumberSource:
    """Unique KRS, NIP and REGON numbers from one seeded generator.

    `taken` holds numbers that must not be produced (used by other organisations).
    """

    def __init__(self, rng: random.Random, taken: set[str] | None = None):
        self.rng = rng
        self.used: set[str] = set(taken or ())

    def _fresh(self, make) -> str:
        while True:
            value = make()
            if value is not None and value not in self.used:
                self.used.add(value)
                return value

    def krs(self) -> str:
        return self._fresh(lambda: f"{self.rng.randint(KRS_FIRST, KRS_LAST):010d}")

    def nip(self) -> str:
        def make():
            # The first three digits name a tax office; none starts with 0.
            body = f"{self.rng.randint(101, 999)}{self.rng.randint(0, 999_999):06d}"
            digit = nip_check_digit(body)
            return None if digit is None else f"{body}{digit}"

        return self._fresh(make)

    def regon(self) -> str:
        def make():
            body = f"{self.rng.randint(10_000_000, 99_999_999)}"
            return f"{body}{regon9_check_digit(body)}"

        return self._fresh(make)
