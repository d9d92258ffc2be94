"""A bloc's pledge for a year: create, edit, issue, return to draft, close."""

import datetime as dt

from django.db import transaction

from thidua.core import audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name
from thidua.org.models import Bloc
from thidua.pledges import audit_actions as A
from thidua.pledges import machines, policy
from thidua.pledges.machines import PLEDGES
from thidua.pledges.models import CriterionKind, Pledge, RoundStatus
from thidua.pledges.services.common import _lock_pledge, _shown, _standing
from thidua.pledges.services.messages import (
    CANNOT_RETURN_TO_DRAFT,
    NO_STANDARD_CRITERION,
    PLEDGE_EXISTS,
    ROUNDS_NOT_LOCKED,
)
from thidua.pledges.services.states import _require_not_closed
from thidua.pledges.services.table import _copy_table

PLEDGE_FIELDS = ["title", "content", "signed_on", "document", "state"]


@transaction.atomic
def pledge_create(*, actor, bloc: Bloc, year: int, title: str, content: str = "",
                  copy_last_year: bool = False) -> Pledge:
    """A draft pledge for BLOC and YEAR (the organiser's secretariat or the bloc leader)."""
    bloc = Bloc.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=bloc.pk)
    policy.require(policy.standing(actor, bloc, year).organiser)
    if Pledge.objects.filter(bloc=bloc, year=year).exists():
        raise ApplicationError(PLEDGE_EXISTS % {"year": year})
    pledge = Pledge.objects.create(bloc=bloc, year=year, title=clean_name(title), content=content.strip(),
                                   created_by=actor)
    audit.record(actor=actor, action=A.PLEDGE_CREATE, target=pledge, unit_path=bloc.organiser.path,
                 after=_shown(pledge, PLEDGE_FIELDS))
    if copy_last_year:
        _copy_table(actor, pledge)
    return pledge


@transaction.atomic
def pledge_update(*, actor, pledge: Pledge, title: str, content: str = "", signed_on: dt.date | None = None,
                  document=None, reason: str = "", version: int | None = None) -> Pledge:
    """Title, content, signing date and the signed document; any time before the pledge
    closes. VERSION: the version the form was opened on (a save on an older one is refused)."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_not_closed(pledge)
    concurrency.require_version(pledge, version, wanted={
        "title": title, "content": content, "signed_on": signed_on, "document": document})
    before = _shown(pledge, PLEDGE_FIELDS)
    pledge.title, pledge.content, pledge.signed_on, pledge.document = clean_name(title), content.strip(), signed_on, \
        document
    pledge.save(update_fields=["title", "content", "signed_on", "document"])
    audit.record(actor=actor, action=A.PLEDGE_UPDATE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before=before, after=_shown(pledge, PLEDGE_FIELDS), reason=reason)
    return pledge


# What a move needs besides its row, asked of the locked pledge: the refusal, or None.
_NOT_READY = {
    machines.OPEN: lambda pledge: None if pledge.criteria.filter(kind=CriterionKind.STANDARD).exists()
    else NO_STANDARD_CRITERION,
    machines.RETURN_TO_DRAFT: lambda pledge: CANNOT_RETURN_TO_DRAFT
    if pledge.signatures.exists() or pledge.rounds.exists() else None,
    machines.CLOSE: lambda pledge: ROUNDS_NOT_LOCKED
    if pledge.rounds.exclude(state=RoundStatus.LOCKED).exists() else None,
}


@transaction.atomic
def pledge_transition(*, actor, pledge: Pledge, action: str, reason: str = "") -> Pledge:
    """Move PLEDGE along ACTION of `machines.PLEDGES` (open, return_to_draft, close): the
    standing its row names, the state it leaves from, then what the move needs (a standard
    criterion to issue; no signature and no round to return to draft; every round locked
    to close). Refusals: ApplicationError with the messages of `messages`, PermissionDenied."""
    pledge = _lock_pledge(pledge)
    row = machines.check(PLEDGES, actor, pledge, action, reason=reason)
    refusal = _NOT_READY[action](pledge)
    if refusal is not None:
        raise ApplicationError(refusal)
    return PLEDGES.move(actor, pledge, row, reason=reason)


def pledge_open(*, actor, pledge: Pledge) -> Pledge:
    """Issue the table (draft → open): it freezes, members may sign, rounds may open."""
    return pledge_transition(actor=actor, pledge=pledge, action=machines.OPEN)


def pledge_return_to_draft(*, actor, pledge: Pledge, reason: str = "") -> Pledge:
    """Back to draft to fix the table; only while nobody has signed and no round exists."""
    return pledge_transition(actor=actor, pledge=pledge, action=machines.RETURN_TO_DRAFT, reason=reason)


def pledge_close(*, actor, pledge: Pledge) -> Pledge:
    """End the pledge year (the secretariat); every round must be locked."""
    return pledge_transition(actor=actor, pledge=pledge, action=machines.CLOSE)
