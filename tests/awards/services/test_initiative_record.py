import datetime as dt
from decimal import Decimal

import pytest

from tests.conftest import make_person
from thidua.awards import services
from thidua.awards.models import Initiative, InitiativeAuthor
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent


def record(actor, unit, authors, **kw):
    kw.setdefault("title", "Số hóa hồ sơ công chức")
    kw.setdefault("year", 2025)
    kw.setdefault("scope", "co_so")
    kw.setdefault("recognized_on", dt.date(2025, 11, 20))
    kw.setdefault("decision_number", "12/QĐ-HĐSK")
    return services.initiative_record(actor=actor, unit=unit, authors=authors, **kw)


def test_record_with_two_authors_and_an_audit_row(officer_a, person_a, tree):
    other = make_person(tree["a1"], "Trần Thị Hoa", gender="nu")
    initiative = record(officer_a, tree["a1"], [(person_a, 60), (other, "40")])
    assert list(initiative.authors.order_by("-share").values_list("person__full_name", "share")) == [
        ("Nguyễn Văn Phóng", Decimal("60.00")), ("Trần Thị Hoa", Decimal("40.00"))]
    event = AuditEvent.objects.get(action="initiative.record", target_id=initiative.pk)
    assert event.actor == officer_a and "Nguyễn Văn Phóng (60.00 %)" in event.after["tác giả"]


def test_shares_must_add_up_to_100(officer_a, person_a, tree):
    other = make_person(tree["a1"], "Trần Thị Hoa", gender="nu")
    with pytest.raises(ApplicationError) as exc:
        record(officer_a, tree["a1"], [(person_a, 60), (other, 30)])
    assert exc.value.message == services.SHARES_NOT_100 % "90"
    assert record(officer_a, tree["a1"], [(person_a, "33.33"), (other, "66,67")]).pk
    assert Initiative.objects.count() == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": " "}, "title"),
    ({"scope": "huyen"}, "scope"),
    ({"year": 2099}, "year"),
    ({"recognized_on": dt.date(2024, 12, 31)}, "recognized_on"),
    ({"recognized_on": dt.date.today() + dt.timedelta(days=2)}, "recognized_on"),
    ({"decision_number": ""}, "decision_number"),
    ({"used_for": "NOPE"}, "used_for"),
])
def test_refusals(officer_a, person_a, tree, changes, field):
    with pytest.raises(ApplicationError) as exc:
        record(officer_a, tree["a1"], [(person_a, 100)], **changes)
    assert exc.value.extra["field"] == field
    assert not Initiative.objects.exists()


def test_author_refusals(officer_a, person_a, person_b, tree):
    with pytest.raises(ApplicationError) as exc:
        record(officer_a, tree["a1"], [])
    assert exc.value.message == services.AUTHORS_REQUIRED
    with pytest.raises(ApplicationError) as exc:
        record(officer_a, tree["a1"], [(person_a, 50), (person_a, 50)])
    assert "hai lần" in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        record(officer_a, tree["a1"], [(person_a, 50), (person_b, 50)])
    assert exc.value.message == services.AUTHOR_OUT_OF_SCOPE
    with pytest.raises(ApplicationError):
        record(officer_a, tree["a1"], [(person_a, 0), (person_a, 100)])
    assert not InitiativeAuthor.objects.exists()


def test_it_refuses_out_of_scope(officer_b, person_a, tree):
    with pytest.raises(PermissionDenied):
        record(officer_b, tree["a1"], [(person_a, 100)])


def test_used_for_is_kept(officer_a, person_a, tree):
    assert record(officer_a, tree["a1"], [(person_a, 100)], used_for="CSTDCS").used_for == "CSTDCS"
