"""Publishing: an issued award decision and its list put on the public portal, or taken off.

Publishing is the secretariat's explicit act (the desk its authority belongs to, the one that
records the decision as issued: `decision.issue`), audited, and never automatic: issuing a
decision publishes nothing. It is not a state of the decision's machine — a published
decision is still the same signed decision — so it is two fields (`published_at`,
`published_by`) and two services, each locking the row and writing one audit event.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.decisions import audit_actions as A
from thidua.decisions.models import Decision, DecisionKind, DecisionState
from thidua.decisions.services.common import _lock
from thidua.dossiers import desks

NOT_PUBLISHABLE = _("Chỉ quyết định khen thưởng đã ký ban hành mới được công khai.")
ALREADY_PUBLISHED = _("Quyết định này đã được công khai.")
NOT_PUBLISHED = _("Quyết định này chưa được công khai.")
PUBLISH_FIELDS = ["published_at", "published_by"]


def may_publish(actor, decision: Decision) -> bool:
    """Whether ACTOR publishes DECISION: the desk of its authority that records its decisions
    as issued (`decision.issue`; for a decision recorded from outside, over the unit that
    keeps it). Asked without logging; the state is not looked at."""
    path = decision.authority.path if decision.authority_id else decision.unit.path
    return desks.acts_at(actor, Perm.DECISION_ISSUE, path)


def _check(actor, decision: Decision, what: str) -> None:
    # The right first: a user without it learns nothing about the decision's state.
    if not may_publish(actor, decision):
        access.refuse(actor, what, decision)
    if decision.state != DecisionState.SIGNED or decision.kind != DecisionKind.AWARD:
        raise ApplicationError(NOT_PUBLISHABLE)


@transaction.atomic
def decision_publish(*, actor, decision: Decision) -> Decision:
    """Put DECISION (a signed award decision) and its list on the public portal, as ACTOR.

    Raises PermissionDenied unless `may_publish`; ApplicationError for a draft, a cancelled
    or a revocation decision (NOT_PUBLISHABLE) and for one already published."""
    decision = _lock(decision)
    _check(actor, decision, A.DECISION_PUBLISH)
    if decision.published_at is not None:
        raise ApplicationError(ALREADY_PUBLISHED)
    before = audit.snapshot(decision, PUBLISH_FIELDS)
    decision.published_at, decision.published_by = timezone.now(), actor
    decision.save(update_fields=PUBLISH_FIELDS)
    audit.record(actor=actor, action=A.DECISION_PUBLISH, target=decision, unit_path=decision.unit.path,
                 before=before, after=audit.snapshot(decision, PUBLISH_FIELDS))
    return decision


@transaction.atomic
def decision_unpublish(*, actor, decision: Decision, reason: str = "") -> Decision:
    """Take DECISION off the public portal, as ACTOR, for REASON (optional). The same right
    as publishing; ApplicationError when it is not published."""
    decision = _lock(decision)
    _check(actor, decision, A.DECISION_UNPUBLISH)
    if decision.published_at is None:
        raise ApplicationError(NOT_PUBLISHED)
    before = audit.snapshot(decision, PUBLISH_FIELDS)
    decision.published_at, decision.published_by = None, None
    decision.save(update_fields=PUBLISH_FIELDS)
    audit.record(actor=actor, action=A.DECISION_UNPUBLISH, target=decision, unit_path=decision.unit.path,
                 before=before, after=audit.snapshot(decision, PUBLISH_FIELDS), reason=(reason or "").strip())
    return decision
