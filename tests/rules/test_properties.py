"""Hypothesis properties of the engine (issue 3, "Done means")."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.rules import evaluate

CHAIN_CODES = ("CSTD_TINH", "CSTD_TQ", "BK_TTG", "HCLD3", "HCLD2")
REGISTERED_TITLES = {"individual": ("LDTT", "CSTDCS"), "collective": ("TTLDTT", "TTLDXS", "CO_TINH")}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ratings = st.sampled_from(["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"])


@st.composite
def initiatives(draw, year):
    items = []
    for i in range(draw(st.integers(0, 2))):
        item = {"id": f"{year}-{i}", "scope": draw(st.sampled_from(["co_so", "co_so", "tinh", "toan_quoc"])),
                "recognized_on": f"{year}-{draw(st.integers(1, 12)):02d}-15"}
        if draw(st.integers(0, 4)) == 0:
            item["used_for"] = draw(st.sampled_from(["CSTDCS", "BK_TINH"]))
        items.append(item)
    return items


@st.composite
def person_years(draw, year):
    history = []
    for y in range(year - 8, year + 1):
        if draw(st.integers(0, 9)) == 0:
            continue  # a year with nothing
        titles = [t for t, p in (("LDTT", 9), ("CSTDCS", 7), ("CSTD_TINH", 1)) if draw(st.integers(0, 9)) < p]
        if y == year and draw(st.booleans()):
            titles = []  # the year judged is often not decided yet
        history.append({
            "year": y, "rating": draw(ratings), "months_worked": draw(st.sampled_from([12, 12, 12, 8, 5])),
            "disciplined": draw(st.integers(0, 14)) == 0,
            "registered": [c for c in ("LDTT", "CSTDCS") if draw(st.integers(0, 9)) < 9],
            "titles": titles, "initiatives": draw(initiatives(y)),
        })
    return history


@st.composite
def awards(draw, year):
    items = []
    for _ in range(draw(st.integers(0, 3))):
        decided = draw(st.integers(year - 12, year - 1))
        item = {"code": draw(st.sampled_from(["BK_TINH", "BK_TTG", "HCLD3", "GK"])),
                "decided_on": f"{decided}-04-15",
                "type": draw(st.sampled_from(["cong_trang", "cong_trang", "cong_trang", "phong_trao", "dot_xuat"]))}
        if draw(st.booleans()):
            item["period"] = [decided - 1, decided - 1]
        if draw(st.integers(0, 9)) == 0:
            item["revoked"] = True
        items.append(item)
    return items


@st.composite
def people(draw):
    year = draw(st.integers(2023, 2027))
    return {"year": year, "subject": {"kind": "individual"}, "history": draw(person_years(year)),
            "awards": draw(awards(year))}


@st.composite
def collectives(draw):
    year = draw(st.integers(2024, 2027))
    history = []
    for y in range(year - 3, year + 1):
        total = draw(st.integers(1, 30))
        history.append({
            "year": y, "rating": draw(ratings),
            "registered": [c for c in REGISTERED_TITLES["collective"] if draw(st.integers(0, 9)) < 8],
            "titles": [t for t in ("TTLDTT", "TTLDXS") if draw(st.booleans())],
            "members": {"total": total, "completed": draw(st.integers(total - 1, total)) if total else 0,
                        "titles": {"LDTT": draw(st.integers(0, total)), "CSTDCS": draw(st.integers(0, 1))},
                        "disciplined": draw(st.sampled_from([0, 0, 0, 1]))},
        })
    return {"year": year, "subject": {"kind": "collective"}, "history": history, "awards": draw(awards(year))}


subjects = st.one_of(people(), collectives())


def entry_for(case, year):
    for entry in case["history"]:
        if entry["year"] == year:
            return entry
    entry = {"year": year}
    case["history"].append(entry)
    return entry


@FAST
@given(subjects, st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_the_order_of_history_entries(case, rnd):
    shuffled = {**case, "history": list(case["history"]), "awards": list(case["awards"])}
    rnd.shuffle(shuffled["history"])
    rnd.shuffle(shuffled["awards"])
    assert evaluate(shuffled).to_dict() == evaluate(case).to_dict()


@FAST
@given(people())
def test_discipline_in_the_year_always_blocks_ldtt_and_cstdcs(case):
    entry_for(case, case["year"])["disciplined"] = True
    answer = evaluate(case)
    for code in ("LDTT", "CSTDCS"):
        assert not answer.verdict(code).eligible


# A registration for the higher title covers the lower one its standards require (Law Art.
# 23(1): CSTĐCS asks for LĐTT's standards; TTLĐXS likewise for TTLĐTT, LAW.md §C).
COVERED_BY = {"LDTT": ("CSTDCS",), "TTLDTT": ("TTLDXS",)}
LOWER = {"CSTDCS": "LDTT", "TTLDXS": "TTLDTT"}


@FAST
@given(subjects, st.data())
def test_a_missing_registration_always_blocks_the_title(case, data):
    code = data.draw(st.sampled_from(REGISTERED_TITLES[case["subject"]["kind"]]))
    entry = entry_for(case, case["year"])
    dropped = {code, *COVERED_BY.get(code, ())}
    entry["registered"] = [c for c in entry.get("registered", []) if c not in dropped]
    found = evaluate(case).verdict(code)
    assert not found.eligible
    assert any("đăng ký" in r for r in found.reasons)


@FAST
@given(subjects, st.data())
def test_registering_for_a_higher_title_never_loses_a_lower_one(case, data):
    higher = data.draw(st.sampled_from([c for c in REGISTERED_TITLES[case["subject"]["kind"]] if c in LOWER]))
    entry = entry_for(case, case["year"])
    entry["registered"] = [c for c in entry.get("registered", []) if c != higher]
    before = evaluate(case)
    entry["registered"] = [*entry["registered"], higher]
    after = evaluate(case)
    # The lower title held before is kept. (A form may be lost: a higher title the person
    # now qualifies for takes first the initiatives it needs, and an initiative counts once,
    # R-P10 — Hypothesis found a provincial Bằng khen of point d lost that way.)
    was = before.verdict(LOWER[higher])
    if was is not None and was.eligible:
        assert after.verdict(LOWER[higher]).eligible, after.verdict(LOWER[higher]).reasons
    # …and the lower title is never refused for want of its own registration.
    lower = after.verdict(LOWER[higher])
    assert not any("không đăng ký" in r for r in lower.reasons), lower.reasons


@FAST
@given(subjects)
def test_frozen_always_blocks_everything(case):
    case["subject"]["frozen"] = True
    answer = evaluate(case)
    assert answer.verdicts
    for found in answer.verdicts:
        assert not found.eligible
        assert any("tạm dừng xét" in r for r in found.reasons)


@st.composite
def good_careers(draw):
    """Mostly excellent careers, so that chain titles are often eligible, with one earlier
    year removed: the year the property adds back."""
    year = draw(st.integers(2025, 2027))
    history = []
    for y in range(year - 10, year + 1):
        excellent = draw(st.integers(0, 9)) < 8
        history.append({
            "year": y, "rating": "HTXSNV" if excellent else "HTTNV", "months_worked": 12,
            "registered": ["LDTT", "CSTDCS"],
            "titles": ["LDTT", "CSTDCS"] + (["CSTD_TINH"] if (year - y) % 3 == 0 and y < year else []),
            "initiatives": draw(initiatives(y)),
        })
    rng = random.Random(draw(st.integers(0, 2**16)))
    awarded = []
    for code, before in (("BK_TINH", 9), ("BK_TTG", 6), ("HCLD3", 2)):
        if rng.random() < 0.6:
            awarded.append({"code": code, "decided_on": f"{year - before}-03-01", "type": "cong_trang",
                            "period": [year - before - 1, year - before - 1]})
    removed = draw(st.integers(year - 8, year - 1))
    history = [e for e in history if e["year"] != removed]
    return {"year": year, "subject": {"kind": "individual"}, "history": history, "awards": awarded}, removed


@FAST
@given(good_careers())
def test_adding_a_qualifying_year_never_removes_eligibility_for_chain_titles(sample):
    case, missing_year = sample
    before = evaluate(case)
    qualifying = {"year": missing_year, "rating": "HTXSNV", "months_worked": 12, "disciplined": False,
                  "registered": ["LDTT", "CSTDCS"], "titles": ["LDTT", "CSTDCS"]}
    after = evaluate({**case, "history": [*case["history"], qualifying]})
    for code in CHAIN_CODES:
        if before.verdict(code).eligible:
            assert after.verdict(code).eligible, (code, after.verdict(code).reasons)
    # Bằng khen tỉnh under Art. 74(1)(d) competes with the CSTĐ titles for initiatives (R-P10):
    # the added year may complete a CSTĐ tỉnh or toàn quốc chain whose title takes the
    # initiative the Bằng khen used. Eligibility then moves to that title; it never just vanishes.
    if before.verdict("BK_TINH").eligible and not after.verdict("BK_TINH").eligible:
        gained = {v.code for v in after.verdicts if v.eligible} - {v.code for v in before.verdicts if v.eligible}
        assert gained & {"CSTD_TINH", "CSTD_TQ"}, after.verdict("BK_TINH").reasons


def test_the_career_strategy_does_reach_eligible_chain_titles():
    seen = set()

    @settings(max_examples=200, deadline=None, database=None, derandomize=True)
    @given(good_careers())
    def collect(sample):
        answer = evaluate(sample[0])
        seen.update(code for code in CHAIN_CODES if answer.verdict(code).eligible)

    collect()
    assert {"CSTD_TINH", "BK_TTG", "HCLD3"} <= seen


# -- unbroken runs (Law Art. 73(1)(b), 44(1)(e), 74(1)(d)) -------------------------------------

RUN_FORMS = ("BK_TTG", "HCLD3", "BK_TINH")


@st.composite
def good_year(draw):
    """A year that continues every run the forms read: rated HTTNV or better, no discipline,
    grassroots initiatives only (no wider scope: no CSTĐ tỉnh or toàn quốc may take one)."""
    rating = draw(st.sampled_from(["HTXSNV", "HTXSNV", "HTTNV"]))
    cstdcs = draw(st.integers(0, 9)) < 6
    return {"rating": rating, "titles": ["LDTT", *(["CSTDCS"] if cstdcs else [])],
            "n_initiatives": draw(st.integers(0, 2)), "used": draw(st.integers(0, 5)) == 0}


@st.composite
def runs(draw):
    """A case whose judged year ends an unbroken run, broken before it by a bad year or by the
    prerequisite awards' period, and up to four good years that may be added at its start."""
    year = draw(st.integers(2025, 2027))
    run = draw(st.lists(good_year(), min_size=1, max_size=7))
    extra = draw(st.lists(good_year(), min_size=1, max_size=4))
    brk = draw(st.sampled_from(["bad_year", "awards"]))
    prefix = draw(st.lists(good_year(), max_size=4))
    return year, run, extra, brk, prefix


def _entry(y, facts):
    items = [{"id": f"{y}-{i}", "scope": "co_so", "recognized_on": f"{y}-0{i + 3}-15",
              **({"used_for": "GK"} if facts["used"] and i == 0 else {})}
             for i in range(facts["n_initiatives"])]
    return {"year": y, "rating": facts["rating"], "months_worked": 12, "registered": ["LDTT", "CSTDCS"],
            "titles": facts["titles"], "initiatives": items}


def build_run(year, run, added, brk, prefix):
    """The case with the good years `added` placed at the start of the run."""
    years = [*added, *run]
    start = year - len(years) + 1
    history = [_entry(start + i, facts) for i, facts in enumerate(years)]
    b = start - 1
    awards = []
    if brk == "bad_year":
        history.append({"year": b, "rating": "HTNV", "months_worked": 12, "registered": ["LDTT"]})
        end = b - 1 - len(prefix)
        history += [_entry(b - 1 - i, facts) for i, facts in enumerate(prefix)]
    else:
        end = b
    awards = [{"code": "BK_TINH", "decided_on": f"{end}-12-20", "type": "cong_trang", "period": [end, end]},
              {"code": "BK_TTG", "decided_on": f"{end}-12-20", "type": "cong_trang", "period": [end, end]}]
    return {"year": year, "subject": {"kind": "individual"}, "history": history, "awards": awards}


@FAST
@given(runs(), st.integers(1, 4))
def test_adding_good_years_at_the_start_of_a_run_never_turns_a_yes_into_a_no(sample, k):
    year, run, extra, brk, prefix = sample
    before = evaluate(build_run(year, run, [], brk, prefix))
    after = evaluate(build_run(year, run, extra[:k], brk, prefix))
    for code in RUN_FORMS:
        if before.verdict(code).eligible:
            assert after.verdict(code).eligible, (code, after.verdict(code).reasons)


def test_the_run_strategy_does_reach_both_answers():
    seen = set()

    @settings(max_examples=200, deadline=None, database=None, derandomize=True)
    @given(runs())
    def collect(sample):
        answer = evaluate(build_run(*sample[:2], sample[2], *sample[3:]))
        seen.update((code, answer.verdict(code).eligible) for code in RUN_FORMS)

    collect()
    assert {("BK_TTG", True), ("BK_TTG", False), ("HCLD3", True), ("BK_TINH", True)} <= seen
