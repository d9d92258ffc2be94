import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr

from thidua.accounts.models import RoleGrant
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.notices.due import ACROSS_BRANCHES
from thidua.notices.models import DueRefresh, Notification


def refresh_state() -> DueRefresh | None:
    return DueRefresh.objects.filter(pk=1).first()


def reminders_current(user, today: dt.date, state: DueRefresh | None = None) -> bool:
    """Whether USER's stored notifications are still what the providers would answer: they
    were computed for TODAY, and no audit event written since can concern USER — one USER
    made, one whose unit lies above or below a unit of USER's role grants, or one on a
    record that links branches of the tree (`due.ACROSS_BRANCHES`); any event for an
    administrator. Two queries."""
    state = state or refresh_state()
    if state is None or state.day != today:
        return False
    newer = Q(pk__gt=state.mark) | Q(pk__in=state.holes) if state.holes else Q(pk__gt=state.mark)
    grants = RoleGrant.objects.filter(user_id=user.pk)
    event_path = OuterRef("unit_path")
    # The event's unit is inside a granted subtree, or is one of its ancestors (a movement or
    # round organised above, a common path of an import; an empty path concerns everyone).
    below = grants.filter(unit__path=Substr(event_path, 1, Length("unit__path")))
    above = grants.alias(head=Substr("unit__path", 1, Length(event_path))).filter(head=event_path)
    across = reduce(or_, (Q(target_type__startswith=prefix) for prefix in ACROSS_BRANCHES))
    # An administrator is reminded for the whole installation (due.responsible_users): any event.
    admin = Exists(grants.filter(role=Role.ADMIN))
    concerns = Q(actor_id=user.pk) | across | Exists(below) | Exists(above) | admin
    return not AuditEvent.objects.filter(newer).filter(concerns).exists()


def due_for(user) -> QuerySet[Notification]:
    """What USER has due now, soonest first: their open notifications. Current once
    `services.reminders_refresh(reader=USER)` has run in the request."""
    return (Notification.objects.filter(user=user, closed_at__isnull=True)
            .order_by(F("due_on").asc(nulls_last=True), "title"))


def notifications_for(user) -> QuerySet[Notification]:
    """Every reminder USER has had: the open ones first (unread first), then those no longer
    due, the latest closed first."""
    return Notification.objects.filter(user=user).order_by(
        F("closed_at").desc(nulls_first=True), F("read_at").asc(nulls_first=True), "due_on", "-created_at")


def unread_count(user) -> int:
    """The bell: open reminders USER has not marked read, as of the last refresh (one query;
    the pages that list them refresh first)."""
    return Notification.objects.filter(user=user, read_at__isnull=True, closed_at__isnull=True).count()
