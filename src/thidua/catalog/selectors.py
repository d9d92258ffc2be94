"""Reads of the catalog. The catalog is public reference data inside the system: any
signed-in user may read it (only administrators change it)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from thidua.catalog.models import AwardKind, BaseSalary, Category
from thidua.catalog.money import MoneyTable
from thidua.core import sectors as sector_rules


@dataclass(frozen=True)
class KindInfo:
    """One version of an award kind, as plain values."""

    code: str
    name: str
    category: str
    group: str
    subjects: tuple[str, ...]
    authority_text: str
    authority_levels: tuple[str, ...]
    coefficients: dict[str, Decimal | None]
    requires_public_consultation: bool
    certificate: bool
    rank: int
    legal_basis: tuple[str, ...]
    variant_of: str | None
    note: str
    version: int
    valid_from: dt.date
    # The sectors the kind may be given to (`core.sectors`); empty: any.
    sectors: tuple[str, ...] = ()

    @property
    def is_title(self) -> bool:
        return self.category == Category.DANH_HIEU

    def accepts(self, subject_kind: str) -> bool:
        return subject_kind in self.subjects

    def suits(self, sector: str | None) -> bool:
        """Whether a subject of SECTOR (None: not known) may be given this kind."""
        return sector_rules.allows(self.sectors, sector)

    @classmethod
    def from_row(cls, row: AwardKind) -> "KindInfo":
        d = row.data
        return cls(
            code=row.code, name=d["name"], category=d["category"], group=d["group"], subjects=tuple(d["subjects"]),
            authority_text=d["authority"]["text"], authority_levels=tuple(d["authority"]["levels"]),
            coefficients={k: Decimal(v) if v is not None else None for k, v in d["coefficients"].items()},
            requires_public_consultation=d["requires_public_consultation"], certificate=d["certificate"],
            rank=d["rank"], legal_basis=tuple(d["legal_basis"]), variant_of=d.get("variant_of"),
            note=d.get("note", ""), version=row.version, valid_from=row.valid_from,
            sectors=tuple(d.get("sectors", ())),
        )


def _pick(rows: list[AwardKind], on: dt.date, *, fallback_earliest: bool) -> dict[str, AwardKind]:
    """Per code, the version in force ON (rows ordered by code, valid_from, version)."""
    chosen: dict[str, AwardKind] = {}
    for row in rows:
        if row.valid_from <= on or (fallback_earliest and row.code not in chosen):
            chosen[row.code] = row
    return chosen


def current_kinds(on: dt.date | None = None) -> dict[str, KindInfo]:
    """The kinds in force ON (today by default), by code, ordered by category and rank.

    A kind whose first version starts later is not in force yet and is left out.
    """
    on = on or dt.date.today()
    rows = list(AwardKind.objects.filter(valid_from__lte=on).order_by("code", "valid_from", "version"))
    kinds = [KindInfo.from_row(r) for r in _pick(rows, on, fallback_earliest=False).values()]
    kinds.sort(key=lambda k: (k.category, -k.rank, k.name))
    return {k.code: k for k in kinds}


def kind_display() -> dict[str, tuple[str, int]]:
    """Code → (Vietnamese name, rank) for display: today's version, or the earliest for a
    kind not in force yet. One query."""
    rows = list(AwardKind.objects.only("code", "valid_from", "version", "name", "rank").order_by(
        "code", "valid_from", "version"))
    return {code: (row.name, row.rank) for code, row in _pick(rows, dt.date.today(), fallback_earliest=True).items()}


def kind_names() -> dict[str, str]:
    """Code → Vietnamese name for display (see `kind_display`)."""
    return {code: name for code, (name, _rank) in kind_display().items()}


def kind_versions(code: str) -> list[AwardKind]:
    """Every version of CODE, newest first."""
    return list(AwardKind.objects.filter(code=code).select_related("created_by").order_by("-valid_from", "-version"))


def kind_latest(code: str) -> AwardKind | None:
    """The version an edit starts from: the one in force last (a version for an earlier
    decree's table, loaded after it, does not replace it)."""
    return AwardKind.objects.filter(code=code).order_by("-valid_from", "-version").first()


def all_codes() -> set[str]:
    return set(AwardKind.objects.values_list("code", flat=True).distinct())


def base_salaries() -> list[BaseSalary]:
    return list(BaseSalary.objects.order_by("-effective_from", "-version"))


def money_table() -> MoneyTable:
    """Every catalog version and base salary, ready to price awards (two queries)."""
    kinds = [
        (r.code, r.valid_from, r.version, r.data["subjects"], r.data["coefficients"], r.name)
        for r in AwardKind.objects.only("code", "valid_from", "version", "data", "name")
    ]
    salaries = BaseSalary.objects.values_list("effective_from", "version", "amount", "rounding", "rounding_step")
    return MoneyTable(kinds, salaries)
