from decimal import Decimal

import pytest

from thidua.rules import quorum, vote_rule


@pytest.mark.parametrize(("ruleset", "code", "share", "basis"), [
    ("2025", "CSTDCS", "0.80", "members"),
    ("2025", "CSTD_TINH", "0.90", "members"),
    ("2025", "CO_TINH", "0.80", "members"),
    ("2024", "CSTD_TQ", "0.90", "members"),
    ("2025", "BK_TINH", "0.5001", "present"),
    ("2025", "LDTT", "0.5001", "present"),
])
def test_each_kind_reads_its_vote_from_its_own_rule(ruleset, code, share, basis):
    rule = vote_rule(ruleset, code)
    assert (rule.share, rule.basis) == (Decimal(share), basis)
    assert ("Nghị định 98/2023/NĐ-CP" in rule.article) if basis == "members" else ("Hội đồng" in rule.article)


def test_quorum_figures_are_settings():
    assert quorum("2025") == (Decimal("0.6667"), Decimal("0.80"))
