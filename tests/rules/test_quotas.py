"""check_quotas: list-level limits from the rule set's settings."""

from thidua.rules import check_quotas, ruleset_from_mapping
from thidua.rules.quotas import Proposal


def ldtt(unit, n):
    return [Proposal(f"{unit}-ldtt-{i}", "LDTT", unit=unit) for i in range(n)]


def test_no_national_cap_on_cstdcs():
    proposals = ldtt("A", 10) + [Proposal(f"cs-{i}", "CSTDCS", unit="A") for i in range(10)]
    assert check_quotas("2025", proposals) == []


def test_cap_per_unit_and_ranking_of_who_falls_out(hs_ruleset):
    proposals = ldtt("A", 40) + ldtt("B", 20) + [
        Proposal("a1", "CSTDCS", unit="A", vote_share=1.0),
        Proposal("a2", "CSTDCS", unit="A", vote_share=0.9, woman=True),
        Proposal("a3", "CSTDCS", unit="A", vote_share=0.9),
        Proposal("b1", "CSTDCS", unit="B", vote_share=0.95),
        Proposal("b2", "CSTDCS", unit="B", vote_share=0.85),
        Proposal("b3", "CSTDCS", unit="B", vote_share=0.80),
        Proposal("b4", "CSTDCS", unit="B", vote_share=0.99),
    ]
    found = {q.scope: q for q in check_quotas(hs_ruleset, proposals)}
    assert set(found) == {"B"}  # A: 3 ≤ 6; B: 15 % of 20 = 3
    b = found["B"]
    assert (b.allowed, b.proposed, b.excess, b.over) == (3, 4, 1, ("b3",))
    assert "vượt 1" in b.message and b.limit == "cstdcs_cap_pct_of_ldtt"


def test_women_kept_first_on_equal_votes():
    capped = ruleset_from_mapping({"id": "cap-50", "extends": "2025", "settings": {"cstdcs_cap_pct_of_ldtt": 50}})
    proposals = [*ldtt("A", 2), Proposal("man", "CSTDCS", unit="A", vote_share=0.9),
                 Proposal("woman", "CSTDCS", unit="A", vote_share=0.9, woman=True)]
    [excess] = check_quotas(capped, proposals)
    assert excess.over == ("man",)


def test_flags_per_bloc():
    proposals = [
        {"subject": "u1", "code": "CO_TINH", "bloc": "Khối Nội chính"},
        {"subject": "u2", "code": "CO_TINH", "bloc": "Khối Nội chính", "vote_share": 0.5},
        {"subject": "u3", "code": "CO_TINH", "bloc": "Khối Kinh tế"},
    ]
    [excess] = check_quotas("2025", proposals)
    assert (excess.scope, excess.allowed, excess.proposed, excess.excess) == ("Khối Nội chính", 1, 2, 1)
    assert excess.over == ("u1",)
    assert "Khối Nội chính" in excess.message


def test_ttldxs_share_when_a_province_sets_one():
    capped = ruleset_from_mapping({"id": "xs-20", "extends": "2025", "settings": {"ttldxs_cap_pct_of_ttldtt": 20}})
    proposals = [Proposal(f"t{i}", "TTLDTT", unit="S") for i in range(10)]
    proposals += [Proposal(f"x{i}", "TTLDXS", unit="S") for i in range(3)]
    [excess] = check_quotas(capped, proposals)
    assert (excess.allowed, excess.excess) == (2, 1)
    assert check_quotas("2025", proposals) == []
