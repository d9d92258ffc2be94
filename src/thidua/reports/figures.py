"""The figures of the statistical forms (`layouts`) for a reporting unit and a year:
read-only, through the scope, one query a form whatever the size of the province.

What a year's report counts (docs/statistics.md): the awards decided in the reporting
period of emulation and commendation statistics — from 01/12 of the year before to 30/11
of the year, the report being received on 15/12 — that are not revoked, by the unit the subject belonged to at the time
(`Award.held_unit`), within the reporting unit's subtree; an individual counted in the
position group they held at the decision (`Award.position_group`, the person's current one
for awards recorded before the snapshot existed). The movements launched in the period by
the reporting unit or the units below it.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf

from thidua.awards.models import Award
from thidua.catalog.selectors import current_kinds
from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.sectors import Sector
from thidua.movements.models import Movement, MovementKind
from thidua.org.models import Unit, UnitKind, UnitLevel
from thidua.org.selectors import within
from thidua.reports import layouts
from thidua.reports.layouts import Layout

# The reporting period of the yearly emulation and commendation statistics — 01/12 of the
# year before to 30/11 of the year, not the calendar year of the sector's other forms nor
# the 15/12–14/12 cut-off of administrative work reports — and the day the forms are
# received (docs/statistics.md, "What was read").
PERIOD_START = (12, 1)  # of the year before
PERIOD_END = (11, 30)
DUE = (12, 15)


def period(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day whose decisions YEAR's report counts."""
    return dt.date(year - 1, *PERIOD_START), dt.date(year, *PERIOD_END)


def due_date(year: int) -> dt.date:
    return dt.date(year, *DUE)


@dataclass
class Figures:
    """One form filled for UNIT and YEAR: CELLS maps (row code, column index) → count."""

    layout: Layout
    unit: Unit
    year: int
    cells: dict[tuple[str, int], int]

    def value(self, code: str, col: int) -> int:
        return self.cells.get((code, col), 0)

    def unclassified(self) -> int:
        """The individuals counted in no group (their position group not set)."""
        if self.layout.individuals is None:
            return 0
        total, groups = self.layout.individuals
        return self.value(total, 0) - sum(self.value(code, 0) for code in groups)

    def lines(self):
        """(row, [count per column] or None for a heading), in the form's order."""
        for row in self.layout.rows:
            yield row, None if row.heading else [self.value(row.code, i) for i in range(len(self.layout.columns))]


def layout(slug: str, kinds: dict | None = None) -> Layout:
    """The layout of form SLUG ("0601", "0602", "0603"); award forms take their columns
    from the catalog in force (KINDS, read once when not given)."""
    if slug == "0601":
        return layouts.M0601
    kinds = current_kinds() if kinds is None else kinds
    return layouts.state_layout(kinds) if slug == "0602" else layouts.province_layout(kinds)


def all_layouts() -> list[Layout]:
    kinds = current_kinds()
    return [layout(slug, kinds) for slug in layouts.SLUGS]


# --- awards --------------------------------------------------------------------------------


# The unit kinds that are enterprises whatever sector they were given.
ENTERPRISE_KINDS = (UnitKind.DNNN, UnitKind.DN_NGOAI_NN)


def _enterprise() -> Case:
    """Whether a collective is an enterprise: a state or private enterprise (`UnitKind.DNNN`,
    `UnitKind.DN_NGOAI_NN`), or the unit or one above it is of the enterprise sector. The few units that set that sector
    are read first (one small query), so the count matches paths, not a subquery a row."""
    above = Q(pk__in=[])
    for path in Unit.objects.filter(sector=Sector.ENTERPRISE).values_list("path", flat=True):
        above |= Q(unit__path__startswith=path)
    return Case(When(Q(unit__kind__in=ENTERPRISE_KINDS) | above, then=Value(True)), default=Value(False),
                output_field=BooleanField())


def awards_counted(user, unit: Unit, year: int) -> QuerySet[Award]:
    """The awards YEAR's report of UNIT counts that USER sees, annotated with `grp` (the
    position group at the decision) and `enterprise` for the rows' conditions."""
    first, last = period(year)
    qs = Award.objects.filter(revoked=False, decided_on__gte=first, decided_on__lte=last)
    qs = access.scope(user, Perm.AWARD_VIEW, qs).filter(within(unit, "held_unit__path"))
    return qs.annotate(grp=Coalesce(NullIf(F("position_group"), Value("")), F("person__position_group")),
                       enterprise=_enterprise())


GROUPED = ("kind", "subject_kind", "commendation_type", "grp", "enterprise")


def award_figures(user, unit: Unit, year: int, form: Layout) -> Figures:
    """FORM (0602 or 0603) for UNIT and YEAR in one query: the counted awards grouped by
    what the rows and columns tell apart, each group then added to the cells it matches."""
    every = form.columns[0].where
    groups = list(awards_counted(user, unit, year).filter(every.q()).order_by().values(*GROUPED)
                  .annotate(n=Count("pk")))
    cells = {}
    for row in form.rows:
        if row.heading:
            continue
        for i, col in enumerate(form.columns):
            where = every & row.where & col.where
            cells[row.code, i] = sum(g["n"] for g in groups if where.matches(g))
    return Figures(form, unit, year, cells)


def award_cell(user, unit: Unit, year: int, form: Layout, code: str, col: int) -> QuerySet[Award]:
    """The awards behind one cell of FORM, as `award_figures` counted them."""
    row, column = form.row(code), form.columns[col]
    return awards_counted(user, unit, year).filter((form.columns[0].where & row.where & column.where).q())


# --- movements -----------------------------------------------------------------------------


def _months(starts: dt.date | None, ends: dt.date | None, kind: str) -> int | None:
    """A movement's length in whole months (1/1–31/12 is 12); a regular yearly movement
    with no dates is a year; None when not known."""
    if starts and ends:
        return round(((ends - starts).days + 1) / 30.4375)
    return 12 if kind == MovementKind.THUONG_XUYEN else None


def movements_counted(user, unit: Unit, year: int) -> QuerySet[Movement]:
    """The movements launched in YEAR's reporting period by UNIT or a unit below it that
    USER sees: launched on the date of the launching document, else on its start, else in
    its year."""
    first, last = period(year)
    launched = Coalesce(F("document__issued_on"), F("starts_on"))
    qs = Movement.objects.annotate(launched=launched).filter(
        Q(launched__gte=first, launched__lte=last) | Q(launched__isnull=True, year=year))
    return access.scope(user, Perm.MOVEMENT_VIEW, qs).filter(within(unit, "organiser__path"))


def movement_facts(user, unit: Unit, year: int) -> list[dict]:
    """Each counted movement as the facts the rows of 0601 test (`layouts`). One query."""
    blocs = Movement.blocs.through.objects.filter(movement_id=OuterRef("pk"))
    rows = movements_counted(user, unit, year).annotate(in_blocs=Exists(blocs)).values(
        "pk", "kind", "starts_on", "ends_on", "organiser__level", "in_blocs")
    facts = []
    for m in rows:
        provincial = m["organiser__level"] == UnitLevel.TINH
        facts.append({
            "pk": m["pk"], "kind": m["kind"], "months": _months(m["starts_on"], m["ends_on"], m["kind"]),
            # A province's system holds the movements its tree launches: the province's
            # own are of the province level, the rest of agencies and units.
            "level": "tinh" if provincial else "co_quan",
            "scope": "khoi" if m["in_blocs"] else "tinh" if provincial else "co_quan",
        })
    return facts


def movement_figures(user, unit: Unit, year: int) -> Figures:
    form = layouts.M0601
    facts = movement_facts(user, unit, year)
    cells = {}
    for row in form.rows:
        if row.heading:
            continue
        for i, col in enumerate(form.columns):
            cells[row.code, i] = sum(1 for m in facts if row.test(m) and col.test(m))
    return Figures(form, unit, year, cells)


def movement_cell(user, unit: Unit, year: int, code: str, col: int) -> QuerySet[Movement]:
    form = layouts.M0601
    row, column = form.row(code), form.columns[col]
    pks = [m["pk"] for m in movement_facts(user, unit, year) if row.test(m) and column.test(m)]
    return Movement.objects.filter(pk__in=pks).select_related("organiser").order_by("name")


def figures(user, unit: Unit, year: int, form: Layout) -> Figures:
    if form.slug == "0601":
        return movement_figures(user, unit, year)
    return award_figures(user, unit, year, form)
