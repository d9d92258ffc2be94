"""Rule sets: choice by year, settings as data, province layering, loader errors."""

import textwrap

import pytest

from thidua.rules import RULESETS, RulesetError, evaluate, get_ruleset, ruleset_for_year, ruleset_from_mapping
from thidua.rules.rulesets import SETTINGS, load_documents, resolve_all

from .builders import mentions, person, sk, verdict, yr


@pytest.mark.parametrize(("year", "expected"), [(2019, "2024"), (2023, "2024"), (2024, "2024"), (2025, "2025"),
                                                (2026, "2025"), (2030, "2025")])
def test_chosen_by_the_year_judged(year, expected):
    assert ruleset_for_year(year).id == expected
    assert evaluate(person(year, [yr(year)])).ruleset == expected


def test_years_before_2024_say_the_old_law_is_not_encoded():
    answer = evaluate(person(2022, [yr(2022)]))
    assert all("Luật Thi đua, khen thưởng 2003" in v.reasons[0] for v in answer.verdicts)
    assert not any("2003" in r for v in evaluate(person(2024, [yr(2024)])).verdicts for r in v.reasons)
    assert "2003" in evaluate(person(2022, [yr(2022)], ruleset="2024")).verdicts[0].reasons[0]


def test_explicit_ruleset_wins_and_carries_its_own_articles():
    case = person(2026, [yr(2026, disciplined=True)])
    assert mentions(verdict(case, "LDTT"), "Nghị định 152/2025")
    assert mentions(verdict(case, "LDTT", "2024"), "Nghị định 98/2023")
    assert evaluate({**case, "ruleset": "2024"}).ruleset == "2024"


def test_only_concrete_sets_are_listed():
    assert {"2024", "2025"} <= set(RULESETS)
    assert "law-2022" not in RULESETS
    with pytest.raises(RulesetError):
        get_ruleset("law-2022")


def test_every_setting_has_its_law_default():
    settings = get_ruleset("2025").settings
    assert set(settings) == set(SETTINGS)
    assert settings["registration_required"] is True
    assert settings["min_months_worked"] == 6
    assert settings["members_ldtt_share"] == 0.70
    assert settings["cstdcs_cap_pct_of_ldtt"] is None
    assert (settings["vote_threshold_cstdcs"], settings["vote_threshold_flag"], settings["vote_threshold_cstd"]) \
        == (0.80, 0.80, 0.90)
    assert "round_up_to" not in settings  # rounding is the base-salary rows' (catalog), not a rule set's


def test_every_rule_cites_its_law():
    for ruleset in (get_ruleset("2024"), get_ruleset("2025")):
        assert len(ruleset.rules) == 19
        for rule in ruleset.rules.values():
            assert rule.basis and all("Điều" in b or "Nghị định" in b for b in rule.basis), rule.code


class TestProvinceLayer:
    def test_loaded_from_a_yaml_file(self, hs_ruleset):
        assert hs_ruleset.id == "2025-hs" and hs_ruleset.extends == "2025"
        assert hs_ruleset.settings["cstdcs_cap_pct_of_ldtt"] == 15
        assert hs_ruleset.settings["min_months_worked"] == 9
        assert hs_ruleset.settings["vote_threshold_cstd"] == 0.90  # inherited
        assert get_ruleset("2025").settings["min_months_worked"] == 6  # the parent is untouched

    def test_stricter_months(self, hs_ruleset):
        case = person(2026, [yr(2026, months=8)])
        assert verdict(case, "LDTT", "2025").eligible
        stricter = verdict(case, "LDTT", hs_ruleset)
        assert not stricter.eligible
        assert mentions(stricter, "tỉnh HS") and mentions(stricter, "9 tháng")

    def test_replaced_condition(self, hs_ruleset):
        excellent = person(2026, [yr(2026, "HTXSNV")])
        assert verdict(excellent, "CSTDCS", "2025").eligible
        assert not verdict(excellent, "CSTDCS", hs_ruleset).eligible
        with_initiative = person(2026, [yr(2026, "HTXSNV", initiatives=[sk("S", year=2026)])])
        found = verdict(with_initiative, "CSTDCS", hs_ruleset)
        assert found.eligible and mentions(found, "Điều 6 Quy định thi đua, khen thưởng tỉnh HS")

    def test_added_condition(self, hs_ruleset):
        history = [yr(y, "HTXSNV", titles=["LDTT", "CSTDCS"]) for y in (2023, 2024, 2025)]
        history[-1]["initiatives"] = [sk("T", "tinh", year=2025)]
        history[0]["disciplined"] = True
        case = person(2025, history)
        assert verdict(case, "CSTD_TINH", "2025").eligible
        assert not verdict(case, "CSTD_TINH", hs_ruleset).eligible

    def test_registered_by_id(self, hs_ruleset):
        RULESETS.register(hs_ruleset)
        try:
            assert evaluate(person(2026, [yr(2026, months=8)], ruleset="2025-hs")).ruleset == "2025-hs"
        finally:
            RULESETS.reload()

    def test_a_layer_can_drop_registration(self):
        relaxed = ruleset_from_mapping({"id": "no-reg", "extends": "2025",
                                        "settings": {"registration_required": False}})
        case = person(2026, [yr(2026, registered=[])])
        assert not verdict(case, "LDTT").eligible
        assert verdict(case, "LDTT", relaxed).eligible

    def test_a_layer_can_redefine_a_rule_and_remove_a_condition(self):
        layer = ruleset_from_mapping({"id": "x", "extends": "2025", "rules": {
            "LDTT": {"remove": ["months"]},
            "CO_TINH": {"name": "Cờ", "subjects": ["collective"], "basis": ["Điều 26"],
                        "all": [{"cond": "rating_at_least", "level": "HTXSNV", "article": "Điều 26"}]},
        }})
        assert verdict(person(2026, [yr(2026, months=1)]), "LDTT", layer).eligible
        flag = {"year": 2026, "subject": {"kind": "collective"}, "history": [{"year": 2026, "rating": "HTXSNV"}]}
        assert verdict(flag, "CO_TINH", layer).eligible


BROKEN = [
    ("unknown condition", {"rules": {"LDTT": {"add": [{"cond": "is_nice", "article": "X"}]}}}, "is_nice"),
    ("missing article", {"rules": {"LDTT": {"add": [{"cond": "not_disciplined"}]}}}, "article"),
    ("unknown parameter", {"rules": {"LDTT": {"add": [{"cond": "not_disciplined", "article": "X", "x": 1}]}}},
     "tham số"),
    ("missing parameter", {"rules": {"LDTT": {"add": [{"cond": "rating_at_least", "article": "X"}]}}}, "level"),
    ("bad rating", {"rules": {"LDTT": {"add": [{"cond": "rating_at_least", "level": "XS", "article": "X"}]}}}, "XS"),
    ("unknown setting", {"settings": {"min_months": 9}}, "min_months"),
    ("bad setting value", {"settings": {"members_ldtt_share": 70}}, "members_ldtt_share"),
    ("unknown node", {"rules": {"LDTT": {"replace": {"nope": {"cond": "not_disciplined", "article": "X"}}}}},
     "nope"),
    ("unknown rule to patch", {"rules": {"XYZ": {"add": []}}}, "XYZ"),
    ("unknown article ref", {"rules": {"LDTT": {"add": [{"cond": "not_disciplined", "article": "@nope"}]}}},
     "@nope"),
    ("unknown setting ref", {"rules": {"LDTT": {"add": [{"cond": "council_vote", "threshold": "$nope",
                                                          "article": "X"}]}}}, "$nope"),
    ("unknown extends", {"extends": "2031"}, "2031"),
    ("rule without basis", {"rules": {"GK": {"subjects": ["individual"], "all": [
        {"cond": "not_disciplined", "article": "X"}]}}}, "basis"),
]


@pytest.mark.parametrize(("patch", "word"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_invalid_layers_are_refused_with_a_clear_error(patch, word):
    with pytest.raises(RulesetError) as caught:
        ruleset_from_mapping({"id": "bad", "extends": "2025", **patch})
    assert word in str(caught.value)


def test_extends_cycles_are_refused(tmp_path):
    for name, parent in (("a", "b"), ("b", "a")):
        (tmp_path / f"{name}.yaml").write_text(f"id: {name}\nextends: {parent}\n", encoding="utf-8")
    with pytest.raises(RulesetError, match="vòng lặp"):
        resolve_all(load_documents(tmp_path))


def test_a_folder_of_yaml_is_the_registry(tmp_path, monkeypatch):
    import shutil

    from thidua.rules.rulesets import default_directory

    for path in default_directory().glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "2025-qn.yaml").write_text(textwrap.dedent("""\
        id: "2025-qn"
        extends: "2025"
        settings: {min_months_worked: 10}
    """), encoding="utf-8")
    monkeypatch.setenv("THIDUA_RULESETS_DIR", str(tmp_path))
    RULESETS.reload()
    try:
        assert "2025-qn" in RULESETS
        assert not evaluate(person(2026, [yr(2026, months=9)], ruleset="2025-qn")).verdict("LDTT").eligible
        assert ruleset_for_year(2026).id == "2025"  # a province set is chosen only by name
    finally:
        monkeypatch.delenv("THIDUA_RULESETS_DIR")
        RULESETS.reload()
