import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from thidua.awards import services
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.people import services as people_services

DAY = dt.date(2026, 7, 2)


def record(actor, **kw):
    kw.setdefault("kind", "LDTT")
    kw.setdefault("year", 2025)
    kw.setdefault("decided_on", DAY)
    kw.setdefault("decision_number", "15/QĐ-SNV")
    return services.award_record(actor=actor, **kw)


def test_record_writes_the_award_money_and_an_audit_row(officer_a, person_a):
    award = record(officer_a, person=person_a, achievement="Hoàn thành tốt nhiệm vụ năm 2025")
    assert (award.subject_kind, award.is_title, award.money) == ("individual", True, 760_000)
    assert award.held_unit == person_a.current_unit and award.created_by == officer_a
    event = AuditEvent.objects.get(action="award.record", target_id=award.pk)
    assert event.actor == officer_a and event.after["kind"] == "LDTT" and event.after["money"] == 760_000
    assert event.unit_path == person_a.current_unit.path


def test_unit_at_the_time_is_where_the_person_was_rated_that_year(officer_a, secretariat, person_a, tree):
    people_services.evaluation_set(actor=officer_a, person=person_a, year=2023, rating="HTXSNV")
    people_services.person_transfer(actor=secretariat, person=person_a, to_unit=tree["a"], on=dt.date(2024, 3, 1))
    award = record(officer_a, person=person_a, kind="CSTDCS", year=2023, decided_on=dt.date(2024, 1, 10))
    assert award.held_unit == tree["a1"]
    assert award.money == 1_800_000


def test_collective_and_household(officer_a, person_a, tree):
    unit_award = record(officer_a, unit=tree["a1"], kind="TTLDTT")
    assert (unit_award.subject_kind, unit_award.held_unit, unit_award.money) == ("collective", tree["a1"], 2_030_000)
    household = record(officer_a, person=person_a, household=True, kind="GK")
    assert (household.subject_kind, household.money) == ("household", 1_140_000)


def test_given_money_is_kept_and_unknown_base_salary_leaves_it_empty(officer_a, person_a):
    assert record(officer_a, person=person_a, money=500_000).money == 500_000
    old = record(officer_a, person=person_a, year=2014, decided_on=dt.date(2015, 1, 20))
    assert old.money is None


def test_it_refuses_out_of_scope(officer_b, person_a):
    with pytest.raises(PermissionDenied):
        record(officer_b, person=person_a)
    assert not Award.objects.exists() and not AuditEvent.objects.filter(action="award.record").exists()


def test_unit_officer_records_only_the_units_own_kinds(officer_a, secretariat, person_a, tree):
    with pytest.raises(PermissionDenied):
        record(officer_a, person=person_a, kind="BK_TINH")
    with pytest.raises(PermissionDenied):
        record(officer_a, unit=tree["a"], kind="TTLDXS")
    assert record(secretariat, person=person_a, kind="BK_TINH").money == 3_800_000


def test_read_only_head_may_not_record(head_a, person_a):
    with pytest.raises(PermissionDenied):
        record(head_a, person=person_a)


@pytest.mark.parametrize(("changes", "message", "field"), [
    ({"kind": "NOPE"}, services.KIND_UNKNOWN % "NOPE", "kind"),
    ({"kind": "TTLDTT"}, None, "kind"),
    ({"year": 2099}, None, "year"),
    ({"year": 1900}, None, "year"),
    ({"decided_on": dt.date.today() + dt.timedelta(days=1)}, services.DATE_IN_FUTURE, "decided_on"),
    ({"year": 2026, "decided_on": dt.date(2025, 12, 1)}, None, "decided_on"),
    ({"period_from": 2025, "period_to": 2023}, services.PERIOD_INVALID, "period_from"),
    ({"decision_number": " "}, services.DECISION_REQUIRED, "decision_number"),
    ({"commendation_type": "khac"}, None, "commendation_type"),
])
def test_refusals(officer_a, person_a, changes, message, field):
    with pytest.raises(ApplicationError) as exc:
        record(officer_a, person=person_a, **changes)
    assert exc.value.extra.get("field") == field
    if message is not None:
        assert exc.value.message == message
    assert not Award.objects.exists()


def test_a_collective_title_is_refused_for_a_person(secretariat, person_a):
    with pytest.raises(ApplicationError) as exc:
        record(secretariat, person=person_a, kind="TTLDXS")
    assert "không tặng cho cá nhân" in exc.value.message


def test_one_title_of_a_kind_per_subject_and_year(officer_a, secretariat, person_a, revocation):
    first = record(officer_a, person=person_a)
    with pytest.raises(ApplicationError) as exc:
        record(officer_a, person=person_a, decision_number="99/QĐ-SNV")
    assert "đã có danh hiệu «Lao động tiên tiến» năm 2025" in exc.value.message
    # A form may be given several times; another year's title is fine.
    record(officer_a, person=person_a, kind="GK")
    record(officer_a, person=person_a, kind="GK", decision_number="16/QĐ-SNV")
    record(officer_a, person=person_a, year=2024, decided_on=dt.date(2025, 1, 10))
    # A revoked title no longer blocks a new one.
    services.award_revoke(actor=secretariat, award=first, document=revocation, reason="Kê khai sai thành tích")
    assert record(officer_a, person=person_a, decision_number="99/QĐ-SNV").pk


def test_database_constraints(officer_a, person_a, tree):
    award = record(officer_a, person=person_a)
    base = {f: getattr(award, f) for f in ("subject_kind", "held_unit", "kind", "is_title", "year", "decided_on",
                                            "decision_number")}
    with transaction.atomic(), pytest.raises(IntegrityError):
        Award.objects.create(person=person_a, **base)  # awards_award_one_title_per_person_year
    with transaction.atomic(), pytest.raises(IntegrityError):
        Award.objects.create(person=person_a, unit=tree["a"], **{**base, "year": 2020})  # person_xor_unit
    with transaction.atomic(), pytest.raises(IntegrityError):
        Award.objects.create(person=person_a, **{**base, "year": 2020, "decision_number": ""})  # decision_named
    with transaction.atomic(), pytest.raises(IntegrityError):
        Award.objects.create(person=person_a, **{**base, "year": 2020, "money": -1})
    with transaction.atomic(), pytest.raises(IntegrityError):
        Award.objects.create(person=person_a, **{**base, "year": 2020, "revoked": True})  # revoked without decision
    with transaction.atomic(), pytest.raises(IntegrityError):
        Award.objects.create(person=person_a, **{**base, "year": 2020, "period_from": 2021, "period_to": 2020})


def test_a_decision_document_fills_number_and_issuer(secretariat, person_a, decision):
    award = services.award_record(actor=secretariat, person=person_a, kind="BK_TINH", year=2025, decided_on=DAY,
                                  document=decision)
    assert (award.decision_number, award.issuer, award.document) == ("123/QĐ-UBND", "UBND tỉnh", decision)


def test_a_document_out_of_scope_is_refused(officer_a, person_a, tree):
    from tests.awards.conftest import make_decision

    elsewhere = make_decision(tree["b"], number="7/QĐ-SYT")
    with pytest.raises(PermissionDenied):
        services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=2025, decided_on=DAY,
                              document=elsewhere)
