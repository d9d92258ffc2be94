"""The unit's side (submit, resubmit, cancel) and the authority's review (receive, assign,
accept or exclude items, return)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from thidua.core import access
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import display_name
from thidua.dossiers import audit_actions as A
from thidua.dossiers import checks, desks
from thidua.dossiers.handoffs import ASK_HEAD
from thidua.dossiers.machines import DOSSIERS, ITEMS
from thidua.dossiers.models import LIVE_ITEM_STATES, Dossier, DossierItem, ItemState
from thidua.dossiers.services import common
from thidua.dossiers.services.common import AUDIT_LIST_MAX
from thidua.dossiers.services.messages import (
    ACCEPT_FLAGGED,
    ALREADY_PROPOSED,
    ASSIGNEE_NOT_REVIEWER,
    DUPLICATE_UNJUSTIFIED,
    EMPTY_DOSSIER,
    EXCLUDE_NEEDS_REASON,
    INELIGIBLE_UNJUSTIFIED,
    ITEM_NOT_REVIEWABLE,
    ITEM_RETURN_NEEDS_REASON,
    MISSING_DOCUMENTS,
    NOTHING_SELECTED,
    QUOTA_UNJUSTIFIED,
    RETURN_CODE_UNKNOWN,
    RETURN_FIELD_UNKNOWN,
    RETURN_NEEDS_REASON,
    RETURN_OTHER_NEEDS_COMMENT,
    WRONG_STATE,
)
from thidua.dossiers.services.transitions import _apply, _lock_for, _reviewing, may
from thidua.dossiers.workflow import workflow
from thidua.notices import handoffs

# An officer's request to the head (`dossier_ask_head`): no move of the machine, an event told.
ASK_HEAD_WORDS = _("đề nghị thủ trưởng ký, trình")
NOTE_MAX = 200  # the note rides in the head's notice, whose title holds 300 characters

IS = ItemState


# --- the unit's side: submit, resubmit, cancel ------------------------------------------------


def _submission_problems(d: Dossier, items: list[DossierItem], quota_justification: str,
                         quota: bool = True) -> tuple[list[str], list]:
    """Everything that blocks sending ITEMS (the live ones), with the quota excesses (an
    unjustified excess too, unless QUOTA is False: the head justifies it when submitting)."""
    live = [i for i in items if i.state in LIVE_ITEM_STATES]
    problems: list[str] = []
    if not live:
        return [str(EMPTY_DOSSIER)], []
    ineligible = [i for i in live if checks.INELIGIBLE in i.unjustified_flags]
    if ineligible:
        problems.append(INELIGIBLE_UNJUSTIFIED % common.names(ineligible))
    duplicate = [i for i in live if checks.DUPLICATE in i.unjustified_flags]
    if duplicate:
        problems.append(DUPLICATE_UNJUSTIFIED % common.names(duplicate))
    contradicted = [i for i in live if checks.CONTRADICTS in i.unjustified_flags]
    if contradicted:
        problems.extend(w["message"] for i in contradicted for w in i.warnings if w["code"] == checks.CONTRADICTS)
    missing = checks.missing_documents(checks.checklist(live, list(d.documents.all())))
    if missing:
        problems.append(MISSING_DOCUMENTS % "; ".join(missing))
    excesses = checks.quotas(d.year, live)
    if quota and excesses and not (quota_justification or d.quota_justification).strip():
        problems.append(QUOTA_UNJUSTIFIED % " ".join(e.message for e in excesses))
    return [str(p) for p in problems], excesses


def _raise_problems(problems: list[str]) -> None:
    if problems:
        raise ApplicationError(problems[0], {"problems": problems})


def _record_quota(actor, d: Dossier, excesses, justification: str) -> None:
    d.quota_snapshot = checks.quota_json(excesses)
    justification = (justification or "").strip()
    if excesses and justification and justification != d.quota_justification:
        d.quota_justification, d.quota_justified_by, d.quota_justified_at = justification, actor, common.now()


def _checked_to_send(actor, dossier: Dossier, action: str, comment: str, quota_justification: str):
    """Lock DOSSIER and check it for ACTION (submit, resubmit): the checks run again, all
    the problems are refused at once, the quota justification is kept. Returns the locked
    dossier, the table's row, its items and the quota excesses."""
    d, t = _lock_for(actor, dossier, action, comment)
    items = common.refresh(d, common.items_of(d), rejudge=True)
    problems, excesses = _submission_problems(d, items, quota_justification)
    _raise_problems(problems)
    _record_quota(actor, d, excesses, quota_justification)
    return d, t, items, excesses


@transaction.atomic
def dossier_submit(*, actor, dossier: Dossier, reason: str = "", quota_justification: str = "") -> Dossier:
    """The head sends the draft to the receiving authority. The checks run again first:
    every flagged item (ineligible, duplicate) needs its justification, every required
    document must be present, and a list exceeding a quota needs QUOTA_JUSTIFICATION
    (kept, with who and when). All the problems are listed in `extra["problems"]`."""
    d, t, items, excesses = _checked_to_send(actor, dossier, "submit", reason, quota_justification)
    d.submitted_at = common.now()
    return _apply(actor, d, t, comment=reason,
                  detail={"items": len(items), "quota": [e.message for e in excesses]})


@transaction.atomic
def dossier_ask_head(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    """The officer who made DOSSIER asks the unit's head to sign its tờ trình and submit it
    (or send it back, once corrected): the head alone holds `dossier.submit`. Only while
    the officer may edit it (a draft, or returned), and once the checks the head would meet
    pass, but the quota justification (the head's own). The dossier does not move: the head
    is told (docs/notices.md, `dossier.ask_head`) until it is submitted or cancelled."""
    d = common.lock(dossier)
    if not may(actor, d, "edit"):
        access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
        raise ApplicationError(WRONG_STATE % {"action": ASK_HEAD_WORDS, "state": d.get_state_display()})
    items = common.refresh(d, common.items_of(d), rejudge=True)
    _raise_problems(_submission_problems(d, items, "", quota=False)[0])
    note = " ".join((note or "").split())[:NOTE_MAX]
    common.record(actor=actor, action=A.DOSSIER_ASK_HEAD, target=d, unit_path=d.unit.path,
                  after={"items": len(items)}, reason=note)
    handoffs.announce(DOSSIERS.name, d, ASK_HEAD, actor=actor, reason=note)
    return d


@transaction.atomic
def dossier_resubmit(*, actor, dossier: Dossier, reason: str = "", quota_justification: str = "") -> Dossier:
    """Send a returned dossier back after correction: the returned items become pending
    again (marked, so the reviewer sees what to look at), the accepted ones stay accepted;
    the review clock starts again. The same checks as `dossier_submit`."""
    d, t, items, _excesses = _checked_to_send(actor, dossier, "resubmit", reason, quota_justification)
    now = common.now()
    returned = [i for i in items if i.state == IS.RETURNED]
    for item in returned:
        ITEMS.shift(item, "resubmit")
        item.resubmitted_at = now
    common.save_grouped(returned, ["state", "resubmitted_at"])
    return _apply(actor, d, t, comment=reason,
                  detail={"corrected": [i.subject_name for i in returned][:AUDIT_LIST_MAX]})


@transaction.atomic
def dossier_cancel(*, actor, dossier: Dossier, reason: str) -> Dossier:
    """The unit withdraws a draft or returned dossier; its items stop being live."""
    d, t = _lock_for(actor, dossier, "cancel", reason)
    ITEMS.shift_all(d.items.all(), "withdraw")
    return _apply(actor, d, t, comment=reason)


# --- the authority's side: receive, review, return ----------------------------------------------


def _check_reviewer(d: Dossier, user) -> None:
    if not desks.acts(user, Perm.DOSSIER_REVIEW, d):
        raise ApplicationError(ASSIGNEE_NOT_REVIEWER % display_name(user), {"field": "assignee"})


@transaction.atomic
def dossier_receive(*, actor, dossier: Dossier, assignee=None, reason: str = "") -> Dossier:
    """The receiving secretariat takes the dossier in and assigns a reviewer (the actor by
    default); the statutory review time starts."""
    d, t = _lock_for(actor, dossier, "receive", reason)
    assignee = assignee or actor
    _check_reviewer(d, assignee)
    d.received_at, d.assigned_to = common.now(), assignee
    d = _apply(actor, d, t, comment=reason, detail={"assigned_to": display_name(assignee)})
    # The day of receipt decides under which law the items are judged (a law changed in between).
    common.refresh(d, common.items_of(d), rejudge=True)
    return d


@transaction.atomic
def dossier_assign(*, actor, dossier: Dossier, assignee) -> Dossier:
    d = common.lock(dossier)
    if not _reviewing(actor, d):
        desks.require(actor, Perm.DOSSIER_REVIEW, d)
        state = common.state_label(d.state)
        raise ApplicationError(WRONG_STATE % {"action": common.vi(_("phân công")), "state": state})
    _check_reviewer(d, assignee)
    before = {"assigned_to": display_name(d.assigned_to)}
    d.assigned_to = assignee
    d.save(update_fields=["assigned_to", "updated_at"])
    common.record(actor=actor, action=A.DOSSIER_ASSIGN, target=d, unit_path=d.unit.path, before=before,
                  after={"assigned_to": display_name(assignee)})
    return d


def _dossier_items(d: Dossier, wanted: Iterable) -> list[DossierItem]:
    pks = [getattr(w, "pk", w) for w in wanted]
    found = {i.pk: i for i in d.items.filter(pk__in=pks)}
    if len(found) != len(set(pks)):
        raise ApplicationError(NOTHING_SELECTED)
    return [found[pk] for pk in dict.fromkeys(pks)]


@transaction.atomic
def dossier_accept_items(*, actor, dossier: Dossier, accept: Iterable = (), exclude: Mapping | None = None,
                         reason: str = "") -> Dossier:
    """The reviewer's verdict on items (DossierItems or pks): ACCEPT (to be sent on) or
    EXCLUDE ({item: reason}: not sent on). Items pending, accepted or excluded may be
    (re)decided while the dossier is under review; a flagged item is accepted only once
    justified (by the unit, or by the reviewer through `dossier_item_justify`)."""
    d, t = _lock_for(actor, dossier, "accept", reason)
    exclude = dict(exclude or {})
    accepted = _dossier_items(d, accept)
    excluded = _dossier_items(d, exclude.keys())
    if not accepted and not excluded:
        raise ApplicationError(NOTHING_SELECTED)
    reviewable = (IS.PENDING, IS.ACCEPTED, IS.EXCLUDED)
    now = common.now()
    for item in accepted + excluded:
        if item.state not in reviewable:
            raise ApplicationError(ITEM_NOT_REVIEWABLE % {"name": item.subject_name,
                                                          "state": common.vi(IS(item.state).label)})
    for item in accepted:
        if item.unjustified_flags:
            raise ApplicationError(ACCEPT_FLAGGED % item.subject_name)
        ITEMS.shift(item, "accept")
        item.reviewed_at, item.reviewed_by = now, actor
    reasons = {getattr(k, "pk", k): (v or "").strip() for k, v in exclude.items()}
    for item in excluded:
        if not reasons[item.pk]:
            raise ApplicationError(EXCLUDE_NEEDS_REASON % item.subject_name, {"field": "exclude"})
        ITEMS.shift(item, "exclude")
        item.reviewed_at, item.reviewed_by, item.review_note = now, actor, reasons[item.pk]
    try:
        with transaction.atomic():
            common.save_grouped(accepted + excluded, ["state", "reviewed_at", "reviewed_by", "review_note"])
    except IntegrityError:  # an excluded item taken back while proposed elsewhere meanwhile
        raise ApplicationError(ALREADY_PROPOSED % common.names(accepted)) from None
    return _apply(actor, d, t, comment=reason, detail={
        "accepted": [i.subject_name for i in accepted][:AUDIT_LIST_MAX],
        "excluded": [f"{i.subject_name}: {i.review_note}" for i in excluded][:AUDIT_LIST_MAX]})


@dataclass(frozen=True)
class ReturnNote:
    """Why one item is returned: reason codes (workflow `return_reasons`), the fields to
    correct (workflow `return_fields`) and a comment."""

    codes: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    comment: str = ""


def _check_codes(codes, target: str, comment: str) -> list[str]:
    reasons = workflow().return_reasons
    out = list(dict.fromkeys(codes))
    for code in out:
        if code not in reasons or target not in reasons[code].targets:
            raise ApplicationError(RETURN_CODE_UNKNOWN % code, {"field": "codes"})
    if "khac" in out and not comment.strip():
        raise ApplicationError(RETURN_OTHER_NEEDS_COMMENT, {"field": "comment"})
    return out


@transaction.atomic
def dossier_return(*, actor, dossier: Dossier, items: Mapping | None = None, codes: Iterable[str] = (),
                   reason: str = "") -> Dossier:
    """Send the dossier back for correction. ITEMS maps DossierItems (or pks) to a
    `ReturnNote`; CODES and COMMENT are about the dossier as a whole (missing or malformed
    documents). At least one reason is needed. Only the returned items (and the documents)
    are corrected by the unit; after resubmission only they are reviewed again."""
    d, t = _lock_for(actor, dossier, "return", "-")  # the reason is checked below, wherever it is given
    notes = {getattr(k, "pk", k): v for k, v in (items or {}).items()}
    reason = (reason or "").strip()
    codes = _check_codes(codes, "dossier", reason)
    if not (notes or reason or codes):  # a returned item without a reason is named below
        raise ApplicationError(RETURN_NEEDS_REASON, {"field": "comment"})
    returned = _dossier_items(d, notes.keys())
    now = common.now()
    fields_known = workflow().return_fields
    for item in returned:
        note = notes[item.pk]
        if item.state not in (IS.PENDING, IS.ACCEPTED):
            raise ApplicationError(ITEM_NOT_REVIEWABLE % {"name": item.subject_name,
                                                          "state": common.vi(IS(item.state).label)})
        for f in note.fields:
            if f not in fields_known:
                raise ApplicationError(RETURN_FIELD_UNKNOWN % f, {"field": "fields"})
        if not (note.codes or note.comment.strip()):
            raise ApplicationError(ITEM_RETURN_NEEDS_REASON % item.subject_name, {"field": "comment"})
        item.return_codes = _check_codes(note.codes, "item", note.comment)
        item.return_fields, item.return_comment = list(dict.fromkeys(note.fields)), note.comment.strip()
        ITEMS.shift(item, "return")
        item.returned_at, item.returned_by, item.resubmitted_at = now, actor, None
    common.save_grouped(returned, ["return_codes", "return_fields", "return_comment", "state", "returned_at",
                                   "returned_by", "resubmitted_at"])
    d.return_codes, d.return_comment = codes, reason
    labels = workflow().return_reasons
    detail = {
        "codes": [labels[c].label for c in codes],
        "items": [{"name": i.subject_name, "kind": i.kind,
                   "reasons": [labels[c].label for c in i.return_codes], "comment": i.return_comment}
                  for i in returned][:AUDIT_LIST_MAX],
    }
    return _apply(actor, d, t, comment=reason, detail=detail)
