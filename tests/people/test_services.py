import datetime as dt

import pytest

from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.people import cccd, services
from thidua.people.models import Employment, Evaluation, Person


def test_person_create_writes_person_employment_and_audit(tree, officer_a):
    person = services.person_create(actor=officer_a, unit=tree["a1"], full_name="  Đỗ  Thị   Hạnh ",
                                    gender="nu", cccd="001190000001", started_on=dt.date(2020, 3, 1))
    assert person.full_name == "Đỗ Thị Hạnh"
    assert person.search_key == "do thi hanh"
    assert Employment.objects.get(person=person).unit == tree["a1"]
    event = AuditEvent.objects.get(target_id=person.pk, action="person.create")
    assert event.actor == officer_a and event.after["full_name"] == "Đỗ Thị Hạnh"
    assert event.unit_path == tree["a1"].path


def test_person_create_refuses_out_of_scope(tree, officer_b):
    with pytest.raises(PermissionDenied):
        services.person_create(actor=officer_b, unit=tree["a"], full_name="Vũ Văn Nam", gender="nam")
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_cccd_must_be_unique(tree, officer_a, person_a):
    with pytest.raises(ApplicationError) as exc:
        services.person_create(actor=officer_a, unit=tree["a"], full_name="Vũ Văn Nam", gender="nam",
                               cccd=person_a.cccd)
    assert exc.value.message == cccd.HELD_IN_SCOPE % {"name": "Nguyễn Văn Phóng", "unit": "Phòng Công chức, viên chức"}
    assert Person.objects.count() == 1


def test_evaluation_set_records_before_and_after(officer_a, person_a):
    services.evaluation_set(actor=officer_a, person=person_a, year=2024, rating="HTTNV")
    services.evaluation_set(actor=officer_a, person=person_a, year=2024, rating="HTXSNV", reason="Phúc khảo")
    evaluation = Evaluation.objects.get(person=person_a, year=2024)
    assert evaluation.rating == "HTXSNV" and evaluation.unit == person_a.current_unit
    last = AuditEvent.objects.filter(action="evaluation.set").order_by("-id").first()
    assert last.before["rating"] == "HTTNV" and last.after["rating"] == "HTXSNV"
    assert last.reason == "Phúc khảo"
    assert last.target_id == person_a.pk


def test_head_may_rate_but_not_edit_identity(head_a, person_a):
    services.evaluation_set(actor=head_a, person=person_a, year=2023, rating="HTNV")
    with pytest.raises(PermissionDenied):
        services.person_update(actor=head_a, person=person_a, full_name="Tên Khác")


def test_transfer_keeps_history_and_moves_scope(tree, secretariat, officer_a, officer_b, person_a):
    services.evaluation_set(actor=officer_a, person=person_a, year=2023, rating="HTXSNV")
    services.person_transfer(actor=officer_a, person=person_a, to_unit=tree["b"], on=dt.date(2024, 1, 1))
    person_a.refresh_from_db()
    assert person_a.current_unit == tree["b"]
    employments = list(person_a.employments.order_by("started_on"))
    assert [e.unit for e in employments] == [tree["a1"], tree["b"]]
    assert employments[0].ended_on == dt.date(2023, 12, 31) and employments[1].ended_on is None
    # The 2023 rating stays under the unit that gave it; the person now belongs to B.
    assert Evaluation.objects.get(person=person_a, year=2023).unit == tree["a1"]
    from thidua.people.selectors import people_for

    assert list(people_for(officer_b)) == [person_a]
    assert list(people_for(officer_a)) == []


def test_transfer_to_a_closed_unit_is_refused(tree, officer_a, person_a):
    services_unit = tree["b"]
    services_unit.active_until = dt.date(2025, 7, 1)
    services_unit.save()
    with pytest.raises(ApplicationError) as exc:
        services.person_transfer(actor=officer_a, person=person_a, to_unit=services_unit, on=dt.date(2025, 8, 1))
    assert exc.value.message == services.UNIT_CLOSED
    person_a.refresh_from_db()
    assert person_a.current_unit == tree["a1"]


def test_discipline_is_recorded_with_audit(officer_a, person_a):
    services.discipline_create(actor=officer_a, person=person_a, form="khien_trach",
                               decided_on=dt.date(2024, 5, 2), effective_until=dt.date(2025, 5, 1))
    assert person_a.disciplines.count() == 1
    assert AuditEvent.objects.filter(action="discipline.create", target_id=person_a.pk).exists()
