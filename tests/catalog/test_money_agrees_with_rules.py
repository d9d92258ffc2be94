"""The ledger prices awards from the catalog; the engine quotes money from its rule set.
Both read the same decrees, so for decisions under Decree 152/2025 they must agree."""

import datetime as dt

import pytest

from tests.money import reward_money
from thidua import rules

DAYS = [dt.date(2025, 8, 1), dt.date(2026, 7, 2)]
CASES = [(code, kind) for code, kinds in {
    "LDTT": ["individual"], "CSTDCS": ["individual"], "CSTD_TINH": ["individual"], "CSTD_TQ": ["individual"],
    "TTLDTT": ["collective"], "TTLDXS": ["collective"], "CO_TINH": ["collective"], "CO_CP": ["collective"],
    "GK": ["individual", "collective"], "BK_TINH": ["individual", "collective"], "BK_TTG": ["individual", "collective"],
    "HCLD3": ["individual", "collective"], "HCLD2": ["individual", "collective"], "HCLD1": ["individual", "collective"],
}.items() for kind in kinds]


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize(("code", "kind"), CASES)
def test_catalog_and_engine_give_the_same_amount(catalog, code, kind, day):
    assert reward_money(code, kind, day) == rules.reward_amount(code, kind, day)
