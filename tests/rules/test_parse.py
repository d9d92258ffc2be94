"""case_from_dict: strict validation, errors that name the field."""

import datetime as dt

import pytest

from thidua.rules import CaseError, case_from_dict, evaluate

from .builders import award, person, sk, yr


def good():
    return person(2025, [
        yr(2024, "HTXSNV", titles=["LDTT", "CSTDCS"], initiatives=[sk("S1", year=2024)]),
        yr(2023, members={"total": 3, "completed": 3, "titles": {"LDTT": 2}, "disciplined": 0}),
    ], awards=[award("BK_TINH", "2022-04-15", (2021, 2021))])


def test_the_design_example_parses():
    case = case_from_dict({
        "year": 2025, "subject": {"kind": "individual"}, "ruleset": "2025",
        "history": [{"year": 2024, "rating": "HTXSNV", "months_worked": 12, "disciplined": False,
                     "registered": ["LDTT", "CSTDCS"], "titles": ["LDTT", "CSTDCS"],
                     "initiatives": [{"scope": "co_so", "recognized_on": "2024-11-20"}]}],
        "awards": [{"code": "BK_TINH", "decided_on": "2022-04-15", "period": [2021, 2021], "type": "cong_trang"}],
    })
    assert case.year == 2025 and case.subject_kind == "individual" and case.ruleset == "2025"
    entry = case.entry(2024)
    assert entry.rating == "HTXSNV" and entry.titles == frozenset({"LDTT", "CSTDCS"})
    assert entry.initiatives[0].recognized_on == dt.date(2024, 11, 20)
    assert case.awards[0].period == (2021, 2021)


def test_history_is_sorted_and_missing_years_are_empty():
    case = case_from_dict(good())
    assert [e.year for e in case.history] == [2023, 2024]
    assert case.entry(2020).rating is None and not case.has_entry(2020)
    assert case.entry(2023).members.title_count("LDTT") == 2


def mutate(path, value):
    """good() with the value at `path` (a list of keys and indexes) replaced; DELETE removes it."""
    case = good()
    target = case
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return case


DELETE = object()

BAD = [
    ("not an object", None, None, ""),
    ("unknown top key", ["extra"], 1, "extra"),
    ("no year", ["year"], DELETE, "year"),
    ("year as text", ["year"], "2025", "year"),
    ("year a boolean", ["year"], True, "year"),
    ("subject kind", ["subject", "kind"], "organisation", "subject.kind"),
    ("frozen not boolean", ["subject", "frozen"], "yes", "subject.frozen"),
    ("ruleset not text", ["ruleset"], 2025, "ruleset"),
    ("history not a list", ["history"], {}, "history"),
    ("rating code", ["history", 0, "rating"], "XS", "history[0].rating"),
    ("months too many", ["history", 0, "months_worked"], 13, "history[0].months_worked"),
    ("months with maternity too many", ["history", 0, "maternity_months"], 3, "history[0].maternity_months"),
    ("discipline level", ["history", 0, "discipline_level"], "phat_tien", "history[0].discipline_level"),
    ("title code", ["history", 0, "titles"], ["LDTT", "XYZ"], "history[0].titles[1]"),
    ("registered code", ["history", 1, "registered"], ["ldtt"], "history[1].registered[0]"),
    ("initiative scope", ["history", 0, "initiatives", 0, "scope"], "huyen", "history[0].initiatives[0].scope"),
    ("initiative date", ["history", 0, "initiatives", 0, "recognized_on"], "2024-13-01",
     "history[0].initiatives[0].recognized_on"),
    ("initiative used_for", ["history", 0, "initiatives", 0, "used_for"], "SANG_KIEN",
     "history[0].initiatives[0].used_for"),
    ("members completed over total", ["history", 1, "members", "completed"], 4, "history[1].members.completed"),
    ("members title code", ["history", 1, "members", "titles"], {"LĐTT": 2}, "history[1].members.titles.LĐTT"),
    ("award code", ["awards", 0, "code"], "BK_HUYEN", "awards[0].code"),
    ("award type", ["awards", 0, "type"], "chuyen_de", "awards[0].type"),
    ("award type missing", ["awards", 0, "type"], DELETE, "awards[0].type"),
    ("award date", ["awards", 0, "decided_on"], "15/04/2022", "awards[0].decided_on"),
    ("award period order", ["awards", 0, "period"], [2022, 2021], "awards[0].period"),
    ("award period shape", ["awards", 0, "period"], [2021], "awards[0].period"),
]


@pytest.mark.parametrize(("path", "value", "field"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_errors_name_the_field(path, value, field):
    data = None if path is None else mutate(path, value)
    with pytest.raises(CaseError) as caught:
        case_from_dict(data)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: " if field else caught.value.message)


def test_rating_message_reads_like_the_contract():
    with pytest.raises(CaseError) as caught:
        case_from_dict(mutate(["history", 0, "rating"], "XS"))
    assert str(caught.value).startswith("history[0].rating: mã xếp loại «XS» không hợp lệ")


def test_duplicate_years_are_refused():
    with pytest.raises(CaseError) as caught:
        case_from_dict(person(2025, [yr(2024), yr(2024)]))
    assert caught.value.field == "history[1].year"


def test_field_paths_use_input_positions_not_sorted_ones():
    with pytest.raises(CaseError) as caught:
        case_from_dict(person(2025, [yr(2025), yr(2023, "XS")]))
    assert caught.value.field == "history[1].rating"


def test_an_initiative_id_may_appear_once():
    case = person(2025, [yr(2024, initiatives=[sk("S1", year=2024)]), yr(2025, initiatives=[sk("S1", year=2025)])])
    with pytest.raises(CaseError) as caught:
        case_from_dict(case)
    assert caught.value.field == "history[1].initiatives[0].id"


def test_unknown_ruleset_is_a_case_error():
    with pytest.raises(CaseError) as caught:
        evaluate(person(2025, [], ruleset="1999"))
    assert caught.value.field == "ruleset"
    assert "1999" in caught.value.message


def test_unchecked_year_facts_equal_the_checked_ones():
    from thidua.rules.facts import YearFacts, year_facts_unchecked

    fast = year_facts_unchecked(2025, "HTTNV", 12, False, None, ["LDTT"], [], (), None)
    assert fast == YearFacts(year=2025, rating="HTTNV", months_worked=12, registered=frozenset({"LDTT"}))
    assert hash(fast) == hash(YearFacts(year=2025, rating="HTTNV", months_worked=12, registered=frozenset({"LDTT"})))
