"""Reward money for tests: as every page and import computes it (`money_table`, from the
database), or from the catalog files alone (`file_table`, no database) for the engine's
worked cases."""

import datetime as dt
from functools import cache

from thidua.catalog import loader
from thidua.catalog.money import MoneyTable
from thidua.catalog.selectors import money_table


def reward_money(code: str, subject_kind: str, decided_on: dt.date) -> int:
    return money_table().amount(code, subject_kind, decided_on)


@cache
def file_table() -> MoneyTable:
    """The legal tables as the catalog files hold them (what `thidua catalog load` writes)."""
    kinds = [(e.code, e.valid_from, 0, e.data["subjects"], e.data["coefficients"], e.data["name"])
             for e in loader.load_kinds()]
    salaries = [(s.effective_from, 0, s.amount, s.rounding, s.rounding_step) for s in loader.load_salaries()]
    return MoneyTable(kinds, salaries)


def file_money(code: str, subject_kind: str, decided_on: dt.date | str) -> int:
    day = decided_on if isinstance(decided_on, dt.date) else dt.date.fromisoformat(decided_on)
    return file_table().amount(code, subject_kind, day)


@cache
def ranks() -> dict[str, int]:
    """Each kind's rank in the catalog files (a higher award ranks higher, Decree 152 Art. 49(3))."""
    return {e.code: e.data["rank"] for e in loader.load_kinds()}
