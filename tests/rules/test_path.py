"""The path to the next award (issue 14): what a person or collective still lacks for each
rung of the ladder, in words, and the earliest year it can be reached if the run holds."""

from thidua.rules import case_from_dict, ruleset_for_year
from thidua.rules.path import BLOCKED, MET, REACHABLE, ladder, plan_path

from .builders import award, members, person, sk, unit, unit_year, yr


def _runner(cstdcs_years, *, awards=(), year=2025):
    """LĐTT every year 2021–YEAR with HTTNV, CSTĐCS (and HTXSNV) in CSTDCS_YEARS."""
    history = [yr(y, rating="HTXSNV" if y in cstdcs_years else "HTTNV",
                  titles=["LDTT", "CSTDCS"] if y in cstdcs_years else ["LDTT"])
               for y in range(2021, year + 1)]
    return case_from_dict(person(year, history, awards))


BK_TINH_2020 = award("BK_TINH", "2021-03-01", period=(2019, 2020))


def test_two_cstdcs_in_the_run_lack_one_more_for_the_prime_ministers_certificate_next_year():
    path = plan_path(_runner({2024, 2025}, awards=[BK_TINH_2020]))

    step = path.step("BK_TTG")
    assert step.name == "Bằng khen của Thủ tướng Chính phủ"
    assert step.state == REACHABLE
    assert step.year == 2026
    assert "còn thiếu 1 lần Chiến sĩ thi đua cơ sở" in step.missing


def test_the_path_names_todays_rule_set_and_its_rungs_in_the_order_of_their_prerequisites():
    case = _runner({2024, 2025}, awards=[BK_TINH_2020])
    path = plan_path(case)

    assert path.ruleset == "2025"
    assert path.ruleset_title.startswith("Luật Thi đua, khen thưởng 2022")
    codes = ladder(ruleset_for_year(2025), case)
    assert codes.index("LDTT") < codes.index("CSTDCS") < codes.index("BK_TINH") < codes.index("BK_TTG")
    assert codes.index("BK_TTG") < codes.index("HCLD3")
    assert [s.code for s in path.steps] == codes
    assert path.step("LDTT").state == MET


def test_without_the_provincial_certificate_the_path_goes_through_it_first():
    path = plan_path(_runner({2024, 2025}))

    step = path.step("BK_TTG")
    assert any(item.startswith("cần được tặng Bằng khen cấp bộ, ban, ngành, tỉnh trước") for item in step.missing)
    assert step.year > path.step("BK_TINH").year


def test_initiatives_are_what_the_person_must_add_not_what_the_years_bring():
    # Two CSTĐCS years in a row but no initiative: the provincial Bằng khen (Art. 74(1)(d))
    # needs two initiatives recognised at the grassroots.
    path = plan_path(_runner({2024, 2025}))

    step = path.step("BK_TINH")
    assert step.state == REACHABLE
    assert "cần thêm 2 sáng kiến được cơ sở công nhận" in step.also


def test_one_initiative_already_recognised_counts_toward_the_two():
    history = [yr(y, rating="HTXSNV", titles=["LDTT", "CSTDCS"]) for y in (2024,)]
    history.append(yr(2025, rating="HTXSNV", titles=["LDTT", "CSTDCS"], initiatives=[sk("SK-1", year=2025)]))
    path = plan_path(case_from_dict(person(2025, history)))

    assert "cần thêm 1 sáng kiến được cơ sở công nhận" in path.step("BK_TINH").also


def test_a_fact_the_case_cannot_carry_is_never_assumed():
    history = [unit_year(y, titles=["TTLDTT"], members=members(10, 9, 1)) for y in range(2023, 2026)]
    path = plan_path(case_from_dict(unit(2025, history)))

    flag = path.step("CO_TINH")
    assert flag.state == BLOCKED
    assert any("xếp hạng khối" in item for item in flag.blocked_by)


def test_a_collectives_path_reaches_the_provincial_certificate_after_two_excellent_years():
    history = [unit_year(2024, rating="HTTNV", titles=["TTLDTT"], members=members(10, 9, 1)),
               unit_year(2025, titles=["TTLDTT", "TTLDXS"], members=members(10, 9, 1))]
    path = plan_path(case_from_dict(unit(2025, history)))

    codes = [s.code for s in path.steps]
    assert "TTLDXS" in codes and "BK_TINH" in codes and codes.index("TTLDXS") < codes.index("BK_TINH")
    step = path.step("BK_TINH")
    assert step.state == REACHABLE
    assert step.year == 2026
    assert "còn thiếu 1 năm xếp loại hoàn thành xuất sắc nhiệm vụ" in step.missing
    assert path.step("TTLDXS").state == MET


def test_the_nearest_next_award_is_the_earliest_one_not_met_yet():
    path = plan_path(_runner({2024, 2025}, awards=[BK_TINH_2020]))

    nearest = path.next_step()
    assert nearest.state == REACHABLE
    assert nearest.year == min(s.year for s in path.steps if s.state == REACHABLE)


def test_a_rung_met_now_is_one_the_engine_finds_eligible_and_a_rung_ahead_is_not():
    from thidua.rules import evaluate

    for case in (_runner({2024, 2025}, awards=[BK_TINH_2020]), _runner({2025}), _runner(set())):
        answer = evaluate(case)
        for step in plan_path(case).steps:
            verdict = answer.verdict(step.code)
            if step.state == MET:
                assert verdict.eligible, step.code
            elif step.state == REACHABLE:
                assert step.year > case.year and not verdict.eligible, step.code


def test_a_rung_above_one_the_years_cannot_bring_is_not_promised_either():
    # A household's Giấy khen counts "Gia đình văn hóa" years, which need the village's vote.
    path = plan_path(case_from_dict({"year": 2025, "subject": {"kind": "household"}}))

    assert path.step("GDVH").state == BLOCKED
    assert path.step("GK").state == BLOCKED
    assert path.step("GK").blocked_by == ("cần đạt Gia đình văn hóa trước",)


def test_the_armed_forces_path_names_their_own_title():
    path = plan_path(case_from_dict(person(2025, [], armed_forces=True)))

    assert "đạt danh hiệu Chiến sĩ tiên tiến năm 2026" in path.step("CSTDCS").missing
    assert path.step("LDTT") is None
