import datetime as dt

from tests.conftest import make_person
from thidua.awards import selectors, services
from thidua.people.models import Person


def _setup(officer_a, secretariat, person_a, tree, revocation):
    services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=2024, decided_on=dt.date(2025, 1, 10),
                          decision_number="1/QĐ-SNV")
    services.award_record(actor=officer_a, person=person_a, kind="CSTDCS", year=2024, decided_on=dt.date(2025, 1, 10),
                          decision_number="2/QĐ-SNV")
    revoked = services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=2025,
                                    decided_on=dt.date(2026, 1, 10), decision_number="3/QĐ-SNV")
    services.award_revoke(actor=secretariat, award=revoked, document=revocation, reason="Sai")
    services.award_record(actor=secretariat, person=person_a, kind="BK_TINH", year=2022, period_from=2021,
                          period_to=2022, decided_on=dt.date(2023, 4, 15), decision_number="9/QĐ-UBND",
                          commendation_type="phong_trao")
    services.award_record(actor=officer_a, person=person_a, household=True, kind="GK", year=2023,
                          decided_on=dt.date(2024, 1, 5), decision_number="4/QĐ-SNV")
    services.award_record(actor=officer_a, unit=tree["a1"], kind="TTLDTT", year=2024, decided_on=dt.date(2025, 1, 10),
                          decision_number="5/QĐ-SNV")
    services.initiative_record(actor=officer_a, unit=tree["a1"], title="Số hóa hồ sơ", year=2024, scope="tinh",
                               recognized_on=dt.date(2024, 11, 20), decision_number="7/QĐ-HĐSK",
                               authors=[(person_a, 100)], used_for="CSTDCS")


def test_facts_for_the_rules_engine(officer_a, secretariat, person_a, tree, revocation, django_assert_num_queries):
    _setup(officer_a, secretariat, person_a, tree, revocation)
    lonely = make_person(tree["a"], "Lê Văn Lẻ")
    # Person titles, person forms, initiative authors, unit awards, unit initiatives.
    with django_assert_num_queries(5):
        facts = selectors.awards_for_facts(person_ids=Person.objects.filter(current_unit__path__startswith="")
                                           .values("pk"), unit_ids=[tree["a1"].pk, tree["a"].pk])
    person = facts["persons"][person_a.pk]
    assert person["titles"] == {2024: ["CSTDCS", "LDTT"]}  # the revoked 2025 title counts for nothing
    assert person["awards"] == [{"id": person["awards"][0]["id"], "code": "BK_TINH", "year": 2022,
                                 "decided_on": dt.date(2023, 4, 15), "period": (2021, 2022), "type": "phong_trao",
                                 "revoked": False}]
    assert person["initiatives"][0] | {"id": 0} == {"id": 0, "scope": "tinh", "recognized_on": dt.date(2024, 11, 20),
                                                     "used_for": "CSTDCS", "year": 2024}
    assert facts["households"][person_a.pk]["awards"][0]["code"] == "GK"
    assert lonely.pk not in facts["persons"]
    unit = facts["units"][tree["a1"].pk]
    assert unit["titles"] == {2024: ["TTLDTT"]} and unit["initiatives"][0]["scope"] == "tinh"
    assert tree["a"].pk not in facts["units"]


def test_facts_with_id_lists_are_chunked(officer_a, person_a):
    services.award_record(actor=officer_a, person=person_a, kind="GK", year=2024, decided_on=dt.date(2025, 1, 10),
                          decision_number="1/QĐ-SNV")
    facts = selectors.awards_for_facts(person_ids=[person_a.pk, *range(10_000, 12_000)])
    assert facts["persons"][person_a.pk]["awards"][0]["code"] == "GK"


def test_revoked_forms_are_kept_flagged(officer_a, secretariat, person_a, revocation):
    award = services.award_record(actor=officer_a, person=person_a, kind="GK", year=2024,
                                  decided_on=dt.date(2025, 1, 10), decision_number="1/QĐ-SNV")
    services.award_revoke(actor=secretariat, award=award, document=revocation, reason="Sai")
    facts = selectors.awards_for_facts(person_ids=[person_a.pk])
    assert facts["persons"][person_a.pk]["awards"][0]["revoked"] is True


def test_timeline_groups_by_year_newest_first(officer_a, secretariat, person_a, tree, revocation):
    _setup(officer_a, secretariat, person_a, tree, revocation)
    timeline = selectors.person_timeline(person_a)
    assert [g.year for g in timeline] == [2025, 2024, 2023, 2022]
    y2024 = timeline[1]
    assert {a.kind for a in y2024.titles} == {"LDTT", "CSTDCS"}
    assert y2024.titles[0].kind_name in {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"}
    assert y2024.initiatives[0].title == "Số hóa hồ sơ"
    assert timeline[0].titles[0].revoked
    unit_timeline = selectors.unit_timeline(tree["a1"])
    assert [g.year for g in unit_timeline] == [2024]
