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


@FAST
@given(subjects, st.data())
def test_a_missing_registration_always_blocks_the_title(case, data):
    code = data.draw(st.sampled_from(REGISTERED_TITLES[case["subject"]["kind"]]))
    entry = entry_for(case, case["year"])
    entry["registered"] = [c for c in entry.get("registered", []) if c != code]
    found = evaluate(case).verdict(code)
    assert not found.eligible
    assert any("đăng ký" in r for r in found.reasons)


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

    @settings(max_examples=200, deadline=None, database=None)
    @given(good_careers())
    def collect(sample):
        answer = evaluate(sample[0])
        seen.update(code for code in CHAIN_CODES if answer.verdict(code).eligible)

    collect()
    assert {"CSTD_TINH", "BK_TTG", "HCLD3"} <= seen
