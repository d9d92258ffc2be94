"""The rows of an awards or initiatives sheet as parsed and resolved, and the outcome of a
file: what the preview shows and the summary counts."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from thidua.awards.models import CommendationType
from thidua.catalog.models import SubjectKind
from thidua.imports.awards.context import KindRef, PersonRef, UnitRef
from thidua.imports.sheet import RowError

# What a valid row does when confirmed.
ACTION_CREATE = "create"
ACTION_SAME = "same"


@dataclass
class AwardRow:
    row: int
    unit_code: str = ""
    full_name: str = ""
    birth_date: dt.date | None = None
    cccd: str | None = None
    subject: str | None = None
    kind: str = ""
    year: int | None = None
    period_from: int | None = None
    period_to: int | None = None
    commendation_type: str = CommendationType.CONG_TRANG
    decision_number: str = ""
    decided_on: dt.date | None = None
    issuer: str = ""
    money: int | None = None
    achievement: str = ""
    # Filled by the resolving pass.
    unit: UnitRef | None = None
    person: PersonRef | None = None
    kind_ref: KindRef | None = None
    action: str = ""
    ok: bool = True

    @property
    def subject_pk(self) -> int | None:
        if self.subject == SubjectKind.COLLECTIVE:
            return self.unit.pk if self.unit else None
        return self.person.pk if self.person else None

    def as_preview(self) -> dict:
        return {
            "row": self.row, "unit_code": self.unit.code if self.unit else self.unit_code,
            "unit_name": self.unit.name if self.unit else "", "subject": self.subject,
            "name": self.person.full_name if self.person else (self.unit.name if self.unit else ""),
            "kind": self.kind, "kind_name": self.kind_ref.name if self.kind_ref else "", "year": self.year,
            "decision_number": self.decision_number,
            "decided_on": self.decided_on.strftime("%d/%m/%Y") if self.decided_on else "", "money": self.money,
            "action": self.action,
        }


@dataclass
class InitiativeRow:
    row: int
    unit_code: str = ""
    title: str = ""
    year: int | None = None
    scope: str = ""
    recognized_on: dt.date | None = None
    decision_number: str = ""
    issuer: str = ""
    author_name: str = ""
    author_birth: dt.date | None = None
    author_cccd: str | None = None
    share: Decimal | None = None
    used_for: str = ""
    summary: str = ""
    unit: UnitRef | None = None
    person: PersonRef | None = None
    group: tuple = ()  # same group → same initiative
    action: str = ""
    ok: bool = True

    def as_preview(self) -> dict:
        return {
            "row": self.row, "unit_code": self.unit.code if self.unit else self.unit_code,
            "unit_name": self.unit.name if self.unit else "", "title": self.title, "year": self.year,
            "scope": self.scope, "recognized_on": self.recognized_on.strftime("%d/%m/%Y") if self.recognized_on else "",
            "author": self.person.full_name if self.person else self.author_name,
            "share": str(self.share) if self.share is not None else "", "action": self.action,
        }


@dataclass
class Outcome:
    rows: list  # every data row read, valid or not
    errors: list[RowError]
    kind: str = "awards"

    @property
    def valid_rows(self) -> list:
        return [r for r in self.rows if r.ok]

    def summary(self) -> dict[str, int]:
        valid = self.valid_rows
        out = {
            "rows_total": len(self.rows), "rows_ok": len(valid), "errors": len(self.errors),
            "rows_with_errors": len(self.rows) - len(valid),
        }
        if self.kind == "awards":
            out.update(
                awards_new=sum(r.action == ACTION_CREATE for r in valid),
                awards_same=sum(r.action == ACTION_SAME for r in valid),
                people=len({r.person.pk for r in valid if r.person}),
                units=len({r.unit.pk for r in valid if r.subject == SubjectKind.COLLECTIVE and r.unit}),
            )
        else:
            out.update(
                initiatives_new=len({r.group for r in valid if r.action == ACTION_CREATE}),
                initiatives_same=len({r.group for r in valid if r.action == ACTION_SAME}),
                authors=len({r.person.pk for r in valid if r.person}),
            )
        return out

