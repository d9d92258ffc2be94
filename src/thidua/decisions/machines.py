"""The moves of a decision (`core.transitions`), mirrored as the services have always made them.

A draft is issued when its leader has signed the paper and the văn thư registered it: the
secretariat records the number, the signer and the signed copy (`decision.issue` over the
authority). One issued outside thidua, by the Prime Minister or the President, is recorded
with the number it was given by the unit that keeps it (`decision.change` over the
decision's unit); both go to
signed through the one URL segment `ky`, the page choosing by the decision. A draft is
dropped (cancelled) with a reason by the unit that keeps it. A revocation decision is drafted
and signed in one step by `services.decision_revoke`, which checks its signer and audits it:
its row has no permission of its own (`shift`).
"""

from django.utils.translation import gettext_lazy as _

from thidua.core import access, transitions
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.transitions import Machine, Transition
from thidua.decisions import audit_actions as A
from thidua.decisions.models import Decision, DecisionState
from thidua.dossiers import desks

S = DecisionState
SIGN, RECORD, CANCEL, ISSUE = "sign", "record", "cancel", "issue"

NOT_A_DRAFT = _("Quyết định này không còn là dự thảo; chỉ dự thảo mới sửa, ký hoặc hủy được.")
CANCEL_REASON_REQUIRED = _("Hãy ghi lý do hủy dự thảo.")
EXTERNAL_ONLY = _("Quyết định do cơ quan trong hệ thống ban hành thì phải được ký tại đây, không ghi số tay.")
INTERNAL_ONLY = _("Quyết định của cơ quan cấp trên được ghi lại theo số đã ban hành, không ký tại đây.")


def wrong_kind(decision: Decision, action: str) -> ApplicationError | None:
    """Signing is for a decision of an authority in thidua, recording for one issued outside."""
    if action == SIGN and decision.authority_id is None:
        return ApplicationError(INTERNAL_ONLY)
    if action == RECORD and decision.authority_id is not None:
        return ApplicationError(EXTERNAL_ONLY)
    return None


_UNITS = {"unit": lambda d: d.unit.path, "authority": lambda d: d.authority.path if d.authority_id else ""}


def _authorise(actor, decision: Decision, row: Transition) -> bool:
    """A permission over the authority is the desk's its authority belongs to
    (`dossiers.desks`: a Sở's decisions are issued by the Sở's desk, not the province's);
    over the keeping unit, as the machine would ask it."""
    path = _UNITS[row.on](decision)
    if row.on == "authority":
        return any(desks.acts_at(actor, perm, path) for perm in row.perms)
    return any(access.covers(actor, perm, path) for perm in row.perms)


DECISIONS = transitions.register(Machine(
    name="decision", model=Decision, states=DecisionState,
    rows=[
        Transition(S.DRAFT, SIGN, S.SIGNED, (Perm.DECISION_ISSUE,), on="authority", verb=_("ghi ban hành"),
                   audit=A.DECISION_SIGN, slug="ky"),
        Transition(S.DRAFT, RECORD, S.SIGNED, (Perm.DECISION_CHANGE,), verb=_("ghi số đã ban hành"),
                   audit=A.DECISION_RECORD, slug="ky"),
        Transition(S.DRAFT, CANCEL, S.CANCELLED, (Perm.DECISION_CHANGE,), needs_reason=True,
                   verb=_("hủy dự thảo"), audit=A.DECISION_CANCEL, slug="huy-du-thao"),
        Transition(S.DRAFT, ISSUE, S.SIGNED),
    ],
    # A decision recorded from outside has no authority in the tree: nobody signs it here.
    units=_UNITS,
    authorise=_authorise,
    blocked=lambda actor, decision, row: wrong_kind(decision, row.action),
    wrong_state=NOT_A_DRAFT, needs_reason=CANCEL_REASON_REQUIRED,
    view_name="decisions:transition",
))


def check(actor, decision: Decision, action: str, *, reason: str = "") -> Transition:
    """`DECISIONS.check`, asked as the services always have: a decision of the wrong kind is
    refused to the unit that keeps it before anything else; then the actor's right, so a user
    without it learns nothing about the decision's state (a logged 403)."""
    refusal = wrong_kind(decision, action)
    if refusal is not None:
        access.policy(Decision).require(actor, decision, Perm.DECISION_CHANGE)
        raise refusal
    if not DECISIONS.holds_role(actor, decision, action):
        access.refuse(actor, f"decision.{action}", decision)
    return DECISIONS.check(actor, decision, action, reason=reason)


def action_for(decision: Decision, slug: str) -> str | None:
    """The action behind SLUG on DECISION's page: `ky` signs a decision of thidua and records
    one issued outside."""
    action = DECISIONS.by_slug(slug)
    if action in (SIGN, RECORD):
        return RECORD if decision.is_external else SIGN
    return action if action == CANCEL else None
