"""Handoffs: when a record passes into someone else's hands, a notice tells them
(docs/notices.md holds the table: event → who is told → link → when it closes).

The apps whose records move stand above this one: each registers its handoffs at start-up
(its `seams`), never imported from here. A `Handoff` answers, for an event on one object,
the notices to write: whom (user ids), the Vietnamese words, the link. The event is either
a move of a `core.transitions` machine (`<machine>.<action>`; `register` puts `_moved` on
the machine's after-commit hooks) or something a service announces (`announce`: a meeting
convened, an opinion sent from the public page, a movement launched).

Every notice is written once the transaction commits, appears in "Việc cần làm" and is
e-mailed at once to readers with an address. Every later move of the same object closes
the open notices of the earlier steps (keys `handoff:<machine>:<pk>:…`); a notice that
only informs (`task=False`) also closes when its reader marks it read.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.models import RoleGrant
from thidua.core.net import public_url
from thidua.notices.models import NoticeKind, Notification
from thidua.org.paths import ancestor_paths

PREFIX = "handoff"
logger = logging.getLogger("thidua.notices")


@dataclass(frozen=True)
class Notice:
    users: Iterable[int]
    title: str
    url: str


@dataclass(frozen=True)
class Handoff:
    """EVENT (`<machine>.<action>` or an announced name) tells what TELL(obj, reason)
    answers; TASK: the notice asks something (False: it only informs)."""

    event: str
    tell: Callable[[Any, str], Iterable[Notice]]
    task: bool = True


_HANDOFFS: dict[str, list[Handoff]] = {}
_HOOKED: set[str] = set()


def register(*handoffs: Handoff, machine=None) -> None:
    """Add HANDOFFS. With MACHINE, its moves close the open notices of their object and
    tell the handoffs of `<name>.<action>`."""
    for handoff in handoffs:
        if handoff not in _HANDOFFS.setdefault(handoff.event, []):
            _HANDOFFS[handoff.event].append(handoff)
    if machine is not None and machine.name not in _HOOKED:
        _HOOKED.add(machine.name)
        machine.after_commit.append(partial(_moved, machine.name))


def registered() -> dict[str, list[Handoff]]:
    return {event: list(handoffs) for event, handoffs in _HANDOFFS.items()}


def announce(name: str, obj, event: str, *, actor=None, reason: str = "") -> None:
    """Tell the handoffs of EVENT (on object OBJ of kind NAME) once the transaction commits."""
    transaction.on_commit(lambda: tell(name, obj, event, actor=actor, reason=reason))


def _moved(name: str, actor, obj, row, *, reason: str = "") -> None:
    close(name, obj.pk)
    tell(name, obj, f"{name}.{row.action}", actor=actor, reason=reason)


def _key(name: str, pk) -> str:
    return f"{PREFIX}:{name}:{pk}:"


def close(name: str, pk) -> int:
    """Close the open notices about object PK of kind NAME: its next step has been taken."""
    return Notification.objects.filter(key__startswith=_key(name, pk), closed_at__isnull=True).update(
        closed_at=timezone.now())


def tell(name: str, obj, event: str, *, actor=None, reason: str = "") -> list[Notification]:
    """Write and e-mail the notices of EVENT on OBJ; ACTOR, who made it, is not told of it.
    A failing mail server is logged, never raised: the move is already committed and the
    notice is in "Việc cần làm"."""
    written: list[Notification] = []
    stamp = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        for handoff in _HANDOFFS.get(event, ()):
            kind = NoticeKind.TASK if handoff.task else NoticeKind.INFO
            for notice in handoff.tell(obj, reason):
                key = f"{_key(name, obj.pk)}{event}:{stamp.isoformat()}"
                written += [Notification(user_id=uid, key=key, title=notice.title[:300], url=notice.url, kind=kind)
                            for uid in sorted(set(notice.users) - {getattr(actor, "pk", None)})]
    Notification.objects.bulk_create(written, ignore_conflicts=True)
    try:
        _email(written)
    except Exception:
        logger.exception("handoff notices not e-mailed (%s %s)", event, obj.pk)
    return written


def _email(notes: list[Notification]) -> None:
    addresses = dict(get_user_model().objects.filter(pk__in={n.user_id for n in notes}, is_active=True)
                     .exclude(email="").values_list("pk", "email"))
    sent = [n for n in notes if n.user_id in addresses]
    if not sent:
        return
    base = public_url()
    footer = _("Hệ thống Thi đua – Khen thưởng")
    send_mass_mail([(f"[{_('Việc cần làm')}] {n.title}", f"{n.title}\n\n{base}{n.url}\n\n{footer}",
                     settings.DEFAULT_FROM_EMAIL, [addresses[n.user_id]]) for n in sent], fail_silently=False)
    Notification.objects.filter(key__in={n.key for n in sent}, user_id__in=[n.user_id for n in sent]).update(
        emailed_at=timezone.now())


# --- whom: the scope rules the apps' handoffs use ------------------------------------------------


def _grants(roles: Iterable[str]):
    return RoleGrant.objects.filter(role__in=list(roles), user__is_active=True)


def nearest(roles: Iterable[str], path: str) -> set[int]:
    """The users holding one of ROLES on the deepest unit at or above PATH that has such a
    grant: a unit's own head rather than the one above, who is told only when the unit has none."""
    if not path:
        return set()
    found = list(_grants(roles).filter(unit__path__in=ancestor_paths(path)).values_list("user_id", "unit__path"))
    if not found:
        return set()
    depth = max(len(p) for _uid, p in found)
    return {uid for uid, p in found if len(p) == depth}


def granted_at(roles: Iterable[str], paths: Iterable[str]) -> set[int]:
    """The users holding one of ROLES on exactly the units at PATHS (a unit's own officers)."""
    paths = list(paths)
    return set(_grants(roles).filter(unit__path__in=paths).values_list("user_id", flat=True)) if paths else set()
