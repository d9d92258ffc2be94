"""Each named condition on its own: pass, fail (or unknown), the Vietnamese reason and
missing text, and the article it carries."""

import pytest

from thidua.rules import Status, case_from_dict, get_ruleset
from thidua.rules.conditions import CONDITIONS
from thidua.rules.context import Context

from .builders import award, members, person, sk, unit, unit_year, yr

ART = "Điều thử nghiệm"


def run(name, case, year=None, ruleset="2025", **params):
    parsed = case_from_dict(case)
    ctx = Context(parsed, get_ruleset(ruleset))
    return CONDITIONS[name](ctx, year or parsed.year, article=ART, **params)


def check(outcome, status, *words):
    assert outcome.status is status, outcome.reason
    assert outcome.article == ART
    text = f"{outcome.reason} {outcome.missing or ''}"
    for word in words:
        assert word in text, (word, text)
    if status is Status.PASS:
        assert outcome.missing is None
    else:
        assert outcome.missing


class TestRatingAtLeast:
    def test_good_enough(self):
        check(run("rating_at_least", person(2026, [yr(2026, "HTXSNV")]), level="HTTNV"), Status.PASS,
              "hoàn thành xuất sắc nhiệm vụ")

    def test_too_low(self):
        check(run("rating_at_least", person(2026, [yr(2026, "HTNV")]), level="HTTNV"), Status.FAIL,
              "chưa đạt", "năm 2026")

    def test_no_rating_is_a_year_with_nothing(self):
        check(run("rating_at_least", person(2026, []), level="HTTNV"), Status.FAIL, "chưa có kết quả xếp loại")


class TestMonthsWorked:
    def test_enough(self):
        check(run("months_worked_at_least", person(2026, [yr(2026, months=6)]), months=6, maternity_article="M"),
              Status.PASS, "6 tháng")

    def test_short(self):
        check(run("months_worked_at_least", person(2026, [yr(2026, months=5)]), months=6, maternity_article="M"),
              Status.FAIL, "dưới mức tối thiểu 6 tháng")

    def test_maternity_counts_as_worked_and_cites_its_article(self):
        outcome = run("months_worked_at_least", person(2026, [yr(2026, months=2, maternity_months=6)]), months=6,
                      maternity_article="Khoản 5 Điều 4")
        check(outcome, Status.PASS, "6 tháng nghỉ thai sản")
        assert outcome.extra_articles == ("Khoản 5 Điều 4",)

    def test_unknown_months(self):
        check(run("months_worked_at_least", person(2026, [yr(2026, months=None)]), months=6, maternity_article="M"),
              Status.FAIL, "chưa có số tháng")


class TestDiscipline:
    def test_clean_year(self):
        check(run("not_disciplined", person(2026, [yr(2026)])), Status.PASS)

    def test_disciplined_year(self):
        case = person(2026, [yr(2026, disciplined=True, discipline_level="khien_trach")])
        check(run("not_disciplined", case), Status.FAIL, "khiển trách", "chấp hành xong")

    def test_window(self):
        case = person(2026, [yr(2024, disciplined=True), yr(2025), yr(2026)])
        check(run("not_disciplined_in_window", case, years=3), Status.FAIL, "2024")
        check(run("not_disciplined_in_window", case, years=2), Status.PASS)


class TestRegistration:
    def test_registered(self):
        check(run("registered_for", person(2026, [yr(2026, registered=["LDTT"])]), code="LDTT"), Status.PASS,
              "Đã đăng ký")

    def test_not_registered(self):
        check(run("registered_for", person(2026, [yr(2026, registered=[])]), code="LDTT"), Status.FAIL,
              "không đăng ký", "Lao động tiên tiến")

    def test_not_required_by_the_province(self):
        from thidua.rules import ruleset_from_mapping

        relaxed = ruleset_from_mapping({"id": "no-reg", "extends": "2025",
                                        "settings": {"registration_required": False}})
        ctx = Context(case_from_dict(person(2026, [yr(2026, registered=[])])), relaxed)
        assert CONDITIONS["registered_for"](ctx, 2026, article=ART, code="LDTT") is None


class TestFrozen:
    def test_frozen(self):
        check(run("not_frozen", person(2026, [], frozen=True)), Status.FAIL, "tạm dừng xét")

    def test_not_frozen(self):
        check(run("not_frozen", person(2026, [])), Status.PASS)


class TestTitleOrQualifies:
    def test_recorded(self):
        check(run("title_or_qualifies", person(2025, [yr(2025, titles=["LDTT"])]), codes=["LDTT"]), Status.PASS,
              "đạt danh hiệu")

    def test_qualifies_in_the_year_judged(self):
        check(run("title_or_qualifies", person(2026, [yr(2026)]), codes=["LDTT", "CSTT"]), Status.PASS,
              "đạt tiêu chuẩn")

    def test_neither_and_says_why(self):
        check(run("title_or_qualifies", person(2026, [yr(2026, months=3)]), codes=["LDTT"]), Status.FAIL,
              "3 tháng công tác")

    def test_past_years_need_a_record(self):
        check(run("title_or_qualifies", person(2026, [yr(2025), yr(2026)]), year=2025, codes=["LDTT"]),
              Status.FAIL)


class TestConsecutiveTitles:
    def test_unbroken(self):
        case = person(2025, [yr(y, titles=["CSTDCS"]) for y in (2023, 2024, 2025)])
        check(run("consecutive_titles", case, code="CSTDCS", count=3), Status.PASS, "3 năm liên tục")

    def test_gap_resets_and_names_the_earliest_new_chance(self):
        case = person(2025, [yr(y, titles=["CSTDCS"]) for y in (2022, 2023, 2025)])
        check(run("consecutive_titles", case, code="CSTDCS", count=3), Status.FAIL, "thiếu năm 2024", "2027")

    def test_the_year_judged_counts_when_it_qualifies(self):
        case = person(2026, [yr(2024, titles=["CSTDCS"]), yr(2025, titles=["CSTDCS"]), yr(2026, "HTXSNV")])
        check(run("consecutive_titles", case, code="CSTDCS", count=3), Status.PASS)


class TestCountsInWindows:
    def test_count_titles(self):
        case = person(2025, [yr(y, titles=["CSTDCS"] if y in (2021, 2023, 2025) else []) for y in range(2021, 2026)])
        check(run("count_titles_in_window", case, code="CSTDCS", count=3, years=5), Status.PASS, "2021, 2023, 2025")
        check(run("count_titles_in_window", case, code="CSTDCS", count=4, years=5), Status.FAIL, "cần 4 lần")

    def test_every_year_rated(self):
        case = person(2025, [yr(y, "HTNV" if y == 2023 else "HTTNV") for y in range(2021, 2026)])
        check(run("years_at_least_rating", case, level="HTTNV", years=5), Status.FAIL, "năm 2023 hoàn thành nhiệm vụ")
        check(run("years_at_least_rating", case, level="HTTNV", years=2), Status.PASS)

    def test_some_years_rated(self):
        case = person(2025, [yr(y, "HTXSNV" if y == 2023 else "HTTNV") for y in range(2021, 2026)])
        check(run("years_at_least_rating", case, level="HTXSNV", years=5, at_least=1), Status.PASS, "2023")
        check(run("years_at_least_rating", case, level="HTXSNV", years=5, at_least=2), Status.FAIL, "cần 2 năm")


class TestTitleNotWithin:
    def test_overlapping_chain(self):
        case = person(2025, [yr(2024, titles=["CSTD_TINH"]), yr(2025)])
        check(run("title_not_within", case, code="CSTD_TINH", years=3), Status.FAIL, "năm 2024", "2027")

    def test_no_earlier_award_does_not_apply(self):
        assert run("title_not_within", person(2025, [yr(2022, titles=["CSTD_TINH"])]), code="CSTD_TINH",
                   years=3) is None


class TestConsecutiveChainAwards:
    def chain(self, awards, cstdcs):
        return person(2024, [yr(y, titles=(["CSTDCS"] if y in cstdcs else []) + (["CSTD_TINH"] if y in awards else []))
                             for y in range(2018, 2025)])

    def test_two_awards_on_an_unbroken_chain(self):
        case = self.chain({2021, 2024}, set(range(2019, 2025)))
        check(run("consecutive_chain_awards", case, code="CSTD_TINH", count=2, chain_code="CSTDCS", chain_years=3),
              Status.PASS, "2021, 2024")

    def test_one_award_only(self):
        case = self.chain({2024}, set(range(2019, 2025)))
        check(run("consecutive_chain_awards", case, code="CSTD_TINH", count=2, chain_code="CSTDCS", chain_years=3),
              Status.FAIL, "1 lần")

    def test_broken_chain(self):
        case = self.chain({2020, 2024}, {2018, 2019, 2020, 2022, 2023, 2024})
        check(run("consecutive_chain_awards", case, code="CSTD_TINH", count=2, chain_code="CSTDCS", chain_years=3),
              Status.FAIL, "gián đoạn năm 2021")


class TestInitiatives:
    def test_enough_free_ones_are_claimed_narrowest_first(self):
        case = person(2026, [yr(2026, initiatives=[sk("wide", "tinh", year=2026), sk("narrow", year=2026)])])
        outcome = run("initiatives_of_scope", case, scope="co_so", count=1, years=1, once_article="R-P10")
        check(outcome, Status.PASS, "narrow")
        assert outcome.claims == ("narrow",)

    def test_used_ones_do_not_count(self):
        case = person(2026, [yr(2026, initiatives=[sk("a", year=2026, used_for="CSTDCS")])])
        outcome = run("initiatives_of_scope", case, scope="co_so", count=1, years=1, once_article="R-P10")
        check(outcome, Status.FAIL, "0/1", "đã dùng cho «Chiến sĩ thi đua cơ sở»")
        assert outcome.extra_articles == ("R-P10",)

    def test_scope_and_window(self):
        case = person(2026, [yr(2023, initiatives=[sk("old", "tinh", year=2023)]),
                             yr(2026, initiatives=[sk("base", year=2026)])])
        check(run("initiatives_of_scope", case, scope="tinh", count=1, years=3, once_article="R"), Status.FAIL)
        check(run("initiatives_of_scope", case, scope="tinh", count=1, years=4, once_article="R"), Status.PASS, "old")

    def test_an_initiative_marked_for_a_title_already_recorded_still_serves_that_title(self):
        from .builders import verdict

        used = [sk("a", year=2026, used_for="CSTDCS")]
        recorded = person(2026, [yr(2026, titles=["LDTT", "CSTDCS"], initiatives=used)])
        assert verdict(recorded, "CSTDCS").eligible
        assert not verdict(person(2026, [yr(2026, initiatives=used)]), "CSTDCS").eligible

    def test_without_claim(self):
        case = person(2026, [yr(2026, initiatives=[sk("a", year=2026)])])
        outcome = run("initiatives_of_scope", case, scope="co_so", count=1, years=1, once_article="R", claim=False)
        assert outcome.passed and outcome.claims == ()


class TestPreviousAward:
    def test_merit_award(self):
        case = person(2025, [], awards=[award("BK_TINH", "2021-03-01", (2020, 2020))])
        check(run("previous_award", case, codes=["BK_TINH"], type_article="R-P4"), Status.PASS, "công trạng")

    @pytest.mark.parametrize("kind", ["dot_xuat", "phong_trao"])
    def test_sudden_or_thematic_awards_are_no_basis(self, kind):
        case = person(2025, [], awards=[award("BK_TINH", "2021-03-01", kind=kind)])
        outcome = run("previous_award", case, codes=["BK_TINH"], type_article="R-P4")
        check(outcome, Status.FAIL, "không dùng làm căn cứ")
        assert outcome.extra_articles == ("R-P4",)

    def test_revoked_awards_never_count(self):
        case = person(2025, [], awards=[award("BK_TINH", "2021-03-01", revoked=True)])
        check(run("previous_award", case, codes=["BK_TINH"], type_article="R-P4"), Status.FAIL, "hủy bỏ")

    def test_none(self):
        check(run("previous_award", person(2025, []), codes=["BK_TTG"], type_article="R-P4"), Status.FAIL,
              "Chưa được tặng")


class TestYearsSincePreviousAward:
    def test_counted_from_the_period_named_in_the_decision(self):
        case = person(2025, [], awards=[award("BK_TINH", "2021-03-01", (2020, 2020))])
        check(run("years_since_previous_award_period", case, codes=["BK_TINH"], years=5), Status.PASS,
              "năm 2021", "5 năm")

    def test_too_soon(self):
        case = person(2026, [], awards=[award("BK_TTG", "2023-04-10", (2022, 2022))])
        check(run("years_since_previous_award_period", case, codes=["BK_TTG"], years=5), Status.FAIL,
              "mới có 4 năm", "2027")

    def test_counted_from_the_decision_when_no_period(self):
        case = person(2026, [], awards=[award("BK_TTG", "2021-04-10")])
        check(run("years_since_previous_award_period", case, codes=["BK_TTG"], years=5), Status.PASS,
              "sau năm ban hành quyết định")
        case = person(2025, [], awards=[award("BK_TTG", "2021-04-10")])
        check(run("years_since_previous_award_period", case, codes=["BK_TTG"], years=5), Status.FAIL)

    def test_a_decision_of_the_following_year_already_covers_its_period(self):
        case = person(2025, [], awards=[award("BK_TINH", "2026-03-01", (2024, 2025))])
        check(run("years_since_previous_award_period", case, codes=["BK_TINH"], years=2), Status.FAIL, "2027")

    def test_awards_for_later_achievements_are_ignored(self):
        case = person(2025, [], awards=[award("BK_TINH", "2028-03-01", (2027, 2027))])
        assert run("years_since_previous_award_period", case, codes=["BK_TINH"], years=2) is None

    def test_no_previous_award_does_not_apply(self):
        assert run("years_since_previous_award_period", person(2025, []), codes=["BK_TINH"], years=2) is None


class TestNoOverlappingAward:
    def test_overlap(self):
        case = {"year": 2023, "subject": {"kind": "household"}, "awards": [award("GK", "2022-12-01", (2020, 2022))]}
        check(run("no_overlapping_award", case, ruleset="2024", code="GK", years=3), Status.FAIL, "2020–2022")

    def test_disjoint(self):
        case = {"year": 2025, "subject": {"kind": "household"}, "awards": [award("GK", "2022-12-01", (2020, 2022))]}
        check(run("no_overlapping_award", case, code="GK", years=3), Status.PASS)


class TestMembers:
    def case(self, **facts):
        return unit(2026, [unit_year(2026, members=members(**facts))])

    def test_share(self):
        check(run("members_title_share_at_least", self.case(total=20, ldtt=14), codes=["LDTT"], share=0.7),
              Status.PASS, "14/20", "70%")
        check(run("members_title_share_at_least", self.case(total=20, ldtt=13), codes=["LDTT"], share=0.7),
              Status.FAIL, "65%")

    def test_all_completed(self):
        check(run("members_all_completed", self.case(total=20, ldtt=15)), Status.PASS, "100%")
        check(run("members_all_completed", self.case(total=20, ldtt=15, completed=19)), Status.FAIL, "1/20")

    def test_with_title(self):
        check(run("members_with_title_at_least", self.case(total=20, ldtt=15, cstdcs=1), codes=["CSTDCS"], count=1),
              Status.PASS)
        check(run("members_with_title_at_least", self.case(total=20, ldtt=15), codes=["CSTDCS"], count=1),
              Status.FAIL)

    def test_not_disciplined(self):
        check(run("members_not_disciplined", self.case(total=20, ldtt=15)), Status.PASS)
        check(run("members_not_disciplined", self.case(total=20, ldtt=15, disciplined=2)), Status.FAIL, "cảnh cáo")

    def test_without_member_facts_the_answer_is_unknown(self):
        case = unit(2026, [unit_year(2026)])
        for name in ("members_all_completed", "members_not_disciplined"):
            check(run(name, case), Status.UNKNOWN, "Chưa đủ dữ liệu")


class TestMeta:
    def test_needs_data_is_unknown(self):
        check(run("needs_data", person(2026, []), what="kết quả xếp hạng khối"), Status.UNKNOWN,
              "chưa đủ dữ liệu để xét: cần kết quả xếp hạng khối".capitalize())

    def test_council_vote_is_a_reminder(self):
        check(run("council_vote", person(2026, []), threshold=0.8), Status.PASS, "80%")

    def test_council_attests_is_a_reminder(self):
        check(run("council_attests", person(2026, []), criteria="đoàn kết"), Status.PASS, "đoàn kết")

    def test_dated_note(self):
        assert run("note", person(2025, []), text="x", from_year=2026) is None
        check(run("note", person(2026, []), text="x", from_year=2026), Status.PASS, "Lưu ý")


def test_every_condition_has_unit_tests():
    from pathlib import Path

    source = Path(__file__).read_text(encoding="utf-8")
    assert {name for name in CONDITIONS if f'"{name}"' in source} == set(CONDITIONS)
