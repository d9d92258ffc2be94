"""LAW.md §H: the twelve worked cases and the extra edge cases, as a table.

Each row is (name, CASE.json, award code, expected eligibility, an article the verdict must
cite). "year" is the achievement year judged at its end (docs/law.md): LAW's "2026 cycle" for
an achievement period ending in 2025 is judged as year 2025.
"""

import pytest

from tests.money import file_money, ranks
from thidua.rules import check_quotas, evaluate, payable
from thidua.rules.codes import TITLE_CODES
from thidua.rules.quotas import Proposal

from .builders import award, members, mentions, person, sk, unit, unit_year, verdict, yr

D152 = "Nghị định 152/2025/NĐ-CP"
AFTER_BASE_RAISE = "2027-01-15"  # decisions for 2026 are issued after 01/07/2026: base 2,530,000


def ms_a(rating="HTTNV", **extra):
    return person(2026, [yr(2026, rating, **extra)])


def ms_c():
    return person(2025, [
        yr(2023, "HTXSNV", titles=["LDTT", "CSTDCS"]),
        yr(2024, "HTXSNV", titles=["LDTT", "CSTDCS"]),
        yr(2025, "HTXSNV", titles=["LDTT", "CSTDCS"], initiatives=[sk("C-1", "tinh", on="2025-06-15")]),
    ])


def phong_x(**member_facts):
    facts = {"total": 20, "ldtt": 15, "cstdcs": 1, **member_facts}
    return unit(2026, [unit_year(2026, "HTXSNV", members=members(**facts))])


def ms_h(rating_2023="HTTNV", bk_type="cong_trang"):
    return person(2025, [
        yr(2021, "HTXSNV", titles=["LDTT", "CSTDCS"]),
        yr(2022, "HTTNV", titles=["LDTT"]),
        yr(2023, rating_2023, titles=["LDTT", "CSTDCS"] if rating_2023 != "HTNV" else []),
        yr(2024, "HTTNV", titles=["LDTT"]),
        yr(2025, "HTXSNV", titles=["LDTT", "CSTDCS"]),
    ], awards=[award("BK_TINH", "2021-03-15", (2020, 2020), kind=bk_type)])


def mr_i():
    return person(2025, [
        yr(2021, "HTTNV", titles=["LDTT", "CSTDCS"]),
        yr(2022, "HTTNV", titles=["LDTT", "CSTDCS"]),
        yr(2023, "HTXSNV", titles=["LDTT"]),
        yr(2024, "HTTNV", titles=["LDTT", "CSTDCS"]),
        yr(2025, "HTTNV", titles=["LDTT"]),
    ], awards=[award("BK_TTG", "2021-05-20", (2020, 2020))])


def mr_d():
    return person(2025, [
        yr(2022, "HTXSNV", titles=["LDTT", "CSTDCS"]),
        yr(2023, "HTXSNV", titles=["LDTT", "CSTDCS"]),
        yr(2024, "HTTNV", titles=["LDTT"]),
        yr(2025, "HTXSNV", titles=["LDTT", "CSTDCS"], initiatives=[sk("D-1", "tinh", year=2025)]),
    ])


def unit_y(disciplined):
    return unit(2026, [unit_year(2026, "HTTNV", members=members(10, 8, disciplined=disciplined))])


def member_k(level):
    return person(2026, [yr(2026, "HTTNV", disciplined=True, discipline_level=level)])


def office_z(registered):
    return unit(2026, [unit_year(2026, "HTTNV", registered=registered, members=members(12, 10))])


def mr_j(through=2026):
    history = [
        yr(2023, "HTTNV", titles=["LDTT", "CSTDCS"]),
        yr(2024, "HTXSNV", titles=["LDTT", "CSTDCS"]),
        yr(2025, "HTTNV", titles=["LDTT"]),
        yr(2026, "HTTNV", titles=["LDTT", "CSTDCS"]),
    ]
    if through == 2027:
        history.append(yr(2027, "HTTNV", titles=["LDTT"]))
    return person(through, history, awards=[award("BK_TTG", "2023-04-10", (2022, 2022))])


def mr_g(extra_initiatives=False):
    y2025 = [sk("G-1", year=2025, used_for="CSTDCS")]
    y2026 = [sk("G-2", year=2026)]
    if extra_initiatives:
        y2025.append(sk("G-3", year=2025))
        y2026.append(sk("G-4", year=2026))
    return person(2026, [
        yr(2025, "HTTNV", titles=["LDTT", "CSTDCS"], initiatives=y2025),
        yr(2026, "HTTNV", initiatives=y2026),
    ])


def mr_m(cstd_tinh_years, cstdcs_years):
    history = [
        yr(y, "HTXSNV", titles=["LDTT"] + (["CSTDCS"] if y in cstdcs_years else [])
           + (["CSTD_TINH"] if y in cstd_tinh_years else []))
        for y in range(2018, 2025)
    ]
    history[-1]["initiatives"] = [sk("M-1", "toan_quoc", year=2024)]
    return person(2024, history)


def household_n(year, gdvh_years, gk_period=None):
    history = [yr(y, None, months=None, registered=(), titles=["GDVH"]) for y in gdvh_years]
    awards = [award("GK", "2022-12-20", gk_period)] if gk_period else []
    return {"year": year, "subject": {"kind": "household"}, "history": history, "awards": awards}


CASES = [
    # -- the twelve worked cases
    ("1 Ms A: LĐTT", ms_a(), "LDTT", True, "Điều 24"),
    ("1 Ms A: no CSTĐCS without HTXSNV or initiative", ms_a(), "CSTDCS", False, "Khoản 2 Điều 23"),
    ("2 Mr B: CSTĐCS by HTXSNV alone", ms_a("HTXSNV"), "CSTDCS", True, "Điều 23"),
    ("3 Ms C: CSTĐ tỉnh", ms_c(), "CSTD_TINH", True, "Điều 22"),
    ("4 Phòng X: TTLĐXS", phong_x(), "TTLDXS", True, "Điều 27"),
    ("4 Phòng X: also meets TTLĐTT", phong_x(), "TTLDTT", True, "Điều 28"),
    ("5 Ms H: Bằng khen TTg", ms_h(), "BK_TTG", True, "Điểm b khoản 1 Điều 73"),
    ("6 Mr I: HCLĐ hạng Ba", mr_i(), "HCLD3", True, "Điểm e khoản 1 Điều 44"),
    ("7 Mr D: gap in the CSTĐCS chain", mr_d(), "CSTD_TINH", False, "Điểm a khoản 1 Điều 22"),
    ("8 Unit Y: member warned (cảnh cáo)", unit_y(disciplined=1), "TTLDTT", False, "Khoản 1 Điều 28"),
    ("8 member K warned: no LĐTT", member_k("canh_cao"), "LDTT", False, f"Khoản 4 Điều 4 {D152}"),
    ("8 Unit Y if K only reprimanded", unit_y(disciplined=0), "TTLDTT", True, "Điều 28"),
    ("8 member K reprimanded: still no LĐTT", member_k("khien_trach"), "LDTT", False, f"Khoản 4 Điều 4 {D152}"),
    ("9 Mr E: 5 months", person(2026, [yr(2026, months=5)]), "LDTT", False, "thời gian công tác tối thiểu"),
    ("9 Ms F: maternity counts", person(2026, [yr(2026, months=6, maternity_months=6)]), "LDTT", True,
     f"Khoản 5 Điều 4 {D152}"),
    ("9 maternity makes the floor", person(2026, [yr(2026, months=3, maternity_months=6)]), "LDTT", True,
     f"Khoản 5 Điều 4 {D152}"),
    ("9 without maternity below the floor", person(2026, [yr(2026, months=3)]), "LDTT", False,
     "thời gian công tác tối thiểu"),
    ("11 Office Z: not registered", office_z(registered=[]), "TTLDTT", False, "bắt buộc đăng ký thi đua"),
    ("11 Office Z registered", office_z(registered=["TTLDTT"]), "TTLDTT", True, "Điều 28"),
    ("12 Mr J: 4 years since BK TTg", mr_j(), "HCLD3", False, "Khoản 9 Điều 30 Nghị định 98/2023"),
    ("12 Mr J with 2027 results", mr_j(through=2027), "HCLD3", True, "Điểm e khoản 1 Điều 44"),
    # -- the extra edge cases
    ("edge Phòng X with one KHT member: no TTLĐXS", phong_x(completed=19), "TTLDXS", False, "Điều 27"),
    ("edge Phòng X with one KHT member: TTLĐTT still", phong_x(completed=19), "TTLDTT", True, "Điều 28"),
    ("edge 14/20 LĐTT = 70 %", unit(2026, [unit_year(2026, "HTTNV", members=members(20, 14))]), "TTLDTT", True,
     "Khoản 1 Điều 28"),
    ("edge 13/20 LĐTT = 65 %", unit(2026, [unit_year(2026, "HTTNV", members=members(20, 13))]), "TTLDTT", False,
     "Khoản 1 Điều 28"),
    ("edge Mr G: initiatives spent on CSTĐCS", mr_g(), "BK_TINH", False, "Điểm d khoản 1 Điều 74"),
    ("edge Mr G with two more initiatives", mr_g(extra_initiatives=True), "BK_TINH", True, "Điểm d khoản 1 Điều 74"),
    ("edge Ms H rated HTNV in 2023", ms_h(rating_2023="HTNV"), "BK_TTG", False, "Điểm b khoản 1 Điều 73"),
    ("edge Ms L: thematic Bằng khen", ms_h(bk_type="phong_trao"), "BK_TTG", False, f"Khoản 3 Điều 4 {D152}"),
    ("edge Mr M: CSTĐ tỉnh 2020 and 2024, CSTĐCS broken in 2021",
     mr_m({2020, 2024}, {2018, 2019, 2020, 2022, 2023, 2024}), "CSTD_TQ", False, "Điểm a khoản 1 Điều 21"),
    ("edge Mr M: CSTĐ tỉnh 2021 and 2024 on six unbroken CSTĐCS years (LAW.md corrected)",
     mr_m({2021, 2024}, set(range(2019, 2025))), "CSTD_TQ", True, "Điểm a khoản 1 Điều 21"),
    ("edge household N: overlapping Giấy khen window", household_n(2023, [2021, 2022, 2023], (2020, 2022)), "GK",
     False, "Khoản 2 Điều 5"),
    ("edge household N: next window after the last one", household_n(2025, [2023, 2024, 2025], (2020, 2022)), "GK",
     True, "Nghị định 122/2018"),
]


@pytest.mark.parametrize(("case", "code", "eligible", "article"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_worked_case(case, code, eligible, article):
    found = verdict(case, code)
    assert found.eligible is eligible, found.reasons
    assert mentions(found, article), (article, found.basis, found.reasons)


def test_case_1_money_and_authority_year():
    assert file_money("LDTT", "individual", AFTER_BASE_RAISE) == 760_000


def test_case_2_paid_only_for_the_higher_title():
    answer = evaluate(ms_a("HTXSNV"))
    granted = [v.code for v in answer.verdicts if v.eligible]
    assert granted == ["LDTT", "CSTDCS"]
    assert payable(granted, ranks(), TITLE_CODES) == ["CSTDCS"]
    assert file_money("CSTDCS", "individual", AFTER_BASE_RAISE) == 2_530_000
    assert mentions(answer.verdict("CSTDCS"), "80%")  # the council vote still to come


def test_case_3_money():
    assert file_money("CSTD_TINH", "individual", "2026-08-01") == 7_590_000
    assert mentions(verdict(ms_c(), "CSTD_TINH"), "90%")


def test_case_4_paid_for_ttldxs_only():
    answer = evaluate(phong_x())
    granted = [v.code for v in answer.verdicts if v.eligible]
    assert payable(granted, ranks(), TITLE_CODES) == ["TTLDXS"]
    assert file_money("TTLDXS", "collective", AFTER_BASE_RAISE) == 3_800_000


def test_case_5_6_money():
    assert file_money("BK_TTG", "individual", "2026-09-01") == 8_860_000
    assert file_money("HCLD3", "individual", "2026-09-01") == 11_390_000


def test_case_7_says_when_the_next_chance_is():
    found = verdict(mr_d(), "CSTD_TINH")
    assert mentions(found, "2027")
    assert mentions(found, "thiếu năm 2024")


def test_case_10_quota_only_with_a_provincial_cap(hs_ruleset):
    proposals = [Proposal(f"ldtt-{i}", "LDTT", unit="So Y") for i in range(40)]
    proposals += [Proposal(f"cs-{i}", "CSTDCS", unit="So Y", vote_share=0.9 - i / 100) for i in range(8)]
    assert check_quotas("2025", proposals) == []
    [excess] = check_quotas(hs_ruleset, proposals)
    assert (excess.allowed, excess.proposed, excess.excess) == (6, 8, 2)
    assert excess.over == ("cs-6", "cs-7")


def test_case_12_says_when_it_becomes_possible():
    assert mentions(verdict(mr_j(), "HCLD3"), "2027")


def test_edge_mr_g_money():
    assert file_money("BK_TINH", "individual", AFTER_BASE_RAISE) == 3_800_000


def test_edge_unit_w_under_verification_is_deferred_not_refused():
    case = unit(2026, [unit_year(2026, members=members(20, 18, 2))], frozen=True)
    answer = evaluate(case)
    assert answer.verdicts and not any(v.eligible for v in answer.verdicts)
    for found in answer.verdicts:
        assert any("tạm dừng xét" in r for r in found.reasons)
        assert mentions(found, f"Khoản 4 Điều 4 {D152}")
    thawed = evaluate({**case, "subject": {"kind": "collective"}})
    assert thawed.verdict("TTLDXS").eligible
