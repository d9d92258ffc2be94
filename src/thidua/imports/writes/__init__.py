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
from thidua.imports.writes.awards import awards_plan, initiatives_plan
from thidua.imports.writes.people import people_plan, update_evaluations, update_people
from thidua.imports.writes.plan import (
    CHANGED_MEANWHILE,
    CHUNK,
    INSERT_BATCH,
    Changed,
    Plan,
    RowFailed,
    Statements,
    chunks,
    ids_free,
    reserve_ids,
)
from thidua.imports.writes.registrations import registrations_plan

__all__ = [
    "CHANGED_MEANWHILE",
    "CHUNK",
    "INSERT_BATCH",
    "Changed",
    "Plan",
    "RowFailed",
    "Statements",
    "awards_plan",
    "chunks",
    "ids_free",
    "initiatives_plan",
    "people_plan",
    "registrations_plan",
    "reserve_ids",
    "update_evaluations",
    "update_people",
]
