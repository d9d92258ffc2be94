"""What confirming a sheet of registrations writes: each unit's registration sheet for a
year, made in draft when missing, with the registrations the file gives it."""

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Q
from django.utils import timezone

from thidua.core import audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.models import AuditEvent
from thidua.imports.writes.plan import Changed, Plan, RowFailed, Statements, chunks, ids_free, load, reserve_ids
from thidua.org.models import Unit
from thidua.registrations import audit_actions as registration_actions
from thidua.registrations import services as registration_services
from thidua.registrations.models import Registration, RegistrationSheet

# A group of rows, the sheet they go to, what they merge into it (`sheet_merge`'s
# arguments) and the targets they give it (None: none).
Merge = tuple[list, RegistrationSheet, dict[str, Any], str | None]


def _registrations_now(reads) -> dict[int, tuple]:
    """The registrations the sheets' diffs read (`subjects_filter` of each), read again
    and locked: one statement per kind of subject and chunk for all the sheets of a year,
    not one per sheet (their union is the same rows)."""
    by_year: dict[int, tuple[set, set, set]] = {}
    for sheet, unit_given, diff in reads:
        people, sheets, units = by_year.setdefault(sheet.year, (set(), set(), set()))
        people.update(diff.people)
        sheets.add(sheet.pk)
        if unit_given:
            units.add(sheet.unit_id)
    locked = Registration.objects.select_for_update(of=("self",))
    now: dict[int, tuple] = {}
    for year, (people, sheets, units) in by_year.items():
        parts = [*(Q(person_id__in=c) for c in chunks(people)), *(Q(sheet_id__in=c) for c in chunks(sheets)),
                 *(Q(person__isnull=True, unit_id__in=c) for c in chunks(units))]
        for part in parts:
            for pk, *rest in locked.filter(part, year=year).values_list("pk", "sheet_id", "unit_id", "code", "note"):
                now[pk] = tuple(rest)
    return now


def _merged_content(group: list) -> tuple[dict[str, Any], str | None]:
    """What the rows of GROUP merge into their sheet: each person's codes and notes, the
    unit's own codes (None when no row names the unit itself), and the targets."""
    codes: dict[int, list[str]] = {}
    notes: dict[int, list[str]] = {}
    unit_codes: list[str] | None = None
    targets: list[str] = []
    for row in group:
        if row.person is not None:
            codes.setdefault(row.person.pk, []).extend(row.titles)
            if row.note:
                notes.setdefault(row.person.pk, []).append(row.note)
        else:
            unit_codes = [*(unit_codes or []), *row.titles]
            if row.note:
                targets.append(row.note)
    return {
        "person_codes": {pk: list(dict.fromkeys(cs)) for pk, cs in codes.items()},
        "notes": {pk: "; ".join(dict.fromkeys(ns)) for pk, ns in notes.items()},
        "unit_codes": list(dict.fromkeys(unit_codes)) if unit_codes is not None else None,
    }, "\n".join(dict.fromkeys(targets)) if targets else None


def _sheet_merges(rows: list, existing: dict[int, RegistrationSheet], movement) -> list[Merge]:
    """Each (unit, year) group of ROWS with its sheet — one of EXISTING, or a new draft
    under MOVEMENT — and what it merges into it."""
    units = load(Unit, {r.unit.pk for r in rows})
    groups: dict[tuple[int, int], list] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    merges = []
    for (unit_pk, year), group in groups.items():
        first = group[0]
        if first.sheet is not None:
            if first.sheet.pk not in existing:
                raise Changed
            sheet = existing[first.sheet.pk]
        else:
            sheet = RegistrationSheet(unit=units[unit_pk], year=year, movement=movement)
        merges.append((group, sheet, *_merged_content(group)))
    return merges


def _sheets_unchanged(expected: dict[int, tuple]) -> None:
    """Lock the sheets EXPECTED (pk → state, targets) and raise Changed unless each still
    holds what was read and is still editable."""
    for pks in chunks(expected):
        for pk, status, targets in RegistrationSheet.objects.select_for_update().filter(
                pk__in=pks).values_list("pk", "state", "targets"):
            if (status, targets) != expected[pk] or status not in RegistrationSheet.EDITABLE:
                raise Changed


def registrations_plan(actor, rows: list, *, reason: str, movement=None, today: dt.date | None = None) -> Plan:
    """Each (unit, year) group of rows merged into its sheet, made in draft when missing —
    what `sheet_get_or_create` and `sheet_merge` write, sheet by sheet, here in bulk. The
    registrations each sheet gains, keeps or loses are the registrations services' own
    answer (`content_diff`); the sheets keep their state (an import never submits nor
    approves)."""
    existing = RegistrationSheet.objects.select_related("unit", "movement").in_bulk(
        {r.sheet.pk for r in rows if r.sheet})
    merges = _sheet_merges(rows, existing, movement)
    made = [sheet for _g, sheet, _c, _t in merges if sheet.pk is None]
    expected_sheets = {pk: (sheet.state, sheet.targets) for pk, sheet in existing.items()}
    reads: list[tuple[RegistrationSheet, bool, registration_services.ContentDiff]] = []
    counts: Counter[str] = Counter()

    def build(ids: list[int]) -> Statements:
        for sheet, pk in zip(made, ids, strict=True):
            sheet.pk = pk
        reads.clear()
        counts.clear()
        now = timezone.now()
        new = {id(s) for s in made}
        create, update, delete, changed_sheets, events = [], [], [], [], []
        for sheet in made:
            events.append(audit.event(actor=actor, action=registration_actions.SHEET_CREATE, target=sheet,
                                      unit_path=sheet.unit.path,
                                      after={"year": sheet.year, "movement": movement.name if movement else None}))
        for group, sheet, content, targets in merges:
            try:
                diff = registration_services.content_diff(sheet, exact=False, lock=False, **content)
            except ApplicationError as exc:
                raise RowFailed(group[0].row, exc) from exc
            reads.append((sheet, content["unit_codes"] is not None, diff))
            create += diff.create
            update += diff.update
            delete += diff.delete
            old_targets = expected_sheets.get(sheet.pk, ("", ""))[1]
            new_targets = targets.strip() if targets is not None else old_targets
            if diff.changed or new_targets != old_targets:
                sheet.targets, sheet.updated_at = new_targets, now
                changed_sheets.append(sheet)
                before, after = ({"targets": old_targets}, {"targets": new_targets}) if targets is not None \
                    else ({}, {})
                after.update(diff.written.audit())
                events.append(audit.event(actor=actor, action=registration_actions.SHEET_SAVE, target=sheet,
                                          unit_path=sheet.unit.path, before=before, after=after, reason=reason))
            counts["sheets_created" if id(sheet) in new else "sheets_updated"] += 1
            counts["registrations"] += (sum(len(set(cs)) for cs in content["person_codes"].values())
                                        + len(set(content["unit_codes"] or [])))
        sql = Statements()
        sql.insert(RegistrationSheet, made, with_pk=True)  # their targets set above
        sql.update(RegistrationSheet, [s for s in changed_sheets if id(s) not in new], ["targets"],
                   every_row=concurrency.bump())
        sql.delete(Registration, delete)
        sql.update(Registration, update, ["sheet", "unit", "note"])
        sql.insert(Registration, create)
        sql.insert(AuditEvent, events)
        return sql

    ids = reserve_ids(RegistrationSheet, len(made))
    statements = build(ids)
    sheets = [{"id": sheet.pk, "unit": sheet.unit.name, "unit_id": sheet.unit_id, "year": sheet.year,
               "url": RegistrationSheet.url_for(sheet.unit_id, sheet.year, movement.pk if movement else None)}
              for _g, sheet, _c, _t in merges][:200]

    def apply() -> dict[str, Any]:
        # The sheets are locked and must still be editable, as read; each sheet's
        # registrations must be those the diff was made from.
        _sheets_unchanged(expected_sheets)
        sql = statements
        if not ids_free(RegistrationSheet, ids):
            sql = build(reserve_ids(RegistrationSheet, len(made)))
        if _registrations_now(reads) != {pk: v for _s, _u, diff in reads for pk, v in diff.read.items()}:
            raise Changed
        sql.run()
        return {"rows": len(rows), "sheets_created": counts["sheets_created"],
                "sheets_updated": counts["sheets_updated"], "registrations": counts["registrations"],
                "people": len({r.person.pk for r in rows if r.person}), "sheets": sheets}

    return Plan(apply, {r.unit.path for r in rows})
