"""Reads of councils and meetings, through `councils.policy` and the access policies registered
in `apps`."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from thidua.catalog import display
from thidua.catalog.selectors import current_kinds, kind_names
from thidua.core import access
from thidua.core.roles import Perm
from thidua.councils import counting, links, policy
from thidua.councils.models import AgendaItem, Council, CouncilMember, Meeting, MeetingStatus, Outcome, Recusal
from thidua.dossiers.models import DossierItem, DossierState, ItemState


def councils_for(user) -> QuerySet[Council]:
    """The councils USER runs (the authority's secretariat) or sits on."""
    councils = Council.objects.select_related("authority_unit")
    return (access.scope(user, Perm.DOSSIER_REVIEW, councils)
            | councils.filter(members__user=user, members__active=True)).distinct()


def _seen(user, model, to_council: str) -> QuerySet:
    """MODEL's rows whose council USER sees (`policy.sees`: runs it, or sits on it as a voter)
    in one query; TO_COUNCIL is the lookup from a row to its council ("" for a council)."""
    runs = access.path_condition(user, Perm.DOSSIER_REVIEW, f"{to_council}authority_unit__path")
    if runs is None:
        return model.objects.all()
    if access.has_any(user, Perm.COUNCIL_VOTE):
        runs |= Q(Exists(CouncilMember.objects.filter(council=OuterRef(f"{to_council}pk"), user=user, active=True)))
    return model.objects.filter(runs)


def councils_seen(user) -> QuerySet[Council]:
    """The councils whose pages USER opens (`access.get`, registered in `apps`)."""
    return _seen(user, Council, "")


def meetings_seen(user) -> QuerySet[Meeting]:
    return _seen(user, Meeting, "council__")


def members(council: Council) -> QuerySet[CouncilMember]:
    return council.members.filter(active=True).select_related("home_unit", "user").order_by("role", "full_name")


def ready_items(council: Council) -> QuerySet[DossierItem]:
    """Accepted items of dossiers sent to this council's authority and not yet on an agenda
    of a meeting still to be held or open."""
    scheduled = AgendaItem.objects.exclude(meeting__state=MeetingStatus.CLOSED).values("item")
    return (DossierItem.objects.filter(dossier__state=DossierState.TO_COUNCIL,
                                       dossier__authority_unit=council.authority_unit, state=ItemState.ACCEPTED)
            .exclude(pk__in=scheduled).select_related("dossier__unit", "held_unit", "person", "unit")
            .order_by("dossier_id", "id"))


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in order, with their recusals, the number of ballots cast, the
    Vietnamese names of the proposed and lower forms (`kind_name`, `lower_name`), the lower
    forms the authority may decide (`lower_choices`: code, name), and who may still vote
    (`seat`: `counting.Seats`; `missing`: present voters neither online nor on paper)."""
    entries = list(meeting.agenda.select_related("item__dossier__unit", "item__dossier__authority_unit",
                                                 "item__held_unit", "item__unit")
                   .prefetch_related(Prefetch("recusals", Recusal.objects.select_related("member")))
                   .annotate(n_cast=Count("casts")).order_by("order", "id"))
    names = kind_names()
    name = display.namer(meeting.council.authority_unit, names=names)
    kinds = current_kinds() if meeting.state == MeetingStatus.PLANNED else None
    room = counting.seats(meeting)
    for entry in entries:
        entry.kind_name = name(entry.item.kind)
        entry.lower_name = name(entry.lower_kind) if entry.lower_kind else ""
        if kinds is not None:
            entry.lower_choices = [(code, name(code)) for code in links.lower_options(entry.item, kinds)]
        entry.seat = room[entry.pk]
        entry.missing = counting.missing(entry, entry.seat)
        entry.online = entry.seat.online
    return entries


def voting_meetings(user, dossiers) -> list[Meeting]:
    """The closed meetings that approved items of DOSSIERS, oldest first, whose minutes
    USER may download (`dossiers.selectors.voting_meetings` asks through its registry)."""
    meetings = (Meeting.objects.filter(state=MeetingStatus.CLOSED, agenda__item__dossier__in=list(dossiers),
                                       agenda__item__state=ItemState.APPROVED,
                                       agenda__outcome__in=[Outcome.APPROVED, Outcome.APPROVED_LOWER])
                .select_related("council__authority_unit").distinct().order_by("starts_at", "pk"))
    return [m for m in meetings if policy.sees(user, m.council)]
