"""Reading a people-and-ratings sheet: cells in, parsed rows and row errors out.

No database access here. `parse_people` checks every cell, asks `load_context` once for
what it needs from the database (the units, the people and the ratings the file
mentions, preloaded in a few queries by `selectors.people_import_context`), then
decides for each row which person it concerns and what applying it will do.

Row numbers are the ones Excel shows. Every error names its row, its column (the
template's header) and says in Vietnamese what to fix. The file is all or nothing:
one error anywhere and nothing is applied.
"""
from thidua.imports.people.columns import COLUMN_BY_KEY, COLUMNS, FIRST_YEAR, MAX_ROWS, RATING_CODES, match_headers
from thidua.imports.people.context import EvaluationInfo, LookupContext, Needs, PersonInfo, UnitInfo
from thidua.imports.people.matching import CCCD_REFUSED
from thidua.imports.people.parse import SHEET, needs_of, parse_people, resolve, steps
from thidua.imports.people.rows import ACTION_CREATE, ACTION_UPDATE, EVAL_CHANGED, EVAL_NEW, EVAL_SAME, ParseOutcome
from thidua.imports.sheet import Column, RowError, header_key

__all__ = [
    "ACTION_CREATE",
    "ACTION_UPDATE",
    "CCCD_REFUSED",
    "COLUMNS",
    "COLUMN_BY_KEY",
    "EVAL_CHANGED",
    "EVAL_NEW",
    "EVAL_SAME",
    "FIRST_YEAR",
    "MAX_ROWS",
    "RATING_CODES",
    "SHEET",
    "Column",
    "EvaluationInfo",
    "LookupContext",
    "Needs",
    "ParseOutcome",
    "PersonInfo",
    "RowError",
    "UnitInfo",
    "header_key",
    "match_headers",
    "needs_of",
    "parse_people",
    "resolve",
    "steps",
]
