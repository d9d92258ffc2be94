"""Dossier writes: building a dossier, every workflow transition, the public consultation.

Every service is keyword-only, takes `actor`, runs in one transaction, locks the dossier
it changes, checks the actor's permission, writes, records one `AuditEvent` (and, for a
transition, one `DossierEvent` line of the timeline). Refusals are `ApplicationError`
with a Vietnamese message (the constants below; `extra["problems"]` lists every problem
when a submission is blocked for several reasons) or `PermissionDenied`.

Building (DOSSIER_CHANGE over the unit, while the dossier is a draft — or, returned, for what
was returned): `dossier_create`, `dossier_update`, `dossier_add_items` (ItemInput: from the
eligibility list, a bloc proposal or by hand; verdicts judged in bulk), `dossier_item_update`,
`dossier_item_justify` (the unit, or the reviewing secretariat), `dossier_item_remove`,
`dossier_document_add` / `dossier_document_remove`, `dossier_check` (judge again),
`dossier_ask_head` (the officer asks the head, who alone submits, to sign and submit: no
move, the head is told). The
receiving side: `dossier_assign`. The public consultation: `opinion_submit` (no account),
`opinion_moderate`, `opinion_handle` (DOSSIER_REVIEW over the receiving unit).

Transitions (`dossiers.machines.DOSSIERS`, the table in data/workflows/dossier.yaml; the items
move with their dossier along `machines.ITEMS`) — the services other apps call are marked ★:

=========================  ===========================  =====================================
service                    moves                        who (permission, over)
=========================  ===========================  =====================================
dossier_submit             draft → submitted            DOSSIER_SUBMIT, unit
dossier_receive            submitted → received         DOSSIER_REVIEW, authority
dossier_accept_items       received/under_review →      DOSSIER_REVIEW, authority
                           under_review
dossier_return             → returned                   DOSSIER_REVIEW, authority
dossier_resubmit           returned → under_review      DOSSIER_SUBMIT, unit
dossier_open_consultation  under_review → consultation  DOSSIER_REVIEW, authority
dossier_close_consultation consultation → under_review  DOSSIER_REVIEW, authority
dossier_to_council         under_review → to_council    DOSSIER_REVIEW, authority
dossier_recall             to_council → under_review    DOSSIER_REVIEW, authority
★ dossier_record_votes     to_council → voted           DOSSIER_REVIEW or COUNCIL_VOTE, authority
★ dossier_mark_decision_drafted  voted → decision_drafted  DECISION_CHANGE, authority
★ dossier_mark_decided     decision_drafted/sent →      DECISION_SIGN or DECISION_CHANGE,
                           decided                      authority
★ dossier_refuse           voted/decision_drafted/sent  DECISION_SIGN or DECISION_CHANGE,
                           → refused                    authority
dossier_forward            voted → forwarded (+ a new   DOSSIER_SUBMIT, authority
                           upper-level dossier, sent,
                           with the relaying
                           authority's signed papers)
dossier_cancel             draft/returned → cancelled   DOSSIER_CHANGE, unit
=========================  ===========================  =====================================

"authority" is the receiving unit (`Dossier.authority_unit`; for a dossier sent out of the
tree, its own unit); DOSSIER_REVIEW and DECISION_CHANGE over it are asked of the desk the
dossier belongs to (`dossiers.desks`: granted on the deepest desk covering that unit).
`may(actor, dossier, action)` answers the same question for pages.
`forward_plan` checks a forward as `dossier_forward` does and says what it would make,
writing nothing (the forward page prints the relaying authority's draft tờ trình from it).

For the councils app: `dossier_record_votes(actor=, dossier=, results={item_pk: VoteResult})`
(a meeting may take some of a dossier's items; the dossier is ``voted`` once all are);
"agree with a lower form" names the lower code.
For the decisions app: `dossier_mark_decision_drafted(actor=, dossier=, reference=)`, then
`dossier_mark_decided(actor=, dossier=, awards={item_pk: Award})` in the same transaction
as the Award rows (items approved but not in AWARDS are refused), or `dossier_refuse`.
Items to decide: `selectors.items_to_decide(dossier)`; each item's `final_kind`.
"""

from thidua.dossiers.services.build import (
    ItemInput,
    default_authority_level,
    default_authority_unit,
    default_level,
    dossier_add_items,
    dossier_check,
    dossier_create,
    dossier_item_justify,
    dossier_item_remove,
    dossier_item_update,
    dossier_update,
)
from thidua.dossiers.services.common import AUDIT_KEYS, AUDIT_LIST_MAX
from thidua.dossiers.services.consultation import (
    OPINION_MAX,
    consultation_items,
    dossier_close_consultation,
    dossier_open_consultation,
    opinion_handle,
    opinion_moderate,
    opinion_submit,
    sender_hash,
)
from thidua.dossiers.services.council import (
    AGREE,
    DISAGREE,
    LOWER,
    VoteResult,
    dossier_mark_decided,
    dossier_mark_decision_drafted,
    dossier_recall,
    dossier_record_votes,
    dossier_refuse,
    dossier_to_council,
)
from thidua.dossiers.services.documents import dossier_document_add, dossier_document_remove
from thidua.dossiers.services.forward import ForwardPlan, dossier_forward, forward_plan
from thidua.dossiers.services.messages import (
    ACCEPT_FLAGGED,
    ALL_REJECTED,
    ALREADY_PROPOSED,
    ASSIGNEE_NOT_REVIEWER,
    AUTHORITY_NOT_ABOVE,
    AWARD_MISMATCH,
    CENTRAL_FORWARD,
    CONSULTATION_CLOSED,
    CONSULTATION_DAYS_INVALID,
    CONSULTATION_NOT_OVER,
    CONSULTATION_REQUIRED,
    DECIDED_NOT_APPROVED,
    DOCUMENT_KIND_UNKNOWN,
    DOCUMENT_NEEDS_ITEM,
    DOCUMENT_NOT_ITEM,
    DUPLICATE_UNJUSTIFIED,
    EMPTY_DOSSIER,
    EXCLUDE_NEEDS_REASON,
    EXTERNAL_AUTHORITIES,
    FILE_LABEL,
    FORWARD_MIXED,
    FORWARD_NOTHING_SELECTED,
    FORWARD_PAPER_MISSING,
    HANDLING_REQUIRED,
    HEADER_LOCKED,
    INELIGIBLE_UNJUSTIFIED,
    ITEM_NOT_EDITABLE,
    ITEM_NOT_REVIEWABLE,
    ITEM_RETURN_NEEDS_REASON,
    ITEMS_ONLY_IN_DRAFT,
    JUSTIFICATION_REQUIRED,
    KIND_NOT_AT_LEVEL,
    KIND_UNKNOWN,
    LEVEL_INVALID,
    LISTED_TWICE,
    MISSING_DOCUMENTS,
    MOVEMENT_UNKNOWN,
    NEEDS_REASON,
    NO_CONSULTATION_NEEDED,
    NO_FLAGS,
    NOT_CENTRAL,
    NOT_EDITABLE,
    NOTHING_ACCEPTED,
    NOTHING_APPROVED,
    NOTHING_SELECTED,
    NOTHING_TO_ADD,
    OPINION_FIELDS_REQUIRED,
    OPINION_ITEM_UNKNOWN,
    OPINION_TOO_LONG,
    OPINIONS_UNHANDLED,
    OPINIONS_UNMODERATED,
    PERIOD_INVALID,
    QUOTA_UNJUSTIFIED,
    RATE_LIMITED,
    RETURN_CODE_UNKNOWN,
    RETURN_FIELD_UNKNOWN,
    RETURN_NEEDS_REASON,
    RETURN_OTHER_NEEDS_COMMENT,
    STILL_UNREVIEWED,
    SUBJECT_NOT_ACCEPTED,
    SUBJECT_OUTSIDE,
    SUBJECT_WORDS,
    TITLE_REQUIRED,
    UNIT_CLOSED,
    VOTE_LOWER_INVALID,
    VOTE_NOT_ON_AGENDA,
    VOTE_OUTCOME_INVALID,
    WRONG_STATE,
    YEAR_INVALID,
)
from thidua.dossiers.services.review import (
    ReturnNote,
    dossier_accept_items,
    dossier_ask_head,
    dossier_assign,
    dossier_cancel,
    dossier_receive,
    dossier_resubmit,
    dossier_return,
    dossier_submit,
)
from thidua.dossiers.services.transitions import _AUDIT, ACTION_WORDS, holds_role, may

__all__ = [
    "ACCEPT_FLAGGED",
    "ACTION_WORDS",
    "AGREE",
    "ALL_REJECTED",
    "ALREADY_PROPOSED",
    "ASSIGNEE_NOT_REVIEWER",
    "AUDIT_KEYS",
    "AUDIT_LIST_MAX",
    "AUTHORITY_NOT_ABOVE",
    "AWARD_MISMATCH",
    "CENTRAL_FORWARD",
    "CONSULTATION_CLOSED",
    "CONSULTATION_DAYS_INVALID",
    "CONSULTATION_NOT_OVER",
    "CONSULTATION_REQUIRED",
    "DECIDED_NOT_APPROVED",
    "DISAGREE",
    "DOCUMENT_KIND_UNKNOWN",
    "DOCUMENT_NEEDS_ITEM",
    "DOCUMENT_NOT_ITEM",
    "DUPLICATE_UNJUSTIFIED",
    "EMPTY_DOSSIER",
    "EXCLUDE_NEEDS_REASON",
    "EXTERNAL_AUTHORITIES",
    "FILE_LABEL",
    "FORWARD_MIXED",
    "FORWARD_NOTHING_SELECTED",
    "FORWARD_PAPER_MISSING",
    "HANDLING_REQUIRED",
    "HEADER_LOCKED",
    "INELIGIBLE_UNJUSTIFIED",
    "ITEMS_ONLY_IN_DRAFT",
    "ITEM_NOT_EDITABLE",
    "ITEM_NOT_REVIEWABLE",
    "ITEM_RETURN_NEEDS_REASON",
    "JUSTIFICATION_REQUIRED",
    "KIND_NOT_AT_LEVEL",
    "KIND_UNKNOWN",
    "LEVEL_INVALID",
    "LISTED_TWICE",
    "LOWER",
    "MISSING_DOCUMENTS",
    "MOVEMENT_UNKNOWN",
    "NEEDS_REASON",
    "NOTHING_ACCEPTED",
    "NOTHING_APPROVED",
    "NOTHING_SELECTED",
    "NOTHING_TO_ADD",
    "NOT_CENTRAL",
    "NOT_EDITABLE",
    "NO_CONSULTATION_NEEDED",
    "NO_FLAGS",
    "OPINIONS_UNHANDLED",
    "OPINIONS_UNMODERATED",
    "OPINION_FIELDS_REQUIRED",
    "OPINION_ITEM_UNKNOWN",
    "OPINION_MAX",
    "OPINION_TOO_LONG",
    "PERIOD_INVALID",
    "QUOTA_UNJUSTIFIED",
    "RATE_LIMITED",
    "RETURN_CODE_UNKNOWN",
    "RETURN_FIELD_UNKNOWN",
    "RETURN_NEEDS_REASON",
    "RETURN_OTHER_NEEDS_COMMENT",
    "STILL_UNREVIEWED",
    "SUBJECT_NOT_ACCEPTED",
    "SUBJECT_OUTSIDE",
    "SUBJECT_WORDS",
    "TITLE_REQUIRED",
    "UNIT_CLOSED",
    "VOTE_LOWER_INVALID",
    "VOTE_NOT_ON_AGENDA",
    "VOTE_OUTCOME_INVALID",
    "WRONG_STATE",
    "YEAR_INVALID",
    "_AUDIT",
    "ForwardPlan",
    "ItemInput",
    "ReturnNote",
    "VoteResult",
    "consultation_items",
    "default_authority_level",
    "default_authority_unit",
    "default_level",
    "dossier_accept_items",
    "dossier_add_items",
    "dossier_ask_head",
    "dossier_assign",
    "dossier_cancel",
    "dossier_check",
    "dossier_close_consultation",
    "dossier_create",
    "dossier_document_add",
    "dossier_document_remove",
    "dossier_forward",
    "dossier_item_justify",
    "dossier_item_remove",
    "dossier_item_update",
    "dossier_mark_decided",
    "dossier_mark_decision_drafted",
    "dossier_open_consultation",
    "dossier_recall",
    "dossier_receive",
    "dossier_record_votes",
    "dossier_refuse",
    "dossier_resubmit",
    "dossier_return",
    "dossier_submit",
    "dossier_to_council",
    "dossier_update",
    "forward_plan",
    "holds_role",
    "may",
    "opinion_handle",
    "opinion_moderate",
    "opinion_submit",
    "sender_hash"
]
