"""`evaluate_many`, the bulk API for scans: with `explain=False` it only works out which kinds
are eligible (conditions' checks, compiled plans, early exit) and must say exactly what
`evaluate` says; with `explain=True`, or once a verdict's details are read, it gives
`evaluate`'s full answer."""

import dataclasses
import functools
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.rules import (
    RULESETS,
    CaseError,
    Verdict,
    case_from_dict,
    engine,
    evaluate,
    evaluate_many,
    get_ruleset,
    render_human,
    ruleset_from_mapping,
)
from thidua.rules.codes import AWARD_CODES
from thidua.rules.conditions import CONDITIONS
from thidua.rules.conditions.base import ALWAYS, NEVER
from thidua.rules.context import Context, FastContext
from thidua.rules.declarations import Cond, iter_nodes
from thidua.rules.plans import compile_fast, plans_for
from thidua.rules.results import Status
from thidua.rules.rulesets import load_documents, resolve_all

from .builders import DATA, award, members, person, sk, unit, unit_year, yr
from .test_properties import collectives, good_careers, people
from .test_worked_cases import CASES

MANY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- rule sets and cases ---------------------------------------------------------------------

@functools.cache
def rulesets():
    """The national sets and layers that change what the shortcut may skip: the test province
    (stricter CSTĐCS, an added condition), no registration (every `registered_for` always
    passes), a 60 % member share and a forward dependency (CSTĐ tỉnh needing a form judged
    after it: the plan is then not exact and the shortcut must fall back)."""
    layers = resolve_all(load_documents(DATA), RULESETS.all())
    return {
        "2024": get_ruleset("2024"),
        "2025": get_ruleset("2025"),
        "2025-hs": layers["2025-hs"],
        "no-reg": ruleset_from_mapping({"id": "no-reg", "extends": "2025",
                                        "settings": {"registration_required": False}}),
        "share-60": ruleset_from_mapping({"id": "share-60", "extends": "2024",
                                          "settings": {"members_ldtt_share": 0.6}}),
        "forward": ruleset_from_mapping({"id": "forward", "extends": "2025", "rules": {"CSTD_TINH": {"add": [
            {"cond": "title_or_qualifies", "codes": ["BK_TINH"], "article": "Điều thử nghiệm"}]}}}),
    }


ruleset_ids = st.sampled_from(["2024", "2025", "2025-hs", "no-reg", "share-60", "forward", None])


@st.composite
def households(draw):
    year = draw(st.integers(2023, 2027))
    history = [{"year": y, "titles": ["GDVH"] if draw(st.integers(0, 9)) < 8 else []}
               for y in range(year - 6, year + 1) if draw(st.integers(0, 9)) < 9]
    gks = [award("GK", f"{y + 1}-03-01", period=(y - 2, y)) for y in range(year - 6, year) if draw(st.booleans())]
    return {"year": year, "subject": {"kind": "household"}, "history": history, "awards": gks[:2]}


@st.composite
def subjects_with_flags(draw):
    """Every kind of subject, sometimes in the armed forces, a village or frozen."""
    case = draw(st.one_of(people(), collectives(), households(), good_careers().map(lambda sample: sample[0])))
    subject = case["subject"]
    if subject["kind"] != "household" and draw(st.integers(0, 5)) == 0:
        subject["armed_forces"] = True
        for entry in case["history"]:  # the armed forces register for their own titles
            entry["registered"] = [{"LDTT": "CSTT", "TTLDTT": "DVTT", "TTLDXS": "DVQT"}.get(c, c)
                                   for c in entry.get("registered", [])]
            entry["titles"] = [{"LDTT": "CSTT"}.get(c, c) for c in entry.get("titles", [])]
    if subject["kind"] == "collective" and draw(st.integers(0, 5)) == 0:
        subject["community"] = True
    if draw(st.integers(0, 19)) == 0:
        subject["frozen"] = True
    if draw(st.integers(0, 4)) == 0:
        # The year judged at its best: the chains of the strategies then often complete.
        entry = next((e for e in case["history"] if e["year"] == case["year"]), None)
        if entry is not None and "rating" in entry:
            entry["rating"] = "HTXSNV"
    return case


def chosen(ruleset_id):
    return None if ruleset_id is None else rulesets()[ruleset_id]


def flags(answer):
    return [(v.code, v.eligible) for v in answer.verdicts]


# -- the properties --------------------------------------------------------------------------

@MANY
@given(subjects_with_flags(), ruleset_ids)
def test_eligible_flags_are_evaluates(case, ruleset_id):
    ruleset = chosen(ruleset_id)
    expected = evaluate(case, ruleset)
    [fast] = evaluate_many([case], ruleset)
    assert flags(fast) == flags(expected)
    assert (fast.year, fast.ruleset) == (expected.year, expected.ruleset)


@MANY
@given(subjects_with_flags(), ruleset_ids)
def test_explained_answers_are_evaluates(case, ruleset_id):
    ruleset = chosen(ruleset_id)
    expected = evaluate(case, ruleset).to_dict()
    [explained] = evaluate_many([case], ruleset, explain=True)
    assert explained.to_dict() == expected
    # Without `explain`, the details are worked out when read, and are the same.
    [lazy] = evaluate_many([case_from_dict(case)], ruleset)
    assert lazy.to_dict() == expected


@MANY
@given(subjects_with_flags(), ruleset_ids, st.sets(st.sampled_from(sorted(AWARD_CODES)), min_size=1, max_size=4),
       st.booleans())
def test_codes_keep_their_verdicts_and_what_they_depend_on(case, ruleset_id, codes, explain):
    ruleset = chosen(ruleset_id)
    expected = evaluate(case, ruleset)
    [some] = evaluate_many([case], ruleset, codes=codes, explain=explain)
    wanted = [v for v in expected.verdicts if v.code in codes]
    assert flags(some) == flags(dataclasses.replace(expected, verdicts=wanted))
    assert [v.to_dict() for v in some.verdicts] == [v.to_dict() for v in wanted]


@MANY
@given(st.lists(subjects_with_flags(), min_size=2, max_size=6), ruleset_ids)
def test_a_batch_is_judged_case_by_case(cases, ruleset_id):
    ruleset = chosen(ruleset_id)
    got = list(evaluate_many(cases, ruleset))
    assert [flags(a) for a in got] == [flags(evaluate(c, ruleset)) for c in cases]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subjects_with_flags(), st.sampled_from(["2024", "2025", "2025-hs", "no-reg", "share-60"]),
       st.integers(0, 2))
def test_every_check_passes_exactly_when_its_condition_passes(case, ruleset_id, back):
    """Node by node, not only through whole rules (where another failing condition could
    hide a wrong check); in the year judged and in earlier years."""
    case = case_from_dict(case)
    ruleset = rulesets()[ruleset_id]
    year = case.year - back
    for rule in ruleset.rules.values():
        if not rule.applies_to(case):
            continue
        for node in iter_nodes(rule.root_for(case.subject_kind)):
            if not isinstance(node, Cond):
                continue
            ctx, fast = Context(case, ruleset), FastContext(case, ruleset)
            ctx._active.append(rule.code)
            fast._active.append(rule.code)
            full = ctx.evaluate(node, year)
            test = compile_fast(node, ruleset)
            passed = test is ALWAYS if test in (ALWAYS, NEVER) else test(fast, year)
            assert bool(passed) is (full.status is Status.PASS), (rule.code, node.id, year, full.outcomes)
            if passed:
                assert set(() if passed is True else passed) == set(full.claims), (rule.code, node.id)


# -- worked cases and edges --------------------------------------------------------------------

@pytest.mark.parametrize(("case", "code"), [c[1:3] for c in CASES], ids=[c[0] for c in CASES])
def test_worked_cases_say_the_same(case, code):
    expected = evaluate(case)
    assert flags(next(evaluate_many([case]))) == flags(expected)
    [one] = evaluate_many([case], codes=[code])
    assert one.to_dict() == {**expected.to_dict(), "verdicts": [expected.verdict(code).to_dict()]}


def mr_g_like(extra=False):
    """CSTĐCS 2026 through an initiative (rated HTTNV), which leaves Bằng khen tỉnh one short."""
    extra_items = [sk("G3", year=2025), sk("G4", year=2026)] if extra else []
    history = [yr(2025, "HTXSNV", titles=["LDTT", "CSTDCS"], initiatives=[sk("G1", year=2025), *extra_items[:1]]),
               yr(2026, "HTTNV", initiatives=[sk("G2", year=2026), *extra_items[1:]])]
    return person(2026, history)


@pytest.mark.parametrize("extra", [False, True])
def test_a_form_alone_still_loses_the_initiatives_a_title_takes(extra):
    expected = evaluate(mr_g_like(extra)).verdict("BK_TINH")
    assert expected.eligible is extra
    for explain in (False, True):
        [answer] = evaluate_many([mr_g_like(extra)], codes=["BK_TINH"], explain=explain)
        assert [v.code for v in answer.verdicts] == ["BK_TINH"]
        assert answer.verdicts[0].eligible is extra
        assert answer.verdicts[0].to_dict() == expected.to_dict()


def test_a_title_alone_still_judges_its_prerequisite():
    case = person(2026, [yr(2026, "HTXSNV", months=3)])  # CSTĐCS needs LĐTT, which needs 6 months
    [answer] = evaluate_many([case], codes={"CSTDCS"})
    assert [v.code for v in answer.verdicts] == ["CSTDCS"]
    assert not answer.verdicts[0].eligible
    assert any("3 tháng công tác" in r for r in answer.verdicts[0].reasons)
    assert plans_for(get_ruleset("2025")).for_case(case_from_dict(case)).needed(frozenset({"CSTDCS"})) == (
        "LDTT", "CSTDCS")


def test_details_are_worked_out_once_when_first_read(monkeypatch):
    case = person(2026, [yr(2026)], awards=[award("BK_TINH", "2022-04-15", period=(2021, 2021))])
    expected = evaluate(case)
    explained, explain = [], engine._explain
    monkeypatch.setattr(engine, "_explain", lambda *args: explained.append(args) or explain(*args))
    [answer] = evaluate_many([case])
    verdict = answer.verdict("LDTT")
    assert isinstance(verdict, Verdict) and verdict.eligible
    assert "reasons" not in vars(verdict) and not explained  # nothing built yet
    assert verdict.reasons == expected.verdict("LDTT").reasons
    assert answer.verdicts == expected.verdicts
    assert len(explained) == 1  # one evaluation for every verdict of the answer
    assert render_human(answer) == render_human(expected)
    assert dataclasses.replace(verdict, eligible=False).reasons == verdict.reasons


def test_accepts_mappings_cases_and_any_iterable_lazily():
    cases = [person(2026, [yr(2026)]), case_from_dict(unit(2026, [unit_year(2026, members=members(10, 8))])),
             {"year": 2026, "subject": {"kind": "household"}}]
    seen = []

    def stream():
        for case in cases:
            seen.append(case)
            yield case

    answers = evaluate_many(stream())
    assert seen == []
    first = next(answers)
    assert len(seen) == 1 and flags(first) == flags(evaluate(cases[0]))
    assert [flags(a) for a in answers] == [flags(evaluate(c)) for c in cases[1:]]


def test_each_case_chooses_its_rule_set_unless_one_is_given():
    cases = [person(2023, [yr(2023)]), person(2026, [yr(2026)]), person(2026, [yr(2026, months=8)], ruleset="2024")]
    assert [a.ruleset for a in evaluate_many(cases)] == ["2024", "2025", "2024"]
    assert [a.ruleset for a in evaluate_many(cases, "2025")] == ["2025"] * 3
    explained = list(evaluate_many(cases, explain=True))
    assert explained[0].verdicts[0].reasons[0].startswith("Năm 2023 thuộc thời kỳ")


def test_frozen_subjects_are_deferred():
    case = person(2026, [yr(2026, "HTXSNV")], frozen=True)
    [answer] = evaluate_many([case])
    assert answer.verdicts and not any(v.eligible for v in answer.verdicts)
    assert answer.to_dict() == evaluate(case).to_dict()


def test_bad_arguments_are_refused_at_once():
    with pytest.raises(ValueError, match="XYZ"):
        evaluate_many([], codes=["LDTT", "XYZ"])
    with pytest.raises(CaseError) as caught:
        evaluate_many([], "2031")
    assert caught.value.field == "ruleset"
    answers = evaluate_many([person(2026, []), {"year": 2026, "subject": {"kind": "robot"}}])
    next(answers)
    with pytest.raises(CaseError, match=r"subject\.kind"):
        next(answers)


def test_a_forward_dependency_makes_the_plan_inexact_and_the_answers_stay_exact():
    ruleset = rulesets()["forward"]
    case = person(2026, [yr(y, "HTXSNV", titles=["LDTT", "CSTDCS"], initiatives=[sk(f"S{y}", year=y)])
                         for y in (2024, 2025)] + [yr(2026, "HTXSNV", initiatives=[sk("T", scope="tinh", year=2026)])])
    assert not plans_for(ruleset).for_case(case_from_dict(case)).exact
    assert plans_for(get_ruleset("2025")).for_case(case_from_dict(case)).exact
    expected = evaluate(case, ruleset)
    for explain in (False, True):
        assert next(evaluate_many([case], ruleset, explain=explain)).to_dict() == expected.to_dict()
        [one] = evaluate_many([case], ruleset, codes=["BK_TINH"], explain=explain)
        assert one.to_dict()["verdicts"] == [expected.verdict("BK_TINH").to_dict()]


def test_a_condition_without_a_check_is_judged_in_full():
    """A node whose function is not the registered condition (so its check does not describe
    it) makes the plan inexact: the shortcut then judges in full."""
    base = get_ruleset("2025")
    calls = []

    @functools.wraps(CONDITIONS["rating_at_least"])
    def counted(*args, **kwargs):
        calls.append(1)
        return CONDITIONS["rating_at_least"](*args, **kwargs)

    rule = base.rules["LDTT"]
    root = rule.root_for("individual")
    items = tuple(dataclasses.replace(n, fn=counted) if n.id == "rating" else n for n in root.items)
    patched = dataclasses.replace(rule, roots=(("individual", dataclasses.replace(root, items=items)),))
    ruleset = dataclasses.replace(base, id="counted", rules=MappingProxyType({**base.rules, "LDTT": patched}))
    case = person(2026, [yr(2026)])
    assert not plans_for(ruleset).for_case(case_from_dict(case)).exact
    [answer] = evaluate_many([case], ruleset)
    assert calls and flags(answer) == flags(evaluate(case, ruleset))


def test_plans_are_compiled_once_per_rule_set():
    ruleset = get_ruleset("2025")
    list(evaluate_many([person(2026, [yr(2026)])] * 3))
    plans = plans_for(ruleset)
    assert plans_for(ruleset) is plans
    assert dataclasses.replace(ruleset)._compiled == {}
