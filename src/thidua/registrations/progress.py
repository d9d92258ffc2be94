"""How the units taking part in a movement stand with their registrations: the progress
on the movement's page and its own page, the registration part of a sơ kết / tổng kết's
figures (`movements.selectors.registration_figures`, filled at start-up) and the
registration reminders (`registrations.due`) all read a unit's state from here."""

from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, OuterRef, QuerySet, Subquery

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.selectors import matching
from thidua.movements.models import Movement, MovementKind
from thidua.movements.selectors import participant_units
from thidua.org.models import Unit
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus
from thidua.registrations.selectors import counted_registrations, sheets_under, sheets_under_q


def movement_sheets(movement: Movement) -> QuerySet[RegistrationSheet]:
    """The registration sheets of MOVEMENT's year made under it; for a yearly movement also
    the units' general sheets of that year (`registrations.selectors.sheets_under`)."""
    return sheets_under(movement.year, movement)


def with_sheet_state(movement: Movement, units: QuerySet[Unit]) -> QuerySet[Unit]:
    """UNITS annotated with the sheet that answers for each under MOVEMENT (`sheet_pk`,
    `sheet_status`; None when it has none): its sheet made under the movement, else, for a
    yearly movement, its general sheet of the year. Progress, figures and reminders all
    read a unit's state from here."""
    sheets = (movement_sheets(movement).filter(unit=OuterRef("pk"))
              .order_by(F("movement_id").desc(nulls_last=True), "-pk"))
    return units.annotate(sheet_pk=Subquery(sheets.values("pk")[:1]),
                          sheet_status=Subquery(sheets.values("state")[:1]))


def _states(movement: Movement, units: QuerySet[Unit]) -> dict[str | None, int]:
    """sheet state (None: no sheet) → how many of UNITS are in it under MOVEMENT: the rule
    of `with_sheet_state` (the movement's own sheet first, then the newest), applied in
    memory to two plain reads, the units and their sheets. Asked per unit in the database,
    it probed the sheets once for each unit of the province on the secretariat's pages."""
    sheets = FilteredRelation("registration_sheets",
                              condition=sheets_under_q(movement.year, movement, "registration_sheets__"))
    rows = units.order_by().annotate(sheet=sheets).values_list("pk", "sheet__movement_id", "sheet__pk", "sheet__state")
    answering: dict[int, tuple[tuple[bool, int], str | None]] = {}
    for unit_id, movement_id, pk, status in rows:
        rank = (movement_id is not None, pk or 0)
        if unit_id not in answering or rank > answering[unit_id][0]:
            answering[unit_id] = (rank, status)
    states: dict[str | None, int] = {}
    for _rank, status in answering.values():
        states[status] = states.get(status, 0) + 1
    return states


PROGRESS_FILTERS = {"chua-dang-ky": "none", "dang-lap": SheetStatus.DRAFT, "cho-duyet": SheetStatus.SUBMITTED,
                    "tra-lai": SheetStatus.RETURNED, "da-duyet": SheetStatus.APPROVED}


@dataclass
class Progress:
    total: int
    by_status: dict[str, int]

    @property
    def missing(self) -> int:
        return self.total - sum(self.by_status.values())

    @property
    def approved(self) -> int:
        return self.by_status.get(SheetStatus.APPROVED, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.approved / self.total) if self.total else 0


def movement_progress(movement: Movement, user=None) -> Progress:
    """How many participant units (in USER's scope when given) have registered, by the state
    of the sheet that answers for each (`with_sheet_state`)."""
    units = participant_units(movement)
    if user is not None:
        units = access.scope(user, Perm.ORG_VIEW, units)
    return units_progress(movement, units)


def units_progress(movement: Movement, units: QuerySet[Unit]) -> Progress:
    """`movement_progress` over UNITS, participants of MOVEMENT already narrowed by the
    caller (a scope and a subtree: the reports' charts). One query."""
    states = _states(movement, units)
    return Progress(total=sum(states.values()),
                    by_status={status: n for status, n in states.items() if status is not None})


def progress_rows(movement: Movement, user, *, status: str = "", q: str = "") -> QuerySet[Unit]:
    """Participant units in USER's scope with their sheet's state and registration count,
    in tree order; STATUS is one of PROGRESS_FILTERS' values."""
    units = with_sheet_state(movement, access.scope(user, Perm.ORG_VIEW, participant_units(movement))).annotate(
        registered=Subquery(
            Registration.objects.filter(sheet=OuterRef("sheet_pk")).order_by().values("sheet")
            .annotate(n=Count("id")).values("n")[:1]),
    )
    units = matching(units, q)
    if status == "none":
        units = units.filter(sheet_status__isnull=True)
    elif status:
        units = units.filter(sheet_status=status)
    return units.order_by("path")


def registration_figures(movement: Movement, units: QuerySet[Unit]) -> dict:
    """The registration part of MOVEMENT's figures (`movements.selectors.Figures`): the
    participant UNITS, their sheets by state, and what they registered, by title."""
    states = _states(movement, units)
    sheets = movement_sheets(movement).filter(unit__in=units.values("pk"))
    if movement.kind == MovementKind.THUONG_XUYEN:
        # The year's registrations as the engine counts them, history without sheets included.
        registered = counted_registrations().filter(year=movement.year, unit__in=units.values("pk"))
    else:
        registered = Registration.objects.filter(sheet__in=sheets.filter(state=SheetStatus.APPROVED).values("pk"))
    return {"participants": sum(states.values()),
            "sheets": {status: n for status, n in states.items() if status is not None},
            "registered": dict(registered.values_list("code").annotate(n=Count("id")).order_by("code"))}
