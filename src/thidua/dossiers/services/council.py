"""The council and the decision: to the council, recall, the votes, the decision marks
and the refusal (the ★ services of the councils and decisions apps)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name
from thidua.dossiers import audit_actions as A
from thidua.dossiers import checks
from thidua.dossiers.machines import DOSSIERS, ITEMS
from thidua.dossiers.models import LIVE_ITEM_STATES, Dossier, DossierEvent, DossierItem, DossierState, ItemState
from thidua.dossiers.services import common
from thidua.dossiers.services.common import AUDIT_LIST_MAX
from thidua.dossiers.services.consultation import _require_reviewed, consultation_items
from thidua.dossiers.services.messages import (
    ACCEPT_FLAGGED,
    ALL_REJECTED,
    AWARD_MISMATCH,
    CENTRAL_FORWARD,
    CONSULTATION_REQUIRED,
    DECIDED_NOT_APPROVED,
    NOTHING_APPROVED,
    NOTHING_SELECTED,
    VOTE_LOWER_INVALID,
    VOTE_NOT_ON_AGENDA,
    VOTE_OUTCOME_INVALID,
)
from thidua.dossiers.services.transitions import _apply, _lock_for

S, IS = DossierState, ItemState


# --- council, decision ------------------------------------------------------------------------


@transaction.atomic
def dossier_to_council(*, actor, dossier: Dossier, reason: str = "") -> Dossier:
    """Send the accepted items to the council. Every item must be reviewed, the checks run
    again (an accepted item flagged since needs a justification), and the items requiring
    public consultation must have been through it."""
    d, t = _lock_for(actor, dossier, "to_council", reason)
    items = common.refresh(d, common.items_of(d), rejudge=True)
    accepted = _require_reviewed(items)
    flagged = [i for i in accepted if i.unjustified_flags]
    if flagged:
        raise ApplicationError(ACCEPT_FLAGGED % common.names(flagged))
    needing = consultation_items(accepted)
    if needing and (d.consultation_closed_at is None or any(i.published_at is None for i in needing)):
        raise ApplicationError(CONSULTATION_REQUIRED % common.names(needing))
    return _apply(actor, d, t, comment=reason,
                  detail={"items": [i.subject_name for i in accepted][:AUDIT_LIST_MAX]})


@transaction.atomic
def dossier_recall(*, actor, dossier: Dossier, reason: str) -> Dossier:
    d, t = _lock_for(actor, dossier, "recall", reason)
    return _apply(actor, d, t, comment=reason)


AGREE, DISAGREE, LOWER = "agree", "disagree", "lower"


@dataclass(frozen=True)
class VoteResult:
    """The council's result for one item: AGREE, DISAGREE or LOWER (agree with the lower
    form `lower_kind`); `tally` is whatever the council app wants kept (counts, share,
    quorum), stored as JSON with the item."""

    outcome: str
    lower_kind: str = ""
    tally: Mapping = field(default_factory=dict)


@transaction.atomic
def dossier_record_votes(*, actor, dossier: Dossier, results: Mapping, reason: str = "", reference: str = "",
                         meeting=None) -> Dossier:
    """★ For the councils app: record the council's results (RESULTS: {DossierItem or pk:
    VoteResult}) for items sent to it. Approved items (`final_kind` is the lower form when
    voted so) go on to the decision; the others are rejected. A meeting may take some of a
    dossier's items: the dossier becomes ``voted`` when the last of its accepted items has
    a result (until then the results are kept and the timeline says so). REFERENCE (or
    MEETING, printed) names the meeting or its minutes. Refused: an item not on the
    dossier's list for the council, an unknown outcome, a "lower form" that is not lower,
    not for that subject or not decided at the dossier's level."""
    d, t = _lock_for(actor, dossier, "record_votes", reason)
    reference = reference or (str(meeting) if meeting is not None else "")
    results = {getattr(k, "pk", k): v for k, v in results.items()}
    on_agenda = {i.pk: i for i in common.items_of(d) if i.state == IS.ACCEPTED}
    stray = [pk for pk in results if pk not in on_agenda]
    if stray:
        item = DossierItem.objects.filter(pk=stray[0]).first()
        raise ApplicationError(VOTE_NOT_ON_AGENDA % (item.subject_name if item else stray[0]))
    if not results:
        raise ApplicationError(NOTHING_SELECTED)
    known = checks.kinds()
    voted = []
    for pk, result in results.items():
        item = on_agenda[pk]
        if result.outcome not in (AGREE, DISAGREE, LOWER):
            raise ApplicationError(VOTE_OUTCOME_INVALID % result.outcome)
        item.approved_kind = ""
        if result.outcome == LOWER:
            lower, proposed = known.get(result.lower_kind), known.get(item.kind)
            if (lower is None or proposed is None or lower.rank >= proposed.rank
                    or not lower.accepts(item.subject_kind) or d.authority_level not in lower.authority_levels):
                raise ApplicationError(VOTE_LOWER_INVALID % {"code": result.lower_kind, "name": item.subject_name})
            item.approved_kind = result.lower_kind
        ITEMS.shift(item, "reject" if result.outcome == DISAGREE else "approve")
        item.vote = {"outcome": result.outcome, "lower_kind": result.lower_kind, "tally": dict(result.tally),
                     "reference": reference}
        voted.append(item)
    common.save_grouped(voted, ["state", "approved_kind", "vote"])
    summary = {out: sum(1 for r in results.values() if r.outcome == out) for out in (AGREE, LOWER, DISAGREE)}
    detail = {"votes": summary, "reference": reference}
    if len(voted) < len(on_agenda):  # more items wait for a later meeting
        waiting = len(on_agenda) - len(voted)
        DossierEvent.objects.create(dossier=d, actor=actor if getattr(actor, "pk", None) else None,
                                    action="record_votes", from_state=d.state, to_state=d.state,
                                    comment=(reason or "").strip(), detail={**detail, "waiting": waiting},
                                    due_on=d.due_on)
        common.record(actor=actor, action=A.DOSSIER_RECORD_VOTES, target=d, unit_path=d.unit.path,
                      after={**detail, "waiting": waiting}, reason=(reason or "").strip())
        return d
    d = _apply(actor, d, t, comment=reason, detail=detail)
    if not d.items.filter(state=IS.APPROVED).exists():
        # Nothing passed: the dossier closes here with its reason rather than waiting for a
        # decision that cannot award anyone.
        d.decided_at = common.now()
        d = _apply(actor, d, DOSSIERS.row(S.VOTED, "refuse"), comment=str(ALL_REJECTED), due_on=None,
                   detail={"refused": 0})
    return d


@transaction.atomic
def dossier_mark_decision_drafted(*, actor, dossier: Dossier, reference: str = "", reason: str = "") -> Dossier:
    """★ For the decisions app: a decision for the approved items has been drafted
    (REFERENCE: its draft number or id). Not for a central-level dossier (forward it)."""
    d, t = _lock_for(actor, dossier, "draft_decision", reason)
    if d.is_central:
        raise ApplicationError(CENTRAL_FORWARD)
    if not d.items.filter(state=IS.APPROVED).exists():
        raise ApplicationError(NOTHING_APPROVED)
    return _apply(actor, d, t, comment=reason, detail={"reference": reference})


@transaction.atomic
def dossier_mark_decided(*, actor, dossier: Dossier, awards: Mapping, decision_number: str = "",
                         reason: str = "") -> Dossier:
    """★ For the decisions app, in the transaction that writes the Award rows: the decision
    is signed. AWARDS maps each decided item (DossierItem or pk) to its Award (or None when
    the ledger row is written elsewhere); every other item waiting for the decision is
    refused. An Award must match the item's subject and `final_kind`."""
    d, t = _lock_for(actor, dossier, "decide", reason)
    waiting_state = IS.PENDING if d.state == S.SENT else IS.APPROVED
    waiting = {i.pk: i for i in common.items_of(d) if i.state == waiting_state}
    awards = {getattr(k, "pk", k): v for k, v in awards.items()}
    for pk, award in awards.items():
        item = waiting.get(pk)
        if item is None:
            other = DossierItem.objects.filter(pk=pk).first()
            raise ApplicationError(DECIDED_NOT_APPROVED % (other.subject_name if other else pk))
        if award is not None and (award.kind != item.final_kind or award.person_id != item.person_id
                                  or award.unit_id != item.unit_id):
            raise ApplicationError(AWARD_MISMATCH % item.subject_name)
    decided, refused = [], []
    for pk, item in waiting.items():
        if pk in awards:
            award = awards[pk]
            ITEMS.shift(item, "decide")
            item.award = award
            item.decision_number = clean_name(decision_number) or (award.decision_number if award else "")
            decided.append(item)
        else:
            ITEMS.shift(item, "refuse")
            refused.append(item)
    common.save_grouped(decided + refused, ["state", "award", "decision_number"])
    d.decided_at = common.now()
    return _apply(actor, d, t, comment=reason, detail={
        "decision_number": decision_number, "decided": len(decided), "refused": len(refused)})


@transaction.atomic
def dossier_refuse(*, actor, dossier: Dossier, reason: str) -> Dossier:
    """★ For the decisions app: the authority refuses the dossier (REASON required); every
    item still waiting is refused."""
    d, t = _lock_for(actor, dossier, "refuse", reason)
    waiting = list(d.items.filter(state__in=LIVE_ITEM_STATES))
    for item in waiting:
        ITEMS.shift(item, "refuse")
    common.save_grouped(waiting, ["state"])
    d.decided_at = common.now()
    return _apply(actor, d, t, comment=reason, detail={"refused": len(waiting)})
