"""Who may do what to a dossier, and one step along its machine (`dossiers.machines.DOSSIERS`,
the table in data/workflows/dossier.yaml): the check before a step and the write after it."""

import datetime as dt

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.transitions import Transition
from thidua.core.workdays import add_working_days
from thidua.dossiers import desks
from thidua.dossiers.machines import _AUDIT, ACTION_WORDS, DOSSIERS
from thidua.dossiers.models import Dossier, DossierState
from thidua.dossiers.services import common
from thidua.dossiers.workflow import CLEAR, KEEP, workflow

S = DossierState

__all__ = ["ACTION_WORDS", "_AUDIT", "holds_role", "may"]

# Every column of a dossier but its state: a step saves the whole row, as a service's other
# changes (dates, codes) ride with it.
_FIELDS = [f.name for f in Dossier._meta.concrete_fields if not f.primary_key and f.name != "state"]


def may(actor, dossier: Dossier, action: str) -> bool:
    """Whether ACTOR may do ACTION (a transition's action, "edit", "check" or "moderate") on
    DOSSIER now: the rule the services apply, asked without logging a refusal."""
    if action == "edit":
        return dossier.is_editable and access.covers(actor, Perm.DOSSIER_CHANGE, dossier.unit.path)
    if action in ("check", "justify"):
        return may(actor, dossier, "edit") or _reviewing(actor, dossier)
    if action == "moderate":
        return dossier.state in (S.CONSULTATION, S.UNDER_REVIEW) and desks.acts(actor, Perm.DOSSIER_REVIEW, dossier)
    if action == "assign":
        return _reviewing(actor, dossier)
    return DOSSIERS.may(actor, dossier, action)


def holds_role(actor, dossier: Dossier, action: str) -> bool:
    """`DOSSIERS.holds_role`: a page answers a press in the wrong state with the service's
    message, not with a 403."""
    return DOSSIERS.holds_role(actor, dossier, action)


def _reviewing(actor, dossier: Dossier) -> bool:
    return dossier.state in (S.RECEIVED, S.UNDER_REVIEW, S.CONSULTATION) and desks.acts(
        actor, Perm.DOSSIER_REVIEW, dossier)


def _transition(actor, dossier: Dossier, action: str, comment: str = "") -> Transition:
    """`DOSSIERS.check`: the row for (DOSSIER's state, ACTION) once ACTOR may take it."""
    return DOSSIERS.check(actor, dossier, action, reason=comment)


def _lock_for(actor, dossier: Dossier, action: str, comment: str = "") -> tuple[Dossier, Transition]:
    """Lock DOSSIER, then `_transition`: the locked row and the table's row, for `_apply` once
    the service's own checks and writes are done."""
    d = common.lock(dossier)
    return d, _transition(actor, d, action, comment)


def _apply(actor, dossier: Dossier, t: Transition, *, comment: str = "", detail: dict | None = None,
           due_on: dt.date | str | None = KEEP, before: dict | None = None) -> Dossier:
    """Move DOSSIER along T: the step's clock (T's limit, or DUE_ON when given), then the
    machine's move (state and row saved, the timeline line, the audit row)."""
    today = common.today()
    dossier.step_started_on = today
    if due_on != KEEP:
        dossier.due_on = due_on
    elif t.limit == CLEAR:
        dossier.due_on = None
    elif t.limit != KEEP:
        dossier.due_on = add_working_days(today, workflow().limits[t.limit].working_days)
    after = {"due_on": dossier.due_on.isoformat() if dossier.due_on else None, **(detail or {})}
    return DOSSIERS.move(actor, dossier, t, reason=comment, fields=_FIELDS, before=common.labelled(before),
                         after=common.labelled(after), detail=detail)
