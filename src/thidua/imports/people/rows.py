"""The rows of a people-and-ratings sheet as parsed and resolved, and the outcome of a file:
what the preview shows and the summary counts."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from thidua.core.text import fold
from thidua.imports.people.context import PersonInfo, UnitInfo
from thidua.imports.sheet import RowError

# What a row will do; shown in the preview and counted in the summary.
ACTION_CREATE = "create"
ACTION_UPDATE = "update"
EVAL_NEW = "new"
EVAL_CHANGED = "changed"
EVAL_SAME = "same"


@dataclass
class ParsedRow:
    row: int
    unit_code: str = ""
    full_name: str = ""
    gender: str | None = None
    birth_date: dt.date | None = None
    cccd: str | None = None
    position: str = ""
    position_group: str = ""
    year: int | None = None
    rating: str | None = None
    months_worked: int = 12
    months_given: bool = False
    note: str = ""
    # Filled by the resolving pass.
    unit: UnitInfo | None = None
    person: PersonInfo | None = None  # the existing person the row concerns, if any
    person_key: tuple = ()  # same key → same person within the file
    action: str = ""  # ACTION_CREATE / ACTION_UPDATE
    evaluation: str = ""  # EVAL_NEW / EVAL_CHANGED / EVAL_SAME
    fill: dict[str, Any] = field(default_factory=dict)  # blanks of an existing person the row fills in
    ok: bool = True

    @property
    def name_key(self) -> str:
        return fold(self.full_name)[:200]

    def as_preview(self) -> dict:
        return {
            "row": self.row, "unit_code": self.unit.code if self.unit else self.unit_code,
            "unit_name": self.unit.name if self.unit else "", "full_name": self.full_name,
            "birth_date": self.birth_date.strftime("%d/%m/%Y") if self.birth_date else "",
            "year": self.year, "rating": self.rating, "months_worked": self.months_worked,
            "action": self.action, "evaluation": self.evaluation, "person_id": self.person.pk if self.person else None,
            "fill": sorted(self.fill),
        }


@dataclass
class ParseOutcome:
    rows: list[ParsedRow]  # every data row read, valid or not
    errors: list[RowError]

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if r.ok]

    def summary(self) -> dict[str, int]:
        valid = self.valid_rows
        new_people = {r.person_key for r in valid if r.action == ACTION_CREATE}
        old_people = {r.person_key for r in valid if r.action == ACTION_UPDATE}
        return {
            "rows_total": len(self.rows),
            "rows_ok": len(valid),
            "errors": len(self.errors),
            "rows_with_errors": len(self.rows) - len(valid),
            "people_new": len(new_people),
            "people_existing": len(old_people),
            "ratings_new": sum(r.evaluation == EVAL_NEW for r in valid),
            "ratings_changed": sum(r.evaluation == EVAL_CHANGED for r in valid),
            "ratings_same": sum(r.evaluation == EVAL_SAME for r in valid),
        }

