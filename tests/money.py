"""The reward money of one award, as every page and import computes it (`money_table`), for
tests that check amounts one at a time."""

import datetime as dt

from thidua.catalog.selectors import money_table


def reward_money(code: str, subject_kind: str, decided_on: dt.date) -> int:
    return money_table().amount(code, subject_kind, decided_on)
