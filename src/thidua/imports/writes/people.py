"""What confirming a people-and-ratings sheet writes, and the one place Person and
Evaluation rows are updated in bulk."""

import datetime as dt
from collections import Counter
from typing import Any

from thidua.core import audit, concurrency
from thidua.core.models import AuditEvent
from thidua.core.text import clean_name
from thidua.imports.people import ACTION_CREATE, EVAL_NEW, EVAL_SAME
from thidua.imports.writes.plan import (
    Changed,
    Plan,
    Statements,
    check_fields,
    chunks,
    ids_free,
    load,
    reserve_ids,
    same_or_changed,
)
from thidua.org.models import Unit
from thidua.people import audit_actions as people_actions
from thidua.people.models import Employment, Evaluation, Person
from thidua.people.services import person_search_key

# --- the one place Person and Evaluation rows are updated in bulk ------------------------


def update_people(sql: Statements, people: list[Person], fields: list[str]) -> None:
    # Raw statements bypass VersionedQuerySet: the version bump makes open forms stale.
    sql.update(Person, people, fields, every_row=concurrency.bump())


def update_evaluations(sql: Statements, evaluations: list[Evaluation], fields: list[str]) -> None:
    sql.update(Evaluation, evaluations, fields, every_row=concurrency.bump())


# --- people and ratings ---------------------------------------------------------------------

_EVAL_FIELDS = ["year", "rating", "months_worked", "note"]

# A rating the plan creates, with its person; one it changes, with its person and what it held.
Create = tuple[Any, Evaluation, Person]
Update = tuple[Any, Evaluation, Person, dict]


def _people_changes(rows: list, units: dict[int, Unit], existing: dict[int, Person]
                    ) -> tuple[dict[tuple, Person], dict[int, tuple[dict, set[str]]], dict[int, tuple]]:
    """The people the rows create (by person key) and the blanks they fill in EXISTING
    people (pk → (snapshot before, fields filled)), validated; with what the filled ones
    held when read (pk → cccd, birth date, unit)."""
    new_people: dict[tuple, Person] = {}
    fills: dict[int, tuple[dict, set[str]]] = {}
    fill_expected: dict[int, tuple] = {}
    for row in rows:
        if row.person is None:
            if row.person_key not in new_people:
                person = Person(full_name=clean_name(row.full_name), gender=row.gender, birth_date=row.birth_date,
                                cccd=row.cccd or None, position=clean_name(row.position),
                                position_group=row.position_group,
                                current_unit=units[row.unit.pk])
                person.search_key = person_search_key(person)
                check_fields(person, row.row, ["current_unit"])
                new_people[row.person_key] = person
        elif row.person.pk not in fills and (row.fill or (row.position_group
                                               and not existing[row.person.pk].position_group)):
            if row.position_group and not existing[row.person.pk].position_group:
                # A group not yet set is filled in, as a blank CCCD or birth date is.
                row.fill["position_group"] = row.position_group
            person = existing[row.person.pk]
            fill_expected[person.pk] = (person.cccd, person.birth_date, person.current_unit_id)
            before = audit.snapshot(person)
            for key, value in row.fill.items():
                setattr(person, key, value)
            check_fields(person, row.row, ["current_unit"])
            fills[person.pk] = (before, set(row.fill))
    return new_people, fills, fill_expected


def _rating_changes(rated: list, existing: dict[int, Person], new_people: dict[tuple, Person]
                    ) -> tuple[list[Create], list[Update], dict[int, tuple]]:
    """The ratings the RATED rows create and change, validated; with what the changed ones
    held when read (pk → rating, months, note)."""
    current: dict[tuple[int, int], Evaluation] = {}
    for pks_chunk in chunks({r.person.pk for r in rated if r.person}):
        for ev in Evaluation.objects.filter(person__in=pks_chunk, year__in={r.year for r in rated}):
            current[(ev.person_id, ev.year)] = ev
    creates: list[Create] = []
    updates: list[Update] = []
    eval_expected: dict[int, tuple] = {}
    for row in rated:
        ev = current.get((row.person.pk, row.year)) if row.person else None
        if ev is None:
            ev = Evaluation(year=row.year, rating=row.rating, months_worked=row.months_worked, note=row.note)
            check_fields(ev, row.row, ["person", "unit"])
            creates.append((row, ev, existing[row.person.pk] if row.person else new_people[row.person_key]))
        else:
            person = existing[row.person.pk]
            eval_expected[ev.pk] = (ev.rating, ev.months_worked, ev.note)
            before = audit.snapshot(ev, _EVAL_FIELDS)
            ev.rating, ev.months_worked, ev.note = row.rating, row.months_worked, row.note
            check_fields(ev, row.row, ["person", "unit"])
            updates.append((row, ev, person, before))
    return creates, updates, eval_expected


def _people_events(actor, reason: str, made: list[Person], existing: dict[int, Person],
                   fills: dict[int, tuple[dict, set[str]]], creates: list[Create],
                   updates: list[Update]) -> list[AuditEvent]:
    """One audit row per record written, as `person_create`, `person_update` and
    `evaluation_set` record them."""
    events = [audit.event(actor=actor, action=people_actions.PERSON_CREATE, target=p, unit_path=p.current_unit.path,
                          after=audit.snapshot(p), reason=reason) for p in made]
    events += [audit.event(actor=actor, action=people_actions.PERSON_UPDATE, target=existing[pk],
                           unit_path=existing[pk].current_unit.path, before=before,
                           after=audit.snapshot(existing[pk]), reason=reason)
               for pk, (before, _keys) in fills.items()]
    events += [audit.event(actor=actor, action=people_actions.EVALUATION_SET, target=ev.person,
                           unit_path=ev.person.current_unit.path, after=audit.snapshot(ev, _EVAL_FIELDS),
                           reason=reason) for _r, ev, _p in creates]
    events += [audit.event(actor=actor, action=people_actions.EVALUATION_SET, target=p, unit_path=p.current_unit.path,
                           before=before, after=audit.snapshot(ev, _EVAL_FIELDS), reason=reason)
               for _r, ev, p, before in updates]
    return events


def _people_result(rows: list, existing: dict[int, Person], new_people: dict[tuple, Person],
                   fills: dict, rated: list) -> dict[str, Any]:
    """What was written, for `ImportBatch.result["applied"]`."""
    counts: Counter[str] = Counter(r.evaluation for r in rows)
    people: dict[int, dict] = {}
    for row in rows:
        person = existing[row.person.pk] if row.person else new_people[row.person_key]
        people.setdefault(person.pk, {"id": person.pk, "full_name": person.full_name,
                                      "new": row.action == ACTION_CREATE, "years": []})["years"].append(row.year)
    return {"rows": len(rows), "people_created": len(new_people), "people_existing": len(existing),
            "people_completed": len(fills), "ratings_created": counts[EVAL_NEW],
            "ratings_changed": len(rated) - counts[EVAL_NEW], "ratings_same": counts[EVAL_SAME],
            "people": list(people.values())[:200], "people_total": len(people)}


def people_plan(actor, rows: list, *, reason: str, today: dt.date | None = None) -> Plan:
    """People created (with their employment), blanks of existing people filled, ratings
    created or changed — what `person_create`, `person_update` and `evaluation_set` write
    row by row, in bulk."""
    today = today or dt.date.today()
    units = load(Unit, {r.unit.pk for r in rows})
    existing: dict[int, Person] = load(Person, {r.person.pk for r in rows if r.person}, "current_unit")
    if len(existing) != len({r.person.pk for r in rows if r.person}):
        raise Changed

    new_people, fills, fill_expected = _people_changes(rows, units, existing)
    rated = [r for r in rows if r.evaluation != EVAL_SAME]
    creates, updates, eval_expected = _rating_changes(rated, existing, new_people)
    made = list(new_people.values())

    def build(ids: list[int]) -> Statements:
        """The statements, the new people numbered IDS."""
        for person, pk in zip(made, ids, strict=True):
            person.pk = person.id = pk
        sql = Statements()
        sql.insert(Person, made, with_pk=True)  # sets their `created_at`, which their audit row shows
        sql.insert(Employment, [Employment(person=p, unit_id=p.current_unit_id, position=p.position,
                                           started_on=today) for p in made])
        if fills:
            keys = sorted({k for _before, filled in fills.values() for k in filled})
            update_people(sql, [existing[pk] for pk in fills], keys)
        for _row, ev, person in creates:
            ev.person, ev.unit_id = person, person.current_unit_id  # the person's id, set just above
        sql.insert(Evaluation, [ev for _r, ev, _p in creates])
        update_evaluations(sql, [ev for _r, ev, _p, _b in updates], ["rating", "months_worked", "note"])
        sql.insert(AuditEvent, _people_events(actor, reason, made, existing, fills, creates, updates))
        return sql

    ids = reserve_ids(Person, len(made))
    statements = build(ids)

    def apply() -> dict[str, Any]:
        # Locked and compared first: a rating or a person changed since the plan was read
        # is not overwritten (a rating saved meanwhile for a "new" one fails its unique key).
        same_or_changed(Evaluation, eval_expected, ["rating", "months_worked", "note"], eval_expected)
        same_or_changed(Person, fill_expected, ["cccd", "birth_date", "current_unit_id"], fill_expected)
        sql = statements if ids_free(Person, ids) else build(reserve_ids(Person, len(made)))
        sql.run()
        return _people_result(rows, existing, new_people, fills, rated)

    return Plan(apply, {r.unit.path for r in rows})
