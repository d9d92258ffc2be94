"""What confirming an import writes: each importer's resolved rows turned into a `Plan`.

OUTSIDE the write transaction the plan reads what it needs (the records it changes, as
they are), builds and validates every record, and compiles the SQL of the bulk inserts
and updates — ids of new parent records reserved beforehand — with one audit row per
record written, as the single services do (`person_create`, `evaluation_set`,
`award_record`, `initiative_record`). Building the parameters of thousands of rows is
most of the cost of a bulk write; it does not hold the database's write lock.

INSIDE it, `apply()` only locks and re-reads what it changes (a bounded number of
queries) to refuse a change made meanwhile, checks the reserved ids are still free (on
SQLite, where ids cannot be reserved, another writer may have taken them: the
statements are then built again, inside), and runs the statements. Their number grows
with the rows by chunks of hundreds, never one per row.

The rules stay the services' own: the rows were checked by the importer's resolve pass
against the same permissions (once per unit), the catalog and the ledger; the derived
columns are filled by the services' helpers (`person_search_key`), the ledger's title
clash check is `refuse_title_clashes`.

Person and Evaluation rows are updated in bulk only through `update_people` and
`update_evaluations`, which bump the record version the edit forms check.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Cast
from django.db.models.sql import DeleteQuery, InsertQuery, UpdateQuery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.catalog.models import SubjectKind
from thidua.core import audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name
from thidua.org.models import Unit
from thidua.people.models import Employment, Evaluation, Person

# Values per `IN (…)` and rows per INSERT on PostgreSQL; SQLite's 999 variables cut
# inserts smaller by themselves (Django's `bulk_batch_size`).
CHUNK = 500
INSERT_BATCH = 2000

CHANGED_MEANWHILE = _(
    "Dữ liệu liên quan đã thay đổi trong lúc nhập (một xếp loại, một cá nhân vừa được người khác sửa hoặc thêm); "
    "chưa có dữ liệu nào được lưu. Hãy bấm «Xác nhận nhập» lại: hệ thống sẽ kiểm tra lại tệp với dữ liệu mới nhất."
)


class Changed(Exception):
    """What the plan was built on changed before it was written; nothing was written."""


class RowFailed(Exception):
    """Row ROW cannot be written (CAUSE says why); raised while preparing."""

    def __init__(self, row, cause: Exception):
        super().__init__(f"row {row}: {cause!r}")
        self.row, self.cause = row, cause


def chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


@dataclass
class Plan:
    """Records ready to write; `apply` runs inside the write transaction and returns what
    was written (`ImportBatch.result["applied"]`)."""

    apply: Callable[[], dict[str, Any]]
    unit_paths: set[str] = field(default_factory=set)


class Statements:
    """Bulk INSERT and UPDATE statements compiled now, run later (`run`) as they are:
    the statements `bulk_create` and `bulk_update` would send, in the same chunks."""

    def __init__(self):
        self.sql: list[tuple[str, Any]] = []
        self._inserted: list = []
        # The connection itself, not the `django.db.connection` proxy: compiling looks it
        # up hundreds of thousands of times.
        self.connection = connections[DEFAULT_DB_ALIAS]

    def insert(self, model, objs: Iterable, *, with_pk: bool = False) -> None:
        """OBJS as new rows; WITH_PK, their ids are set (reserved), else the database's."""
        objs = list(objs)
        if not objs:
            return
        opts, connection = model._meta, self.connection
        fields = [f for f in opts.concrete_fields if not f.generated and (with_pk or f is not opts.pk)]
        size = min(connection.ops.bulk_batch_size(fields, objs) or len(objs), INSERT_BATCH)
        for part in chunks(objs, size):
            query = InsertQuery(model)
            query.insert_values(fields, part)
            self.sql.extend(query.get_compiler(connection=connection).as_sql())
        self._inserted.extend(objs)

    def update(self, model, objs: Iterable, names: list[str], *, every_row: dict[str, Any] | None = None) -> None:
        """The fields NAMES of OBJS, each row its own values (an expression is kept as such),
        and EVERY_ROW's fields set alike on all of them (`concurrency.bump()`)."""
        objs = list(objs)
        if not objs:
            return
        opts, connection = model._meta, self.connection
        fields = [opts.get_field(name) for name in names]
        size = min(connection.ops.bulk_batch_size([opts.pk, opts.pk, *fields], objs), CHUNK)
        for part in chunks(objs, size):
            values = {}
            for f in fields:
                case = Case(*[When(pk=o.pk, then=v if hasattr(v := getattr(o, f.attname), "resolve_expression")
                                   else Value(v, output_field=f)) for o in part], output_field=f)
                values[f.attname] = Cast(case, output_field=f) if connection.features.requires_casted_case_in_updates \
                    else case
            query = model.objects.filter(pk__in=[o.pk for o in part]).query.chain(UpdateQuery)
            query.add_update_values({**values, **(every_row or {})})
            self.sql.append(query.get_compiler(connection=connection).as_sql())

    def delete(self, model, pks: Iterable[int]) -> None:
        """The rows PKS of MODEL (nothing refers to them: no cascade is run)."""
        for part in chunks(pks):
            query = DeleteQuery(model)
            query.add_filter("pk__in", part)
            self.sql.append(query.get_compiler(connection=self.connection).as_sql())

    def run(self) -> None:
        with self.connection.cursor() as cursor:
            for sql, params in self.sql:
                cursor.execute(sql, params)
        for obj in self._inserted:
            obj._state.adding, obj._state.db = False, self.connection.alias


def _sqlite_next_id(cursor, model) -> int:
    table, pk = model._meta.db_table, model._meta.pk.column
    cursor.execute(f'SELECT MAX("{pk}") FROM "{table}"')  # noqa: S608 — names from the model
    top = cursor.fetchone()[0] or 0
    cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
    row = cursor.fetchone()
    return max(top, row[0] if row else 0) + 1


def reserve_ids(model, n: int) -> list[int]:
    """N ids for new rows of MODEL. PostgreSQL hands them out of the sequence for good;
    on SQLite they are the next ones free now (`ids_free` tells if they still are)."""
    if n == 0:
        return []
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [model._meta.db_table, model._meta.pk.column, n])
            return [row[0] for row in cursor.fetchall()]
        first = _sqlite_next_id(cursor, model)
    return list(range(first, first + n))


def ids_free(model, ids: list[int]) -> bool:
    """Inside the write transaction: IDS (from `reserve_ids`) were taken by nobody since."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not ids or connection.vendor == "postgresql":
        return True
    with connection.cursor() as cursor:
        return _sqlite_next_id(cursor, model) <= ids[0]


def _valid(obj, row, exclude: Iterable[str]) -> None:
    """Field validation without the database: foreign keys point at rows the plan read."""
    try:
        obj.clean_fields(exclude=list(exclude))
    except ValidationError as exc:
        raise RowFailed(row, exc) from exc


def _same_or_changed(model, pks: Iterable[int], fields: list[str], expected: dict[int, tuple]) -> None:
    """Lock the rows PKS of MODEL and raise Changed unless their FIELDS still hold EXPECTED
    (pk → values), as read when the plan was built."""
    seen = 0
    for pks_chunk in chunks(pks):
        for pk, *values in model.objects.select_for_update().filter(pk__in=pks_chunk).values_list("pk", *fields):
            seen += 1
            if tuple(values) != expected[pk]:
                raise Changed
    if seen != len(expected):
        raise Changed  # deleted meanwhile


# --- the one place Person and Evaluation rows are updated in bulk ------------------------


def update_people(sql: Statements, people: list[Person], fields: list[str]) -> None:
    # Raw statements bypass VersionedQuerySet: the version bump makes open forms stale.
    sql.update(Person, people, fields, every_row=concurrency.bump())


def update_evaluations(sql: Statements, evaluations: list[Evaluation], fields: list[str]) -> None:
    sql.update(Evaluation, evaluations, fields, every_row=concurrency.bump())


# --- people and ratings ---------------------------------------------------------------------

_EVAL_FIELDS = ["year", "rating", "months_worked", "note"]


def _load(model, pks: Iterable[int], *related: str) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for pks_chunk in chunks(pks):
        found.update(model.objects.select_related(*related).in_bulk(pks_chunk))
    return found


def _people_named(pks: Iterable[int]) -> dict[int, Person]:
    """People by id with their name and current unit only (what a ledger row and its audit
    show), each unit loaded once however many people work there."""
    people: dict[int, Person] = {}
    for pks_chunk in chunks(pks):
        people.update(Person.objects.only("id", "full_name", "current_unit_id").in_bulk(pks_chunk))
    units = _load(Unit, {p.current_unit_id for p in people.values()})
    for person in people.values():
        person.current_unit = units[person.current_unit_id]
    return people


def people_plan(actor, rows: list, *, reason: str, today: dt.date | None = None) -> Plan:
    """People created (with their employment), blanks of existing people filled, ratings
    created or changed — what `person_create`, `person_update` and `evaluation_set` write
    row by row, in bulk."""
    from thidua.core.models import AuditEvent
    from thidua.imports.people import ACTION_CREATE, EVAL_NEW, EVAL_SAME
    from thidua.people import audit_actions as A
    from thidua.people.services import person_search_key

    today = today or dt.date.today()
    units = _load(Unit, {r.unit.pk for r in rows})
    existing: dict[int, Person] = _load(Person, {r.person.pk for r in rows if r.person}, "current_unit")
    if len(existing) != len({r.person.pk for r in rows if r.person}):
        raise Changed

    new_people: dict[tuple, Person] = {}
    fills: dict[int, tuple[dict, set[str]]] = {}  # pk → (snapshot before, fields filled)
    fill_expected: dict[int, tuple] = {}
    for row in rows:
        if row.person is None:
            if row.person_key not in new_people:
                person = Person(full_name=clean_name(row.full_name), gender=row.gender, birth_date=row.birth_date,
                                cccd=row.cccd or None, position=clean_name(row.position),
                                current_unit=units[row.unit.pk])
                person.search_key = person_search_key(person)
                _valid(person, row.row, ["current_unit"])
                new_people[row.person_key] = person
        elif row.fill and row.person.pk not in fills:
            person = existing[row.person.pk]
            fill_expected[person.pk] = (person.cccd, person.birth_date, person.current_unit_id)
            before = audit.snapshot(person)
            for key, value in row.fill.items():
                setattr(person, key, value)
            _valid(person, row.row, ["current_unit"])
            fills[person.pk] = (before, set(row.fill))

    rated = [r for r in rows if r.evaluation != EVAL_SAME]
    years = {r.year for r in rated}
    current: dict[tuple[int, int], Evaluation] = {}
    for pks_chunk in chunks({r.person.pk for r in rated if r.person}):
        for ev in Evaluation.objects.filter(person__in=pks_chunk, year__in=years):
            current[(ev.person_id, ev.year)] = ev
    creates: list[tuple[Any, Evaluation, Person]] = []
    updates: list[tuple[Any, Evaluation, Person, dict]] = []
    eval_expected: dict[int, tuple] = {}
    for row in rated:
        ev = current.get((row.person.pk, row.year)) if row.person else None
        if ev is None:
            ev = Evaluation(year=row.year, rating=row.rating, months_worked=row.months_worked, note=row.note)
            _valid(ev, row.row, ["person", "unit"])
            creates.append((row, ev, existing[row.person.pk] if row.person else new_people[row.person_key]))
        else:
            person = existing[row.person.pk]
            eval_expected[ev.pk] = (ev.rating, ev.months_worked, ev.note)
            before = audit.snapshot(ev, _EVAL_FIELDS)
            ev.rating, ev.months_worked, ev.note = row.rating, row.months_worked, row.note
            _valid(ev, row.row, ["person", "unit"])
            updates.append((row, ev, person, before))
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
        events = [audit.event(actor=actor, action=A.PERSON_CREATE, target=p, unit_path=p.current_unit.path,
                              after=audit.snapshot(p), reason=reason) for p in made]
        events += [audit.event(actor=actor, action=A.PERSON_UPDATE, target=existing[pk],
                               unit_path=existing[pk].current_unit.path, before=before,
                               after=audit.snapshot(existing[pk]), reason=reason)
                   for pk, (before, _keys) in fills.items()]
        events += [audit.event(actor=actor, action=A.EVALUATION_SET, target=ev.person,
                               unit_path=ev.person.current_unit.path, after=audit.snapshot(ev, _EVAL_FIELDS),
                               reason=reason) for _r, ev, _p in creates]
        events += [audit.event(actor=actor, action=A.EVALUATION_SET, target=p, unit_path=p.current_unit.path,
                               before=before, after=audit.snapshot(ev, _EVAL_FIELDS), reason=reason)
                   for _r, ev, p, before in updates]
        sql.insert(AuditEvent, events)
        return sql

    ids = reserve_ids(Person, len(made))
    statements = build(ids)

    def apply() -> dict[str, Any]:
        # Locked and compared first: a rating or a person changed since the plan was read
        # is not overwritten (a rating saved meanwhile for a "new" one fails its unique key).
        _same_or_changed(Evaluation, eval_expected, ["rating", "months_worked", "note"], eval_expected)
        _same_or_changed(Person, fill_expected, ["cccd", "birth_date", "current_unit_id"], fill_expected)
        sql = statements if ids_free(Person, ids) else build(reserve_ids(Person, len(made)))
        sql.run()

        counts: Counter[str] = Counter(r.evaluation for r in rows)
        people: dict[int, dict] = {}
        for row in rows:
            person = existing[row.person.pk] if row.person else new_people[row.person_key]
            people.setdefault(person.pk, {"id": person.pk, "full_name": person.full_name,
                                          "new": row.action == ACTION_CREATE, "years": []})["years"].append(row.year)
        return {"rows": len(rows), "people_created": len(made), "people_existing": len(existing),
                "people_completed": len(fills), "ratings_created": counts[EVAL_NEW],
                "ratings_changed": len(rated) - counts[EVAL_NEW], "ratings_same": counts[EVAL_SAME],
                "people": list(people.values())[:200], "people_total": len(people)}

    return Plan(apply, {r.unit.path for r in rows})


# --- awards --------------------------------------------------------------------------------


def awards_plan(actor, rows: list, *, reason: str, today: dt.date | None = None) -> Plan:
    """The new ledger rows of a historical-awards sheet, as `award_record` makes them."""
    from thidua.awards import audit_actions as A
    from thidua.awards.models import Award
    from thidua.awards.selectors import held_units
    from thidua.awards.services import AUDIT_FIELDS, refuse_title_clashes
    from thidua.catalog.money import NoBaseSalary
    from thidua.catalog.selectors import current_kinds, money_table
    from thidua.core.models import AuditEvent
    from thidua.imports.awards import ACTION_SAME

    kinds, prices = current_kinds(today), money_table()
    new = [r for r in rows if r.action != ACTION_SAME]
    people = _people_named({r.person.pk for r in new if r.person})
    units = _load(Unit, {r.unit.pk for r in new})
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
            except NoBaseSalary:
                money = None
        award = Award(
            subject_kind=row.subject, person=person, unit=unit,
            held_unit=unit if collective else held.get((person.pk, row.year), person.current_unit),
            kind=row.kind, is_title=info.is_title, year=row.year, period_from=row.period_from,
            period_to=row.period_to, commendation_type=row.commendation_type, decided_on=row.decided_on,
            decision_number=clean_name(row.decision_number), issuer=clean_name(row.issuer),
            achievement=(row.achievement or "").strip(), money=money,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        _valid(award, row.row, ["person", "unit", "held_unit", "document", "created_by", "revoked_by_document"])
        awards.append(award)

    def build(ids: list[int]) -> Statements:
        for award, pk in zip(awards, ids, strict=True):
            award.pk = pk
        sql = Statements()
        sql.insert(Award, awards, with_pk=True)
        sql.insert(AuditEvent, [audit.event(actor=actor, action=A.AWARD_RECORD, target=a, unit_path=a.scope_path,
                                            after=audit.snapshot(a, AUDIT_FIELDS), reason=reason) for a in awards])
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
    from thidua.awards import audit_actions as A
    from thidua.awards.models import Initiative, InitiativeAuthor
    from thidua.core.models import AuditEvent
    from thidua.imports.awards import ACTION_SAME

    groups: dict[tuple, list] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    new = [g for g in groups.values() if g[0].action != ACTION_SAME]
    people = _people_named({r.person.pk for g in new for r in g})
    units = _load(Unit, {g[0].unit.pk for g in new})
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
        _valid(initiative, first.row, ["unit", "document", "created_by"])
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
            actor=actor, action=A.INITIATIVE_RECORD, target=i, unit_path=i.unit.path,
            after=audit.snapshot(i) | {"tác giả": [f"{p.full_name} ({s} %)" for p, s in authors]}, reason=reason)
            for i, authors in made])
        return sql

    ids = reserve_ids(Initiative, len(made))
    statements = build(ids)

    def apply() -> dict[str, Any]:
        (statements if ids_free(Initiative, ids) else build(reserve_ids(Initiative, len(made)))).run()
        return {"rows": len(rows), "initiatives_created": len(made), "initiatives_same": len(groups) - len(new)}

    return Plan(apply, {r.unit.path for r in rows})


# --- registrations ---------------------------------------------------------------------------


def _registrations_now(reads) -> dict[int, tuple]:
    """The registrations the sheets' diffs read (`subjects_filter` of each), read again
    and locked: one statement per kind of subject and chunk for all the sheets of a year,
    not one per sheet (their union is the same rows)."""
    from thidua.registrations.models import Registration

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


def registrations_plan(actor, rows: list, *, reason: str, movement=None, today: dt.date | None = None) -> Plan:
    """Each (unit, year) group of rows merged into its sheet, made in draft when missing —
    what `sheet_get_or_create` and `sheet_merge` write, sheet by sheet, here in bulk. The
    registrations each sheet gains, keeps or loses are the registrations services' own
    answer (`content_diff`); the sheets keep their state (an import never submits nor
    approves)."""
    from thidua.core.models import AuditEvent
    from thidua.registrations import audit_actions as RA
    from thidua.registrations import services as reg_services
    from thidua.registrations.models import Registration, RegistrationSheet

    units = _load(Unit, {r.unit.pk for r in rows})
    groups: dict[tuple[int, int], list] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    existing = RegistrationSheet.objects.select_related("unit", "movement").in_bulk(
        {r.sheet.pk for r in rows if r.sheet})
    merges = []
    for (unit_pk, year), group in groups.items():
        first = group[0]
        if first.sheet is not None:
            if first.sheet.pk not in existing:
                raise Changed
            sheet = existing[first.sheet.pk]
        else:
            sheet = RegistrationSheet(unit=units[unit_pk], year=year, movement=movement)
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
        merges.append((group, sheet, {
            "person_codes": {pk: list(dict.fromkeys(cs)) for pk, cs in codes.items()},
            "notes": {pk: "; ".join(dict.fromkeys(ns)) for pk, ns in notes.items()},
            "unit_codes": list(dict.fromkeys(unit_codes)) if unit_codes is not None else None,
        }, "\n".join(dict.fromkeys(targets)) if targets else None))
    made = [sheet for _g, sheet, _c, _t in merges if sheet.pk is None]
    expected_sheets = {pk: (sheet.state, sheet.targets) for pk, sheet in existing.items()}
    reads: list[tuple[RegistrationSheet, bool, reg_services.ContentDiff]] = []
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
            events.append(audit.event(actor=actor, action=RA.SHEET_CREATE, target=sheet, unit_path=sheet.unit.path,
                                      after={"year": sheet.year, "movement": movement.name if movement else None}))
        for group, sheet, content, targets in merges:
            try:
                diff = reg_services.content_diff(sheet, exact=False, lock=False, **content)
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
                events.append(audit.event(actor=actor, action=RA.SHEET_SAVE, target=sheet,
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
        for pks in chunks(expected_sheets):
            for pk, status, targets in RegistrationSheet.objects.select_for_update().filter(
                    pk__in=pks).values_list("pk", "state", "targets"):
                if (status, targets) != expected_sheets[pk] or status not in RegistrationSheet.EDITABLE:
                    raise Changed
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
