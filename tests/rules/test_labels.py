"""What a verdict and the rule-set page say cites legal texts only (issue 13): no research
notes, confidence marks or identifiers in the shipped rule sets' citations, and every
condition and setting has a Vietnamese name."""

import re

import pytest

from thidua import rules
from thidua.rules import labels
from thidua.rules.declarations import Group, iter_nodes
from thidua.rules.rulesets import SETTINGS

from .builders import person, verdict, yr

RESEARCH = re.compile(r"LAW\.md|chưa xác nhận|chưa đọc|chưa đối chiếu|tiền nhiệm|(^|\s)[PQU] —|\b[a-z]+_[a-z_]+\b")


def citations(ruleset):
    yield from ruleset.articles.values()
    for rule in ruleset.rules.values():
        yield from rule.basis


@pytest.mark.parametrize("ruleset_id", sorted(rules.RULESETS.all()))
def test_shipped_citations_name_legal_texts_only(ruleset_id):
    ruleset = rules.RULESETS.all()[ruleset_id]
    bad = [text for text in citations(ruleset) if RESEARCH.search(text)]
    assert not bad


def test_every_setting_and_condition_has_a_vietnamese_name():
    assert set(SETTINGS) <= set(labels.SETTINGS)
    for ruleset in rules.RULESETS.all().values():
        for rule in ruleset.rules.values():
            for _kind, root in rule.roots:
                for node in iter_nodes(root):
                    if not isinstance(node, Group):
                        assert node.name in labels.CONDITIONS, node.name


def test_settings_read_as_words():
    assert labels.setting_line("flags_per_bloc", 1) == "Số cờ mỗi khối: 1"
    assert labels.setting_value("council_quorum", 0.6667) == "2/3 tổng số thành viên"
    assert labels.setting_value("council_award_attendance", 0.8) == "80% tổng số thành viên"
    assert labels.setting_value("registration_required", True) == "Có"
    assert labels.setting_value("min_months_worked", 6) == "06 tháng"
    assert labels.setting_value("cstdcs_cap_pct_of_ldtt", None) == "Không giới hạn"


def test_a_provincial_setting_is_cited_as_the_provinces_regulation():
    lacking = verdict(person(2025, [yr(2025, months=3)]), "LDTT")
    assert not lacking.eligible
    cited = [b for b in lacking.basis if b.startswith(labels.PROVINCE + ": ")]
    assert any("thời gian công tác tối thiểu" in b for b in cited)


def test_a_quota_cites_the_provinces_regulation_by_the_settings_name():
    from thidua.rules import Proposal, check_quotas

    proposals = [Proposal(subject=f"u{i}", code="CO_TINH", bloc="Khối các sở") for i in range(2)]
    [excess] = check_quotas("2025", proposals)
    assert excess.basis == "Theo Quy chế thi đua, khen thưởng của tỉnh: Số cờ mỗi khối: 1"
