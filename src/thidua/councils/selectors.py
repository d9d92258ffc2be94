"""Reads of councils and meetings, through `councils.policy`."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from thidua.catalog.selectors import kind_names
from thidua.core import access
from thidua.core.roles import Perm
from thidua.councils import policy
from thidua.councils.models import AgendaItem, Council, CouncilMember, Meeting, MeetingStatus, Outcome, Recusal
from thidua.dossiers.models import DossierItem, DossierState, ItemState


def councils_for(user) -> QuerySet[Council]:
    """The councils USER runs (the authority's secretariat) or sits on."""
    councils = Council.objects.select_related("authority_unit")
    return (access.scope(user, Perm.DOSSIER_REVIEW, councils)
            | councils.filter(members__user=user, members__active=True)).distinct()


def council_get_for(user, pk: int) -> Council:
    council = Council.objects.select_related("authority_unit").filter(pk=pk).first()
    if council is None or not policy.sees(user, council):
        raise Http404
    return council


def meeting_get_for(user, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("council__authority_unit").filter(pk=pk).first()
    if meeting is None or not policy.sees(user, meeting.council):
        raise Http404
    return meeting


def members(council: Council) -> QuerySet[CouncilMember]:
    return council.members.filter(active=True).select_related("home_unit", "user").order_by("role", "full_name")


def ready_items(council: Council) -> QuerySet[DossierItem]:
    """Accepted items of dossiers sent to this council's authority and not yet on an agenda
    of a meeting still to be held or open."""
    scheduled = AgendaItem.objects.exclude(meeting__status="closed").values("item")
    return (DossierItem.objects.filter(dossier__state=DossierState.TO_COUNCIL,
                                       dossier__authority_unit=council.authority_unit, state=ItemState.ACCEPTED)
            .exclude(pk__in=scheduled).select_related("dossier__unit", "held_unit", "person", "unit")
            .order_by("dossier_id", "id"))


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in order, with their recusals, the number of ballots cast and the
    Vietnamese names of the proposed and lower forms (`kind_name`, `lower_name`)."""
    entries = list(meeting.agenda.select_related("item__dossier__unit", "item__held_unit")
                   .prefetch_related(Prefetch("recusals", Recusal.objects.select_related("member")))
                   .annotate(n_cast=Count("casts")).order_by("order", "id"))
    names = kind_names()
    for entry in entries:
        entry.kind_name = names.get(entry.item.kind, entry.item.kind)
        entry.lower_name = names.get(entry.lower_kind, entry.lower_kind)
    return entries


def voting_meetings(user, dossiers) -> list[Meeting]:
    """The closed meetings that approved items of DOSSIERS, oldest first, whose minutes
    USER may download (`dossiers.selectors.voting_meetings` asks through its registry)."""
    meetings = (Meeting.objects.filter(status=MeetingStatus.CLOSED, agenda__item__dossier__in=list(dossiers),
                                       agenda__item__state=ItemState.APPROVED,
                                       agenda__outcome__in=[Outcome.APPROVED, Outcome.APPROVED_LOWER])
                .select_related("council__authority_unit").distinct().order_by("starts_at", "pk"))
    return [m for m in meetings if policy.sees(user, m.council)]
