"""Unbroken runs read back to their start (Law Art. 73(1)(b), 44(1)(e), 74(1)(d): "có liên tục
từ 05 (02) năm trở lên … trong thời gian đó") and a registration for the higher title
covering the lower one (Art. 23(1)). docs/law.md, "Unbroken runs"."""

from tests.rules.builders import award, members, mentions, person, sk, unit, unit_year, verdict, yr

ART_73 = "Điểm b khoản 1 Điều 73"
ART_74 = "Điểm d khoản 1 Điều 74"


def seven_year_run(break_rating=None, disciplined_in=None):
    """Provincial Bằng khen for 2018; 2019–2025 rated HTTNV; CSTĐCS 2019, 2020, 2021 only."""
    history = []
    for y in range(2019, 2026):
        rating = break_rating if y == 2022 and break_rating else "HTTNV"
        titles = ["LDTT", "CSTDCS"] if y <= 2021 else ["LDTT"]
        history.append(yr(y, rating, titles=titles if rating == "HTTNV" else [],
                          disciplined=y == disciplined_in))
    return person(2025, history, [award("BK_TINH", "2019-03-01", (2018, 2018))])


def test_a_seven_year_run_with_its_three_cstdcs_in_its_first_three_years_qualifies_for_bk_ttg():
    found = verdict(seven_year_run(), "BK_TTG")
    assert found.eligible, found.reasons
    assert mentions(found, "7 năm liên tục")
    assert mentions(found, "2019, 2020, 2021")
    assert any(ART_73 in b for b in found.basis)


def test_a_run_broken_by_a_bad_year_does_not_reach_back():
    found = verdict(seven_year_run(break_rating="HTNV"), "BK_TTG")
    assert not found.eligible
    # 2023–2025 is the run: three years, and none of the three CSTĐCS lies in it.
    assert mentions(found, "năm 2022 không đạt")
    assert mentions(found, "đạt «Chiến sĩ thi đua cơ sở» 0 lần")


def test_a_discipline_breaks_the_run_too():
    found = verdict(seven_year_run(disciplined_in=2021), "BK_TTG")
    assert not found.eligible
    assert mentions(found, "năm 2021 bị kỷ luật")


def test_hcld3_counts_the_whole_run_since_the_bk_ttg_period():
    history = [yr(y, "HTXSNV" if y == 2018 else "HTTNV", titles=["LDTT", "CSTDCS"] if y <= 2020 else ["LDTT"])
               for y in range(2018, 2026)]
    case = person(2025, history, [award("BK_TTG", "2018-04-01", (2017, 2017))])
    found = verdict(case, "HCLD3")
    assert found.eligible, found.reasons
    assert mentions(found, "8 năm liên tục")


def test_hcld3_run_stops_at_the_bk_ttg_period():
    history = [yr(y, "HTXSNV" if y == 2018 else "HTTNV", titles=["LDTT", "CSTDCS"] if y <= 2020 else ["LDTT"])
               for y in range(2018, 2026)]
    # A Bằng khen TTg for 2019: the run for the medal starts in 2020 (6 years, one CSTĐCS, no HTXSNV).
    case = person(2025, history, [award("BK_TTG", "2020-04-01", (2019, 2019))])
    found = verdict(case, "HCLD3")
    assert not found.eligible
    assert mentions(found, "đến năm 2019")


def three_year_excellent_run(used_first=False, last_bk=None):
    history = [
        yr(2023, "HTXSNV", titles=["LDTT", "CSTDCS"],
           initiatives=[sk("SK-2023", year=2023, used_for="CSTDCS" if used_first else None)]),
        yr(2024, "HTXSNV", titles=["LDTT", "CSTDCS"]),
        yr(2025, "HTXSNV", initiatives=[sk("SK-2025", year=2025)]),
    ]
    awards = [award("BK_TINH", f"{last_bk + 1}-03-01", (last_bk, last_bk))] if last_bk else []
    return person(2025, history, awards)


def test_a_three_year_htxsnv_run_with_initiatives_in_its_first_and_last_year_qualifies_for_bk_tinh():
    found = verdict(three_year_excellent_run(), "BK_TINH")
    assert found.eligible, found.reasons
    assert mentions(found, "SK-2023, SK-2025")
    assert mentions(found, "thời gian liên tục các năm 2023–2025")
    assert any(ART_74 in b for b in found.basis)


def test_an_initiative_used_before_does_not_count():
    found = verdict(three_year_excellent_run(used_first=True), "BK_TINH")
    assert not found.eligible
    assert mentions(found, "Chỉ có 1/2 sáng kiến")
    assert mentions(found, "đã dùng cho «Chiến sĩ thi đua cơ sở» không được tính lại")


def test_the_bk_tinh_run_starts_after_the_last_provincial_bang_khen():
    # A provincial Bằng khen for 2022 leaves 2023–2025 free: still eligible.
    assert verdict(three_year_excellent_run(last_bk=2022), "BK_TINH").eligible
    # One for 2023 took that year: the initiative of 2023 is outside the run now.
    found = verdict(three_year_excellent_run(last_bk=2023), "BK_TINH")
    assert not found.eligible
    assert mentions(found, "thời gian liên tục các năm 2024–2025")


def test_a_cstdcs_only_registration_meets_cstdcs_and_its_ldtt_prerequisite():
    case = person(2025, [yr(2025, "HTXSNV", registered=["CSTDCS"])])
    cstdcs = verdict(case, "CSTDCS")
    assert cstdcs.eligible, cstdcs.reasons
    assert not mentions(cstdcs, "không đăng ký")
    ldtt = verdict(case, "LDTT")
    assert ldtt.eligible, ldtt.reasons
    assert mentions(ldtt, "Đã đăng ký thi đua danh hiệu «Chiến sĩ thi đua cơ sở» năm 2025")
    assert any("Khoản 1 Điều 23" in b for b in ldtt.basis)


def test_without_any_registration_both_are_refused():
    case = person(2025, [yr(2025, "HTXSNV", registered=[])])
    assert not verdict(case, "CSTDCS").eligible
    assert mentions(verdict(case, "LDTT"), "không đăng ký thi đua danh hiệu «Lao động tiên tiến»")


def test_a_ttldxs_registration_covers_ttldtt():
    case = unit(2025, [unit_year(2025, registered=["TTLDXS"], members=members(10, 8, 1))])
    assert verdict(case, "TTLDXS").eligible
    assert verdict(case, "TTLDTT").eligible


def test_registration_codes_name_the_covering_titles():
    from thidua.rules import get_ruleset
    from thidua.rules.registration import registration_codes
    ruleset = get_ruleset("2025")
    assert registration_codes(ruleset, "LDTT") == {"LDTT", "CSTDCS"}
    assert registration_codes(ruleset, "CSTT") == {"CSTT", "CSTDCS"}
    assert registration_codes(ruleset, "TTLDTT") == {"TTLDTT", "TTLDXS"}
    assert registration_codes(ruleset, "CSTDCS") == {"CSTDCS"}
    assert registration_codes(ruleset, "DVTT") == {"DVTT"}
