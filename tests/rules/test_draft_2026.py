"""The draft amendment of the Law (rule set "2026-10-du-thao"): off unless switched on, CSTĐCS
needs HTXSNV and an initiative, "2026-10" is answered in words, and the transitional rule
(the received date decides; the more favourable rule applies). docs/law.md, "Luật sửa đổi 2026"."""

import datetime as dt

import pytest

from tests.rules.builders import mentions, person, sk, verdict, yr
from thidua import rules
from thidua.rules.transition import judge, more_favourable

DRAFT = "2026-10-du-thao"
ON = frozenset({DRAFT})


def test_the_draft_is_never_chosen_unless_switched_on():
    assert rules.get_ruleset(DRAFT).draft
    assert rules.ruleset_for_year(2026).id == "2025"
    assert rules.ruleset_for_year(2027).id == "2025"
    assert rules.ruleset_for_year(2026, ON).id == DRAFT
    assert rules.ruleset_for_year(2025, ON).id == "2025"  # 2025 is judged before 01/10/2026
    # It never prices a decision: rule sets hold no money (rules.money prices from the
    # catalog's legal tables, ADR 0015).
    assert not hasattr(rules.get_ruleset(DRAFT), "money")


def test_asking_for_2026_10_answers_in_vietnamese():
    with pytest.raises(rules.RulesetError) as raised:
        rules.get_ruleset("2026-10")
    message = str(raised.value)
    assert "chưa được mã hóa" in message and "01/10/2026" in message and DRAFT in message
    assert "Dự thảo – chưa có hiệu lực" in message


def test_under_the_draft_cstdcs_needs_htxsnv_and_an_initiative():
    htxsnv_only = person(2026, [yr(2026, "HTXSNV")])
    assert verdict(htxsnv_only, "CSTDCS", "2025").eligible  # Art. 23(2) of Law 2022: HTXSNV OR initiative
    under_draft = verdict(htxsnv_only, "CSTDCS", DRAFT)
    assert not under_draft.eligible
    assert any("Sáng kiến" in m for m in under_draft.missing)
    assert mentions(under_draft, "Dự thảo, chưa có hiệu lực")
    both = person(2026, [yr(2026, "HTXSNV", initiatives=[sk("S-1", year=2026)])])
    assert verdict(both, "CSTDCS", DRAFT).eligible
    htttnv_with_initiative = person(2026, [yr(2026, "HTTNV", initiatives=[sk("S-2", year=2026)])])
    assert verdict(htttnv_with_initiative, "CSTDCS", "2025").eligible
    assert not verdict(htttnv_with_initiative, "CSTDCS", DRAFT).eligible


def test_more_favourable_means_a_tick_where_the_old_rule_gives_a_cross():
    tick = rules.Verdict(code="CSTDCS", eligible=True, reasons=[])
    cross = rules.Verdict(code="CSTDCS", eligible=False, reasons=[])
    assert more_favourable(cross, tick)
    assert not more_favourable(tick, tick) and not more_favourable(cross, cross) and not more_favourable(tick, cross)


def test_a_dossier_received_before_01_10_2026_keeps_2025_when_the_draft_is_stricter():
    draft = rules.get_ruleset(DRAFT)
    case = person(2026, [yr(2026, "HTXSNV")])
    before = judge(case, draft, dt.date(2026, 9, 30))
    assert before.ruleset == "2025" and before.verdict("CSTDCS").eligible
    after = judge(case, draft, dt.date(2026, 10, 1))
    assert after.ruleset == DRAFT and not after.verdict("CSTDCS").eligible


def test_a_dossier_received_before_takes_the_draft_where_it_is_more_favourable():
    # HTXSNV and an initiative, but only 4 months worked: Law 2022 asks the LĐTT standards
    # (6 months), the draft replaces them with HTXSNV — the draft is more favourable.
    draft = rules.get_ruleset(DRAFT)
    case = person(2026, [yr(2026, "HTXSNV", months=4, initiatives=[sk("S-3", year=2026)])])
    assert not verdict(case, "CSTDCS", "2025").eligible
    answer = judge(case, draft, dt.date(2026, 9, 1))
    cstdcs = answer.verdict("CSTDCS")
    assert cstdcs.eligible and mentions(cstdcs, "có lợi hơn") and mentions(cstdcs, "Dự thảo – chưa có hiệu lực")
    assert not answer.verdict("LDTT").eligible  # LĐTT is judged by 2025 and is not more favourable under the draft
