"""What the people-sheet parser needs from the database, preloaded once per file by
`selectors.people_import_context`."""

import datetime as dt
from dataclasses import dataclass, field

from thidua.imports.sheet import SheetNeeds, SheetPerson, SheetUnit, UnitsByCode


@dataclass(frozen=True)
class UnitInfo(SheetUnit):
    active: bool
    allowed: bool  # the user may change people and ratings here


@dataclass(frozen=True)
class PersonInfo(SheetPerson):
    allowed: bool  # the user may change people and ratings in their unit
    visible: bool  # the user may see them at all (else the file must not learn the CCCD is held)


@dataclass(frozen=True)
class EvaluationInfo:
    rating: str
    months_worked: int
    note: str


@dataclass(frozen=True)
class Needs(SheetNeeds):
    """The units, CCCDs, names and years of ratings the file mentions."""


@dataclass
class LookupContext(UnitsByCode):
    units: dict[str, UnitInfo]  # by code as stored
    people_by_cccd: dict[str, PersonInfo]  # every owner of a mentioned CCCD, in scope or not
    people_by_key: dict[tuple[str, dt.date | None, int], list[PersonInfo]]  # (name key, birth, unit pk), in scope
    evaluations: dict[tuple[int, int], EvaluationInfo]  # (person pk, year)
    current_year: int
    # How many more CCCDs held out of sight the user may be refused today (people.cccd), and
    # the refusals this check gave — (CCCD, holder pk or None, unit pk) — for the service to record.
    cccd_refusals_left: int = 0
    cccd_refused: list[tuple[str, int | None, int]] = field(default_factory=list)

