"""Writes to people, their employment, ratings and discipline.

Each service locks what it changes, checks the actor's role over the unit concerned,
writes, and records an AuditEvent in the same transaction.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name, fold
from thidua.org.models import Unit
from thidua.people import audit_actions as A
from thidua.people import cccd as cccd_policy
from thidua.people.models import Discipline, Employment, Evaluation, Person

UNIT_CLOSED = _("Đơn vị này đã ngừng hoạt động; hãy chọn đơn vị kế thừa.")
TRANSFER_SAME_UNIT = _("Cá nhân đang công tác tại đơn vị này.")
TRANSFER_BEFORE_START = _("Ngày điều chuyển phải sau ngày bắt đầu công tác hiện tại.")
EVALUATION_UNIT_MISMATCH = _("Chỉ ghi xếp loại cho cá nhân thuộc phạm vi quản lý của bạn.")


def person_search_key(person: Person) -> str:
    return fold(person.full_name)[:200]


@cccd_policy.refusals_recorded
@transaction.atomic
def person_create(
    *, actor, unit: Unit, full_name: str, gender: str, birth_date: dt.date | None = None,
    cccd: str | None = None, position: str = "", position_group: str = "", started_on: dt.date | None = None,
    reason: str = "",
) -> Person:
    """Create a person working in UNIT from STARTED_ON (today when not given)."""
    access.require(actor, Perm.PEOPLE_CHANGE, unit)
    if unit.active_until is not None:
        raise ApplicationError(UNIT_CLOSED, {"field": "unit"})
    cccd = cccd or None
    cccd_policy.check(actor, cccd, unit=unit)
    person = Person(
        full_name=clean_name(full_name), gender=gender, birth_date=birth_date, cccd=cccd,
        position=clean_name(position), position_group=position_group, current_unit=unit,
    )
    person.search_key = person_search_key(person)
    person.full_clean()
    person.save()
    Employment.objects.create(
        person=person, unit=unit, position=person.position, started_on=started_on or dt.date.today(),
    )
    audit.record(actor=actor, action=A.PERSON_CREATE, target=person, unit_path=unit.path,
                 after=audit.snapshot(person), reason=reason)
    return person


@cccd_policy.refusals_recorded
@transaction.atomic
def person_update(*, actor, person: Person, version: int | None = None, reason: str = "", **fields) -> Person:
    """Change identity fields (not the unit: that is a transfer). VERSION is the person's
    version the edit was made on: a save on an older one is refused (StaleError)."""
    person = Person.objects.select_for_update().select_related("current_unit").get(pk=person.pk)
    access.require(actor, Perm.PEOPLE_CHANGE, person)
    fields.pop("current_unit", None)
    concurrency.require_version(person, version, wanted=fields)
    if "cccd" in fields:
        fields["cccd"] = fields["cccd"] or None
        if fields["cccd"] != person.cccd:
            cccd_policy.check(actor, fields["cccd"], unit=person.current_unit, exclude_pk=person.pk)
    before = audit.snapshot(person)
    for key, value in fields.items():
        setattr(person, key, clean_name(value) if key in {"full_name", "position"} else value)
    person.search_key = person_search_key(person)
    return audit.save_changes(person, before, actor=actor, action=A.PERSON_UPDATE,
                              unit_path=person.current_unit.path, reason=reason)


@transaction.atomic
def person_transfer(
    *, actor, person: Person, to_unit: Unit, on: dt.date, position: str | None = None, reason: str = "",
    version: int | None = None,
) -> Employment:
    """Close the current employment the day before ON and open one in TO_UNIT.

    The actor needs the right over the person's current unit (the sending side); all of
    the person's history goes with them. VERSION is the person's version the form showed:
    a person moved or changed meanwhile is not moved again unseen (StaleError).
    """
    person = Person.objects.select_for_update().select_related("current_unit").get(pk=person.pk)
    access.require(actor, Perm.PEOPLE_CHANGE, person)
    concurrency.require_version(person, version, wanted={"current_unit": to_unit,
                                                         **({"position": position} if position else {})})
    if to_unit.active_until is not None:
        raise ApplicationError(UNIT_CLOSED, {"field": "to_unit"})
    if to_unit.pk == person.current_unit_id:
        raise ApplicationError(TRANSFER_SAME_UNIT, {"field": "to_unit"})
    current = person.employments.filter(ended_on__isnull=True).first()
    if current is not None:
        if on <= current.started_on:
            raise ApplicationError(TRANSFER_BEFORE_START, {"field": "on"})
        current.ended_on = on - dt.timedelta(days=1)
        current.save(update_fields=["ended_on"])
    before = audit.snapshot(person)
    from_path = person.current_unit.path
    person.current_unit = to_unit
    if position is not None:
        person.position = clean_name(position)
    person.save(update_fields=["current_unit", "position"])
    employment = Employment.objects.create(
        person=person, unit=to_unit, position=person.position, started_on=on,
    )
    # Recorded under the sending unit so its officers keep the trace of who left.
    audit.record(actor=actor, action=A.PERSON_TRANSFER, target=person, unit_path=from_path,
                 before=before, after=audit.snapshot(person), reason=reason)
    return employment


@transaction.atomic
def evaluation_set(
    *, actor, person: Person | None = None, unit: Unit | None = None, year: int, rating: str,
    months_worked: int = 12, note: str = "", reason: str = "", version: int | None = None,
) -> Evaluation:
    """Create or change the rating of PERSON (or of UNIT itself) for YEAR.

    A person's rating is kept under the unit they work in now unless a rating for that
    year already exists (then it keeps the unit it was given in). VERSION is the version of
    that year's rating the edit was made on, 0 when the form showed none: a rating saved
    meanwhile is not overwritten (StaleError).
    """
    if person is not None:
        person = Person.objects.select_related("current_unit").get(pk=person.pk)
        access.require(actor, Perm.EVALUATION_CHANGE, person)
        existing = Evaluation.objects.select_for_update().filter(person=person, year=year).first()
        target_unit = existing.unit if existing else person.current_unit
        audit_target, audit_path = person, person.current_unit.path
    else:
        assert unit is not None, "evaluation_set needs a person or a unit"
        access.require(actor, Perm.EVALUATION_CHANGE, unit)
        existing = Evaluation.objects.select_for_update().filter(
            person__isnull=True, unit=unit, year=year
        ).first()
        target_unit, audit_target, audit_path = unit, unit, unit.path
    if existing is not None:
        concurrency.require_version(existing, version, rebase={"version_year": year}, wanted={
            "rating": rating, "months_worked": months_worked, "note": note})
    before = audit.snapshot(existing, ["year", "rating", "months_worked", "note"]) if existing else None
    evaluation = existing or Evaluation(person=person, unit=target_unit, year=year)
    evaluation.rating, evaluation.months_worked, evaluation.note = rating, months_worked, note
    evaluation.full_clean(validate_constraints=False)
    evaluation.save()
    audit.record(
        actor=actor, action=A.EVALUATION_SET, target=audit_target, unit_path=audit_path,
        before=before, after=audit.snapshot(evaluation, ["year", "rating", "months_worked", "note"]),
        reason=reason,
    )
    return evaluation


@transaction.atomic
def discipline_create(
    *, actor, person: Person, form: str, decided_on: dt.date, effective_until: dt.date | None = None,
    document=None, reason_text: str = "", reason: str = "",
) -> Discipline:
    access.require(actor, Perm.PEOPLE_CHANGE, person)
    discipline = Discipline(
        person=person, form=form, decided_on=decided_on, effective_until=effective_until,
        document=document, reason=reason_text,
    )
    discipline.full_clean()
    discipline.save()
    audit.record(actor=actor, action=A.DISCIPLINE_CREATE, target=person, unit_path=person.current_unit.path,
                 after=audit.snapshot(discipline), reason=reason)
    return discipline
