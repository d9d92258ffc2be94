"""Reads of movements, always through the scope.

A user sees the movements organised in the units their roles cover and those organised
above them: a commune officer follows the province's movement it takes part in.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import Award
from thidua.catalog.selectors import kind_display
from thidua.core import access
from thidua.core.hooks import Hook
from thidua.core.roles import Perm
from thidua.core.selectors import matching
from thidua.movements import participation
from thidua.movements.models import Movement, MovementKind
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths


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
    movements = matching(movements, q)
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




def participant_units(movement: Movement) -> QuerySet[Unit]:
    """The units expected to register under MOVEMENT in its year: the ones taking part
    (`movements.participation`, the rule a sheet's acceptance applies too)."""
    return participation.units(movement, movement.year)


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


def _no_registrations(movement: Movement, units: QuerySet[Unit]) -> dict:
    return {"participants": units.count()}


# The registration part of a movement's figures (`Figures`' participants, sheets, registered):
# `registrations` fills it at start-up with `registrations.progress.registration_figures`.
registration_figures = Hook("registration figures", _no_registrations)

# A review's figures count the sheets by state; the approved ones are done, the others
# pending. The key is the one `registrations` writes, kept in the reviews on record.
APPROVED_SHEETS = "approved"


def movement_figures(movement: Movement) -> Figures:
    """Registrations of the participants, the titles they achieved in the movement's year
    (for a yearly movement) and the awards decided under the movement."""
    units = participant_units(movement)
    figures = Figures(**registration_figures(movement, units))
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
