"""What is due, for whom: each app registers a provider that, for a day, answers the
reminders it owes (registration deadlines, milestones, scoring rounds…).

A provider is a function `(today) -> Iterable[Due]`, computed in a few queries for the
whole installation. Pages never call the providers: they read the stored notifications,
which `reminders_refresh` brings up to date (daily, and whenever a page finds that the
audit trail has moved on in a way that can concern its reader: see `ACROSS_BRANCHES`).
"""

import contextvars
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from thidua.accounts.models import RoleGrant
from thidua.core.roles import ROLE_PERMS, Role

# How far ahead a deadline is announced, and how long after it a miss is still shown.
AHEAD = dt.timedelta(days=7)
AFTER = dt.timedelta(days=3)


@dataclass(frozen=True)
class Due:
    user_id: int
    key: str
    title: str
    url: str
    due_on: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on < today


Provider = Callable[[dt.date], Iterable[Due]]

# Whose reminders can a change alter? Usually only users whose units lie above or below the
# unit the change's audit event names (a sheet, a person, a unit's own dossier...). Changes
# to these kinds of record (audit `target_type`, by app label or app.model prefix) can also
# alter the reminders of users in other branches of the tree — a bloc and its scoring span
# branches, a dossier goes to an authority that need not be above the unit, a movement may
# take part by blocs, a role grant changes whom a reminder goes to — so every reader takes
# them as concerning them. A provider that follows another link between branches adds its
# records here, or its items may be shown after they are done.
ACROSS_BRANCHES = ("accounts.", "org.bloc", "movements.", "pledges.", "dossiers.", "councils.", "decisions.")
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


# The role grants of one `due_items` run: every provider asks for them, once per permission.
_GRANTS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("due_grants", default=None)


def due_items(today: dt.date, user_id: int | None = None) -> list[Due]:
    """Everything due around TODAY (for USER_ID only when given), soonest first."""
    token = _GRANTS.set({})
    try:
        items = [item for provider in _PROVIDERS for item in provider(today)
                 if user_id is None or item.user_id == user_id]
    finally:
        _GRANTS.reset(token)
    return sorted(items, key=lambda d: (d.due_on or dt.date.max, d.title))


def _grants() -> list[tuple[int, str, str]]:
    run = _GRANTS.get()
    if run is not None and "grants" in run:
        return run["grants"]
    grants = list(RoleGrant.objects.values_list("user_id", "role", "unit__path"))
    if run is not None:  # kept for the rest of this run only
        run["grants"] = grants
    return grants


def responsible_users(perm: str) -> list[tuple[int, str]]:
    """(user id, unit path) of every grant carrying PERM; an administrator's grants count
    as covering everything (path "")."""
    return [(uid, "" if role == Role.ADMIN else path) for uid, role, path in _grants()
            if perm in ROLE_PERMS.get(role, ())]
