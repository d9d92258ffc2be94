"""Reads of movements, always through the scope.

A user sees the movements organised in the units their roles cover and those organised
above them: a commune officer follows the province's movement it takes part in.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import Award
from thidua.catalog.selectors import kind_display
from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.core.text import search_tokens
from thidua.movements import participation
from thidua.movements.models import Movement, MovementKind
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus
from thidua.registrations.selectors import counted_registrations, sheets_under, sheets_under_q


def movements_for(user) -> QuerySet[Movement]:
    allowed = access.prefixes(user, Perm.MOVEMENT_VIEW)
    movements = Movement.objects.all()
    if allowed is None:
        return movements
    if not allowed:
        return movements.none()
    above = {ancestor for path in allowed for ancestor in ancestor_paths(path)}
    within = Q(organiser__path__in=above)
    for path in allowed:
        within |= Q(organiser__path__startswith=path)
    return movements.filter(within)


def movement_list(user, *, q: str = "", year: int | None = None, kind: str = "") -> QuerySet[Movement]:
    movements = movements_for(user).select_related("organiser", "document")
    for token in search_tokens(q):
        movements = movements.filter(search_key__contains=token)
    if year:
        movements = movements.filter(year=year)
    if kind:
        movements = movements.filter(kind=kind)
    return movements.order_by("-year", "organiser__path", "name")


def running_movements(user, today: dt.date | None = None) -> QuerySet[Movement]:
    """Movements under way today that USER sees, the ones organised nearest the top first."""
    today = today or timezone.localdate()
    return (movements_for(user).filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today),
                                       Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .select_related("organiser").order_by("organiser__depth", "-year", "name"))


def movement_get_for(user, pk: int, *, for_write: bool = False) -> Movement:
    """One movement: 404 when missing or out of sight, 403 when FOR_WRITE and the user
    may not change what its organiser launches."""
    movement = (movements_for(user).select_related("organiser", "document", "parent__organiser", "monitoring_unit")
                .filter(pk=pk).first())
    if movement is None:
        raise Http404
    if for_write and not access.can(user, Perm.MOVEMENT_CHANGE, movement.organiser):
        raise PermissionDenied(access.REFUSED)
    return movement


def can_change(user, movement: Movement) -> bool:
    return access.can(user, Perm.MOVEMENT_CHANGE, movement.organiser)


def participant_units(movement: Movement) -> QuerySet[Unit]:
    """The units expected to register under MOVEMENT in its year: the ones taking part
    (`movements.participation`, the rule a sheet's acceptance applies too)."""
    return participation.units(movement, movement.year)


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
    for token in search_tokens(q):
        units = units.filter(search_key__contains=token)
    if status == "none":
        units = units.filter(sheet_status__isnull=True)
    elif status:
        units = units.filter(sheet_status=status)
    return units.order_by("path")


@dataclass
class TimelineEntry:
    on: dt.date
    label: str
    kind: str
    done: bool
    url: str = ""


def movement_timeline(movement: Movement, today: dt.date) -> list[TimelineEntry]:
    """Launch, deadlines, milestones and reviews in date order; what is past is marked done."""
    entries = []
    if movement.document_id and movement.document.issued_on:
        entries.append(TimelineEntry(movement.document.issued_on, _("Phát động: %s") % movement.document,
                                     "launch", True, reverse("documents:detail", args=[movement.document_id])))
    if movement.starts_on:
        entries.append(TimelineEntry(movement.starts_on, _("Bắt đầu"), "start", movement.starts_on <= today))
    if movement.registration_deadline:
        entries.append(TimelineEntry(movement.registration_deadline, _("Hạn đăng ký thi đua"), "deadline",
                                     movement.registration_deadline < today))
    for review in movement.reviews.all():
        entries.append(TimelineEntry(review.held_on, f"{review.get_kind_display()} ({_('đã tổ chức')})", "review",
                                     True, reverse("movements:review", args=[movement.pk, review.pk])))
    for milestone in movement.milestones.all():
        entries.append(TimelineEntry(milestone.due_on, str(milestone), milestone.kind, milestone.due_on < today))
    if movement.ends_on:
        entries.append(TimelineEntry(movement.ends_on, _("Kết thúc"), "end", movement.ends_on < today))
    return sorted(entries, key=lambda e: (e.on, e.kind != "launch"))


@dataclass
class Figures:
    """What a sơ kết or tổng kết reports, computed from the data of the day."""

    participants: int = 0
    sheets: dict[str, int] = field(default_factory=dict)
    registered: dict[str, int] = field(default_factory=dict)
    titles: dict[str, int] = field(default_factory=dict)
    awards: dict[str, int] = field(default_factory=dict)


def movement_figures(movement: Movement) -> Figures:
    """Registrations of the participants, the titles they achieved in the movement's year
    (for a yearly movement) and the awards decided under the movement."""
    units = participant_units(movement)
    states = _states(movement, units)
    figures = Figures(participants=sum(states.values()),
                      sheets={status: n for status, n in states.items() if status is not None})
    sheets = movement_sheets(movement).filter(unit__in=units.values("pk"))
    if movement.kind == MovementKind.THUONG_XUYEN:
        # The year's registrations as the engine counts them, history without sheets included.
        registered = counted_registrations().filter(year=movement.year, unit__in=units.values("pk"))
    else:
        registered = Registration.objects.filter(sheet__in=sheets.filter(state=SheetStatus.APPROVED).values("pk"))
    figures.registered = dict(registered.values_list("code").annotate(n=Count("id")).order_by("code"))
    if movement.kind == MovementKind.THUONG_XUYEN:
        titles = Award.objects.filter(year=movement.year, is_title=True, revoked=False,
                                      held_unit__in=units.values("pk"))
        figures.titles = dict(titles.values_list("kind").annotate(n=Count("id")).order_by("kind"))
    under = Award.objects.filter(movement=movement, revoked=False)
    figures.awards = dict(under.values_list("kind").annotate(n=Count("id")).order_by("kind"))
    return figures


def figure_rows(figures: dict) -> list[tuple[str, int | None, int | None, int | None]]:
    """(award name, registered, achieved, awarded under the movement) per code of a review's
    figures, highest kind first (catalog rank)."""
    display = kind_display()
    codes = set(figures.get("registered", {})) | set(figures.get("titles", {})) | set(figures.get("awards", {}))
    ordered = sorted(codes, key=lambda code: (-display.get(code, (code, 0))[1], code))
    return [(display.get(code, (code, 0))[0], figures.get("registered", {}).get(code),
             figures.get("titles", {}).get(code), figures.get("awards", {}).get(code)) for code in ordered]
