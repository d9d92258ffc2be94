"""The plan a confirmed import writes, and the bulk statements it is made of: statements
compiled outside the write transaction and run inside it, ids of new parent records
reserved beforehand, and the checks that refuse a change made meanwhile (`Changed`)."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case, Value, When
from django.db.models.functions import Cast
from django.db.models.sql import DeleteQuery, InsertQuery, UpdateQuery
from django.utils.translation import gettext_lazy as _

from thidua.core.hooks import bulk_written

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
        # model → ids of the people its rows are about (None: not known, as for a delete)
        self._written: dict[Any, set[int] | None] = {}
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
        self._note(model, objs)

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
        self._note(model, objs)

    def _note(self, model, objs: list | None) -> None:
        if objs is None or not hasattr(model, "person_id"):
            self._written[model] = None
        elif (known := self._written.setdefault(model, set())) is not None:
            known.update(o.person_id for o in objs if o.person_id is not None)

    def delete(self, model, pks: Iterable[int]) -> None:
        """The rows PKS of MODEL (nothing refers to them: no cascade is run)."""
        for part in chunks(pks):
            query = DeleteQuery(model)
            query.add_filter("pk__in", part)
            self.sql.append(query.get_compiler(connection=self.connection).as_sql())
        self._note(model, None)

    def run(self) -> None:
        with self.connection.cursor() as cursor:
            for sql, params in self.sql:
                cursor.execute(sql, params)
        for model, person_ids in self._written.items():
            bulk_written.send(sender=model, person_ids=person_ids)
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


def check_fields(obj, row, exclude: Iterable[str]) -> None:
    """Field validation without the database: foreign keys point at rows the plan read."""
    try:
        obj.clean_fields(exclude=list(exclude))
    except ValidationError as exc:
        raise RowFailed(row, exc) from exc


def same_or_changed(model, pks: Iterable[int], fields: list[str], expected: dict[int, tuple]) -> None:
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


def load(model, pks: Iterable[int], *related: str) -> dict[int, Any]:
    """The rows PKS of MODEL by id, RELATED joined, a chunk of ids per query."""
    found: dict[int, Any] = {}
    for pks_chunk in chunks(pks):
        found.update(model.objects.select_related(*related).in_bulk(pks_chunk))
    return found

