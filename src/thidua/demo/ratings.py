"""Yearly ratings and discipline: plausible shares, and people who stay good or weak.

A person has a usual level (tier) and mostly repeats it, so streaks such as three
"HTXSNV" years in a row occur as they do in real records; the overall shares stay close
to 20 % HTXSNV, 60 % HTTNV, 17 % HTNV, 3 % KHTNV.
"""

import datetime as dt
import random
from bisect import bisect
from itertools import accumulate

KHTNV = "KHTNV"
ORDER = ("HTXSNV", "HTTNV", "HTNV", KHTNV)  # best first
_PASSING = ORDER[:3]
_PASSING_CUM = tuple(accumulate((20.6, 61.9, 17.5)))
_UNIT_CUM = tuple(accumulate((30, 55, 13, 2)))
FAIL_RATE = 0.03
KEEP_TIER = 0.70

# (form, weight, months in force, worst rating allowed that year)
DISCIPLINE_FORMS = (
    ("khien_trach", 60, 6, "HTNV"),
    ("canh_cao", 28, 12, "HTNV"),
    ("ha_bac_luong", 8, 12, KHTNV),
    ("giang_chuc", 3, 12, KHTNV),
    ("cach_chuc", 1, 12, KHTNV),
)
_DISCIPLINE_CUM = tuple(accumulate(w for _, w, _, _ in DISCIPLINE_FORMS))
DISCIPLINE_REASONS = (
    "Vi phạm quy định về thời giờ làm việc",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
    "Vi phạm quy chế chuyên môn",
    "Vi phạm quy định về quản lý tài chính, tài sản công",
    "Vi phạm quy tắc ứng xử của cán bộ, công chức, viên chức",
    "Chậm giải quyết hồ sơ thủ tục hành chính của công dân",
)


def passing(rng: random.Random) -> str:
    return _PASSING[bisect(_PASSING_CUM, rng.random() * _PASSING_CUM[-1])]


def person_rating(rng: random.Random, tier: str) -> str:
    r = rng.random()
    if r < FAIL_RATE:
        return KHTNV
    return tier if r < FAIL_RATE + KEEP_TIER else passing(rng)


def unit_rating(rng: random.Random) -> str:
    return ORDER[bisect(_UNIT_CUM, rng.random() * _UNIT_CUM[-1])]


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1)


def discipline(rng: random.Random, year: int) -> tuple[str, dt.date, dt.date, str, str]:
    """A discipline decided in YEAR: (form, decided_on, effective_until, reason, worst rating that year)."""
    form, _, months, worst = DISCIPLINE_FORMS[bisect(_DISCIPLINE_CUM, rng.random() * _DISCIPLINE_CUM[-1])]
    decided = dt.date(year, rng.randint(2, 11), rng.randint(1, 28))
    return form, decided, _add_months(decided, months), rng.choice(DISCIPLINE_REASONS), worst


def worse(a: str, b: str) -> str:
    return a if ORDER.index(a) >= ORDER.index(b) else b
