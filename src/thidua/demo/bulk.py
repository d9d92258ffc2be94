"""Insert plain tuples straight into a model's table: COPY on PostgreSQL, executemany elsewhere.

The ORM's bulk_create builds an instance and a parameter list per row and splits the
rows into statements of at most 999 parameters on SQLite; for the 600,000 ratings of a
province that is most of the seeding time, so the big tables go through here.
"""

from collections.abc import Sequence

from django.core.management.color import no_style
from django.db import connection, models

CHUNK = 50_000


def _adapter(field: models.Field):
    # Dates and datetimes must reach the driver the way Django would send them
    # (ISO text on SQLite, native objects on PostgreSQL).
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> int:
    """Insert ROWS, each a tuple of values for FIELDS (names as on the model), into MODEL's table."""
    if not rows:
        return 0
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    columns = [f.column for f in model_fields]
    qn = connection.ops.quote_name
    table, column_list = qn(meta.db_table), ", ".join(qn(c) for c in columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)
    adapters = [(i, a) for i, a in ((i, _adapter(f)) for i, f in enumerate(model_fields)) if a]
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            if adapters:
                chunk = [_adapted(row, adapters) for row in chunk]
            cursor.executemany(sql, chunk)
    return len(rows)


def _adapted(row: tuple, adapters) -> tuple:
    values = list(row)
    for i, adapt in adapters:
        if values[i] is not None:
            values[i] = adapt(values[i])
    return tuple(values)


def reset_sequences(*model_list: type[models.Model]) -> None:
    """After inserting explicit ids, move PostgreSQL's id sequences past them (no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze() -> None:
    """Refresh the planner's statistics after bulk loading, so the queries that follow
    (the demo's review figures) are planned for the real row counts (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
