"""Reading what a summary of achievement claims (`rules.claims`) and where the record
contradicts it."""

from hypothesis import given
from hypothesis import strategies as st

from thidua.rules.claims import claims_in, contradictions


def _codes(text):
    return [(c.code, c.years) for c in claims_in(text)]


def test_ratings_and_titles_with_their_years():
    assert _codes("Hoàn thành xuất sắc nhiệm vụ năm 2024 và 2025") == [("HTXSNV", (2024, 2025))]
    assert _codes("Chiến sĩ thi đua cơ sở năm 2024; Lao động tiên tiến các năm 2023, 2024, 2025") == [
        ("CSTDCS", (2024,)), ("LDTT", (2023, 2024, 2025))]
    assert _codes("hoàn thành tốt nhiệm vụ năm 2023 - 2025") == [("HTTNV", (2023, 2024, 2025))]
    assert _codes("Chiến sĩ thi đua cấp tỉnh năm 2022") == [("CSTD_TINH", (2022,))]


def test_a_phrase_without_a_year_claims_nothing_checkable():
    assert claims_in("Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận.") == []


def test_the_record_contradicts_a_better_rating_or_a_missing_title_but_not_a_modest_claim():
    claims = claims_in("Hoàn thành xuất sắc nhiệm vụ năm 2024 và 2025; Chiến sĩ thi đua cơ sở năm 2025")
    found = contradictions(claims, {2024: "HTNV", 2025: "HTXSNV"}, set())
    assert [(c.claim.code, c.year, c.actual) for c in found] == [("HTXSNV", 2024, "HTNV"), ("CSTDCS", 2025, "")]
    modest = claims_in("Hoàn thành tốt nhiệm vụ năm 2025")
    assert contradictions(modest, {2025: "HTXSNV"}, set()) == []
    assert contradictions(modest, {}, set())[0].actual == ""  # not rated at all


@given(st.lists(st.integers(2000, 2030), min_size=1, max_size=4, unique=True))
def test_every_year_named_is_read(years):
    text = "Hoàn thành xuất sắc nhiệm vụ năm " + ", ".join(map(str, years))
    assert _codes(text) == [("HTXSNV", tuple(years))]
