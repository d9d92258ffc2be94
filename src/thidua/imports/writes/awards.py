"""What confirming a sheet of historical awards or of initiatives writes: the ledger rows
and the initiatives with their authors, as `award_record` and `initiative_record` make
them."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from thidua.awards import audit_actions as award_actions
from thidua.awards.models import Award, Initiative, InitiativeAuthor
from thidua.awards.selectors import held_units
from thidua.awards.services import AUDIT_FIELDS, refuse_title_clashes
from thidua.catalog.models import SubjectKind
from thidua.catalog.money import MoneyUnknown
from thidua.catalog.selectors import current_kinds, money_table
from thidua.core import audit
from thidua.core.models import AuditEvent
from thidua.core.text import clean_name
from thidua.imports.awards import ACTION_SAME
from thidua.imports.writes.plan import Changed, Plan, Statements, check_fields, chunks, ids_free, load, reserve_ids
from thidua.org.models import Unit
from thidua.people.models import Person


def _people_named(pks: Iterable[int]) -> dict[int, Person]:
    """People by id with their name, current unit and position group only (what a ledger
    row and its audit show), each unit loaded once however many people work there."""
    people: dict[int, Person] = {}
    for pks_chunk in chunks(pks):
        people.update(Person.objects.only("id", "full_name", "current_unit_id", "position_group").in_bulk(pks_chunk))
    units = load(Unit, {p.current_unit_id for p in people.values()})
    for person in people.values():
        person.current_unit = units[person.current_unit_id]
    return people


def awards_plan(actor, rows: list, *, reason: str, today: dt.date | None = None) -> Plan:
    """The new ledger rows of a historical-awards sheet, as `award_record` makes them."""
    kinds, prices = current_kinds(today), money_table()
    new = [r for r in rows if r.action != ACTION_SAME]
    people = _people_named({r.person.pk for r in new if r.person})
    units = load(Unit, {r.unit.pk for r in new})
    held: dict[tuple[int, int], Unit] = {}
    for pairs in chunks({(r.person.pk, r.year) for r in new if r.person}):
        held.update(held_units(set(pairs)))
    awards: list[Award] = []
    for row in new:
        info = kinds.get(row.kind)
        if info is None:
            raise Changed  # the catalog changed since the rows were checked
        collective = row.subject == SubjectKind.COLLECTIVE
        person = None if collective else people.get(row.person.pk)
        if not collective and person is None:
            raise Changed
        unit = units[row.unit.pk] if collective else None
        money = row.money
        if money is None:
            try:
                money = prices.amount(row.kind, row.subject, row.decided_on)
            except MoneyUnknown:
                money = None
        award = Award(
            subject_kind=row.subject, person=person, unit=unit,
            held_unit=unit if collective else held.get((person.pk, row.year), person.current_unit),
            kind=row.kind, is_title=info.is_title, year=row.year, period_from=row.period_from,
            period_to=row.period_to, commendation_type=row.commendation_type, decided_on=row.decided_on,
            decision_number=clean_name(row.decision_number), issuer=clean_name(row.issuer),
            achievement=(row.achievement or "").strip(), money=money,
            position_group=person.position_group if person is not None else "",
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        check_fields(award, row.row, ["person", "unit", "held_unit", "document", "created_by", "revoked_by_document"])
        awards.append(award)

    def build(ids: list[int]) -> Statements:
        for award, pk in zip(awards, ids, strict=True):
            award.pk = pk
        sql = Statements()
        sql.insert(Award, awards, with_pk=True)
        sql.insert(AuditEvent, [audit.event(actor=actor, action=award_actions.AWARD_RECORD, target=a,
                                            unit_path=a.scope_path, after=audit.snapshot(a, AUDIT_FIELDS),
                                            reason=reason) for a in awards])
        return sql

    refuse_title_clashes(awards, kinds, field="kind")  # checked now, and again when writing
    ids = reserve_ids(Award, len(awards))
    statements = build(ids)

    def apply() -> dict[str, Any]:
        refuse_title_clashes(awards, kinds, field="kind")  # one query, against the ledger as it is now
        (statements if ids_free(Award, ids) else build(reserve_ids(Award, len(awards)))).run()
        return {"rows": len(rows), "awards_created": len(awards), "awards_same": len(rows) - len(new)}

    return Plan(apply, {r.unit.path for r in rows})


def initiatives_plan(actor, rows: list, *, reason: str, today: dt.date | None = None) -> Plan:
    """The initiatives of a sheet (rows of one group are one initiative's authors), as
    `initiative_record` makes them."""
    groups: dict[tuple, list] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    new = [g for g in groups.values() if g[0].action != ACTION_SAME]
    people = _people_named({r.person.pk for g in new for r in g})
    units = load(Unit, {g[0].unit.pk for g in new})
    made: list[tuple[Initiative, list[tuple[Person, Any]]]] = []
    for group in new:
        first = group[0]
        initiative = Initiative(
            title=clean_name(first.title), unit=units[first.unit.pk], year=first.year, scope=first.scope,
            recognized_on=first.recognized_on, decision_number=clean_name(first.decision_number),
            issuer=clean_name(first.issuer), summary=next((r.summary for r in group if r.summary), "").strip(),
            used_for=(first.used_for or "").strip() or None,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        check_fields(initiative, first.row, ["unit", "document", "created_by"])
        authors = []
        for r in group:
            if r.person.pk not in people:
                raise Changed
            authors.append((people[r.person.pk], r.share))
        made.append((initiative, authors))

    def build(ids: list[int]) -> Statements:
        for (initiative, _authors), pk in zip(made, ids, strict=True):
            initiative.pk = pk
        sql = Statements()
        sql.insert(Initiative, [i for i, _a in made], with_pk=True)  # sets `created_at`, which the audit shows
        sql.insert(InitiativeAuthor, [InitiativeAuthor(initiative=i, person=p, share=s)
                                      for i, authors in made for p, s in authors])
        sql.insert(AuditEvent, [audit.event(
            actor=actor, action=award_actions.INITIATIVE_RECORD, target=i, unit_path=i.unit.path,
            after=audit.snapshot(i) | {"tác giả": [f"{p.full_name} ({s} %)" for p, s in authors]}, reason=reason)
            for i, authors in made])
        return sql

    ids = reserve_ids(Initiative, len(made))
    statements = build(ids)

    def apply() -> dict[str, Any]:
        (statements if ids_free(Initiative, ids) else build(reserve_ids(Initiative, len(made)))).run()
        return {"rows": len(rows), "initiatives_created": len(made), "initiatives_same": len(groups) - len(new)}

    return Plan(apply, {r.unit.path for r in rows})

