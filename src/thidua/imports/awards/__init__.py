"""Reading sheets of historical awards and of initiatives: cells in, parsed rows and row
errors out. No database access: `parse_awards` / `parse_initiatives` check every cell,
ask `load_context` once for what the file mentions (units, people, the catalog, what the
ledger already holds — preloaded by `selectors.awards_import_context`), then decide for
each row which subject it concerns and whether it is new, already recorded, or wrong.

A person is found by CCCD, or by name, birth date and the unit they work in now; a
collective by its unit code. Missing and out of scope read the same, so a file reveals
nothing outside the uploader's scope. The file is all or nothing.
"""


from thidua.imports.awards.columns import AWARD_COLUMNS, INITIATIVE_COLUMNS, MAX_ROWS
from thidua.imports.awards.context import Context, KindRef, Needs, PersonRef, UnitRef
from thidua.imports.awards.historical import AWARDS_SHEET, award_needs, award_steps, parse_awards, resolve_awards
from thidua.imports.awards.initiatives import (
    INITIATIVES_SHEET,
    initiative_needs,
    initiative_steps,
    parse_initiatives,
    resolve_initiatives,
)
from thidua.imports.awards.rows import ACTION_CREATE, ACTION_SAME, AwardRow, InitiativeRow, Outcome

__all__ = [
    "ACTION_CREATE",
    "ACTION_SAME",
    "AWARDS_SHEET",
    "AWARD_COLUMNS",
    "INITIATIVES_SHEET",
    "INITIATIVE_COLUMNS",
    "MAX_ROWS",
    "AwardRow",
    "Context",
    "InitiativeRow",
    "KindRef",
    "Needs",
    "Outcome",
    "PersonRef",
    "UnitRef",
    "award_needs",
    "award_steps",
    "initiative_needs",
    "initiative_steps",
    "parse_awards",
    "parse_initiatives",
    "resolve_awards",
    "resolve_initiatives",
]
