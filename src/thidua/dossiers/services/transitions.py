"""Who may do what to a dossier, and one step along the workflow table
(`dossiers.workflow.transitions()`): the check before a transition and the write after it."""

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from thidua.core import access
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.workdays import add_working_days
from thidua.dossiers import audit_actions as A
from thidua.dossiers.models import Dossier, DossierEvent, DossierState
from thidua.dossiers.services.common import _record, _state_label, _today, _vi
from thidua.dossiers.services.messages import NEEDS_REASON, WRONG_STATE
from thidua.dossiers.workflow import CLEAR, KEEP, T, transitions, workflow

S = DossierState


ACTION_WORDS = {
    "submit": _("trình"), "receive": _("tiếp nhận"), "accept": _("thẩm định"), "return": _("trả lại"),
    "resubmit": _("trình lại"), "open_consultation": _("lấy ý kiến công khai"),
    "close_consultation": _("kết thúc lấy ý kiến"), "to_council": _("trình Hội đồng"),
    "recall": _("rút khỏi Hội đồng"), "record_votes": _("ghi kết quả bỏ phiếu"),
    "draft_decision": _("dự thảo quyết định cho"), "decide": _("ghi quyết định cho"),
    "refuse": _("không khen thưởng"), "forward": _("trình cấp trên"), "cancel": _("hủy"),
}
_AUDIT = {
    "submit": A.DOSSIER_SUBMIT, "receive": A.DOSSIER_RECEIVE, "accept": A.DOSSIER_ACCEPT,
    "return": A.DOSSIER_RETURN, "resubmit": A.DOSSIER_RESUBMIT, "open_consultation": A.DOSSIER_OPEN_CONSULTATION,
    "close_consultation": A.DOSSIER_CLOSE_CONSULTATION, "to_council": A.DOSSIER_TO_COUNCIL,
    "recall": A.DOSSIER_RECALL, "record_votes": A.DOSSIER_RECORD_VOTES, "draft_decision": A.DOSSIER_DRAFT_DECISION,
    "decide": A.DOSSIER_DECIDE, "refuse": A.DOSSIER_REFUSE, "forward": A.DOSSIER_FORWARD,
    "cancel": A.DOSSIER_CANCEL,
}


# --- permissions and the transition table ---------------------------------------------------


def _path(dossier: Dossier, on: str) -> str:
    return dossier.unit.path if on == "unit" else dossier.authority_path


def _holds(actor, perms: Iterable[str], path: str) -> bool:
    return any(access.covers(actor, perm, path) for perm in perms)


def may(actor, dossier: Dossier, action: str) -> bool:
    """Whether ACTOR may do ACTION (a transition's action, "edit", "check" or "moderate") on
    DOSSIER now: the rule the services apply, asked without logging a refusal."""
    if action == "edit":
        return dossier.is_editable and access.covers(actor, Perm.DOSSIER_CHANGE, dossier.unit.path)
    if action in ("check", "justify"):
        return may(actor, dossier, "edit") or _reviewing(actor, dossier)
    if action == "moderate":
        return dossier.state in (S.CONSULTATION, S.UNDER_REVIEW) and access.covers(
            actor, Perm.DOSSIER_REVIEW, dossier.authority_path)
    if action == "assign":
        return _reviewing(actor, dossier)
    t = transitions().get((dossier.state, action))
    return t is not None and _holds(actor, t.perms, _path(dossier, t.on))


def holds_role(actor, dossier: Dossier, action: str) -> bool:
    """Whether ACTOR holds the permission ACTION needs on DOSSIER in some state: a page
    answers a press in the wrong state with the service's message, not with a 403."""
    return any(a == action and _holds(actor, t.perms, _path(dossier, t.on))
               for (_state, a), t in transitions().items())


def _reviewing(actor, dossier: Dossier) -> bool:
    return dossier.state in (S.RECEIVED, S.UNDER_REVIEW, S.CONSULTATION) and access.covers(
        actor, Perm.DOSSIER_REVIEW, dossier.authority_path)


def _transition(actor, dossier: Dossier, action: str, comment: str = "") -> T:
    """The table's row for (DOSSIER's state, ACTION), after checking ACTOR may take it.
    404-free: the caller fetched DOSSIER through the scope."""
    t = transitions().get((dossier.state, action))
    if t is None:
        raise ApplicationError(WRONG_STATE % {"action": _vi(ACTION_WORDS[action]),
                                              "state": _state_label(dossier.state)})
    path = _path(dossier, t.on)
    if not _holds(actor, t.perms, path):
        access.require(actor, t.perms[0], path=path)  # logs and raises
    if t.needs_reason and not (comment or "").strip():
        raise ApplicationError(NEEDS_REASON % {"action": _vi(ACTION_WORDS[action])}, {"field": "comment"})
    return t


def _apply(actor, dossier: Dossier, t: T, action: str, *, comment: str = "", detail: dict | None = None,
           due_on: dt.date | str | None = KEEP, before: dict | None = None) -> Dossier:
    """Move DOSSIER along T: state, the step's clock (T's limit, or DUE_ON when given), the
    timeline line and the audit row."""
    previous = dossier.state
    today = _today()
    dossier.state = t.target
    dossier.step_started_on = today
    if due_on != KEEP:
        dossier.due_on = due_on
    elif t.limit == CLEAR:
        dossier.due_on = None
    elif t.limit != KEEP:
        dossier.due_on = add_working_days(today, workflow().limits[t.limit].working_days)
    dossier.save()
    DossierEvent.objects.create(dossier=dossier, actor=actor if getattr(actor, "pk", None) else None,
                                action=action, from_state=previous, to_state=t.target,
                                comment=(comment or "").strip(), detail=detail or {}, due_on=dossier.due_on)
    after = {"state": _state_label(t.target), "due_on": dossier.due_on.isoformat() if dossier.due_on else None,
             **(detail or {})}
    _record(actor=actor, action=_AUDIT[action], target=dossier, unit_path=dossier.unit.path,
                 before={"state": _state_label(previous), **(before or {})}, after=after,
                 reason=(comment or "").strip())
    return dossier
