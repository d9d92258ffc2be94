"""What the awards and initiatives parsers need from the database, preloaded once per file
by `selectors.awards_import_context`."""

from dataclasses import dataclass, field

from thidua.core.text import fold
from thidua.imports.sheet import SheetNeeds, SheetPerson, SheetUnit, UnitsByCode


@dataclass(frozen=True)
class UnitRef(SheetUnit):
    perms: frozenset[str]  # of the uploader over this unit


@dataclass(frozen=True)
class PersonRef(SheetPerson):
    perms: frozenset[str]  # of the uploader over the person's current unit


@dataclass(frozen=True)
class KindRef:
    code: str
    name: str
    subjects: tuple[str, ...]
    is_title: bool
    perm: str  # Perm.AWARD_CHANGE or Perm.AWARD_CHANGE_ALL
    authority: str
    sectors: tuple[str, ...] = ()  # the only sectors it goes to (`core.sectors`); empty: any


@dataclass(frozen=True)
class Needs(SheetNeeds):
    titles: frozenset[str] = frozenset()  # folded initiative titles


@dataclass
class Context(UnitsByCode):
    units: dict[str, UnitRef]
    people_by_cccd: dict[str, PersonRef]  # every owner of a mentioned CCCD, in scope or not
    people_by_name: dict[tuple[str, int], list[PersonRef]]  # (name key, current unit pk), units in scope only
    kinds: dict[str, KindRef]
    # (subject_kind, person or unit pk, code, year) → decision numbers recorded, not revoked
    awards: dict[tuple[str, int, str, int], list[str]]
    initiatives: set[tuple[int, str, int]]  # (unit pk, folded title, year)
    current_year: int
    sectors: dict[int, str | None] = field(default_factory=dict)  # unit pk → its sector (`org.sectors`)


def kind_named(kinds: dict, typed: str):
    """The kind whose name the cell holds (the template lists names; old files hold codes), or None."""
    wanted = fold(typed)
    return next((ref for ref in kinds.values() if fold(ref.name) == wanted), None)
