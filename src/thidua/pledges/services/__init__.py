"""Writes to pledges, scoring tables and scoring rounds.

Every service is keyword-only, takes `actor` first and runs in one transaction: it locks
what it changes (the round first, then the sheet, then its scores), asks `policy.standing`
whether the actor may, checks the state and the deadlines, writes, and records one
AuditEvent. Refusals are `ApplicationError`s with the Vietnamese messages of `messages`.

One module per part of the work, each name importable from this package:
- `pledge`: a bloc's pledge for a year — create, edit, issue, return to draft, close;
- `table`: its scoring table — criterion groups and criteria, or last year's copied;
- `signing`: a member unit signs the open pledge;
- `rounds`: a scoring round — open it with its sheets, set its panel, reopen it;
- `scores`: a sheet's points — self-scoring and sending, the leader's review, the panel's;
- `evidence`: the files behind a unit's own scores;
- `ranking`: rank a round's members and lock the round;
- `states`: where other services check a pledge's or a round's state (their moves are
  the tables of `pledges.machines`);
- `messages`: the refusals, worded in one place; `common`: what the modules share.
"""

from thidua.pledges.services.common import CENT, Entry, parse_points
from thidua.pledges.services.evidence import evidence_add, evidence_remove
from thidua.pledges.services.messages import (
    ALREADY_SIGNED,
    CANNOT_RETURN_TO_DRAFT,
    CANNOT_WITHDRAW_REVIEWED,
    CRITERION_CODE_TAKEN,
    DEADLINE_PAST,
    DEADLINES_ORDER,
    DEDUCTION_OUT_OF_RANGE,
    EVIDENCE_LABEL,
    EVIDENCE_MISSING,
    GROUP_CODE_TAKEN,
    GROUP_NOT_EMPTY,
    MAX_POINTS_POSITIVE,
    NO_MEMBERS,
    NO_STANDARD_CRITERION,
    NOT_A_MEMBER,
    NOT_DRAFT,
    NOT_IN_PANEL,
    NOT_LEADER_MODE,
    NOT_PANEL_MODE,
    NOT_REVIEWED,
    NOTHING_TO_COPY,
    NOTHING_TO_RANK,
    PANEL_MEMBER_HAS_SCORED,
    PANEL_NEEDS_POINTS,
    PANEL_TOO_SMALL,
    PLEDGE_CLOSED,
    PLEDGE_EXISTS,
    PLEDGE_NOT_OPEN,
    POINTS_NOT_A_NUMBER,
    POINTS_OUT_OF_RANGE,
    POINTS_PRECISION,
    REASON_REQUIRED,
    REVIEW_DEADLINE_PASSED,
    REVIEW_NEEDS_COMMENT,
    REVIEW_NEEDS_POINTS,
    ROUND_LOCKED,
    ROUNDS_NOT_LOCKED,
    SCORE_STALE,
    SELF_DEADLINE_PASSED,
    SELF_REVIEW,
    SELF_SCORING_NOT_OVER,
    SHEET_INCOMPLETE,
    SHEET_NOT_SUBMITTED,
    SHEET_SUBMITTED,
    TABLE_NOT_EMPTY,
    UNKNOWN_CRITERION,
    YEAR_END_EXISTS,
)
from thidua.pledges.services.pledge import (
    pledge_close,
    pledge_create,
    pledge_open,
    pledge_return_to_draft,
    pledge_transition,
    pledge_update,
)
from thidua.pledges.services.ranking import round_lock, round_rank
from thidua.pledges.services.rounds import round_open, round_panel_set, round_reopen
from thidua.pledges.services.scores import (
    panel_mean,
    panel_score_set,
    score_review_set,
    score_self_set,
    score_sheet_withdraw,
)
from thidua.pledges.services.signing import pledge_sign
from thidua.pledges.services.states import review_closed_reason, self_closed_reason
from thidua.pledges.services.table import (
    criterion_delete,
    criterion_group_delete,
    criterion_group_save,
    criterion_save,
    pledge_copy_from_last_year,
)

__all__ = [
    "ALREADY_SIGNED",
    "CANNOT_RETURN_TO_DRAFT",
    "CANNOT_WITHDRAW_REVIEWED",
    "CENT",
    "CRITERION_CODE_TAKEN",
    "DEADLINES_ORDER",
    "DEADLINE_PAST",
    "DEDUCTION_OUT_OF_RANGE",
    "EVIDENCE_LABEL",
    "EVIDENCE_MISSING",
    "GROUP_CODE_TAKEN",
    "GROUP_NOT_EMPTY",
    "MAX_POINTS_POSITIVE",
    "NOTHING_TO_COPY",
    "NOTHING_TO_RANK",
    "NOT_A_MEMBER",
    "NOT_DRAFT",
    "NOT_IN_PANEL",
    "NOT_LEADER_MODE",
    "NOT_PANEL_MODE",
    "NOT_REVIEWED",
    "NO_MEMBERS",
    "NO_STANDARD_CRITERION",
    "PANEL_MEMBER_HAS_SCORED",
    "PANEL_NEEDS_POINTS",
    "PANEL_TOO_SMALL",
    "PLEDGE_CLOSED",
    "PLEDGE_EXISTS",
    "PLEDGE_NOT_OPEN",
    "POINTS_NOT_A_NUMBER",
    "POINTS_OUT_OF_RANGE",
    "POINTS_PRECISION",
    "REASON_REQUIRED",
    "REVIEW_DEADLINE_PASSED",
    "REVIEW_NEEDS_COMMENT",
    "REVIEW_NEEDS_POINTS",
    "ROUNDS_NOT_LOCKED",
    "ROUND_LOCKED",
    "SCORE_STALE",
    "SELF_DEADLINE_PASSED",
    "SELF_REVIEW",
    "SELF_SCORING_NOT_OVER",
    "SHEET_INCOMPLETE",
    "SHEET_NOT_SUBMITTED",
    "SHEET_SUBMITTED",
    "TABLE_NOT_EMPTY",
    "UNKNOWN_CRITERION",
    "YEAR_END_EXISTS",
    "Entry",
    "criterion_delete",
    "criterion_group_delete",
    "criterion_group_save",
    "criterion_save",
    "evidence_add",
    "evidence_remove",
    "panel_mean",
    "panel_score_set",
    "parse_points",
    "pledge_close",
    "pledge_copy_from_last_year",
    "pledge_create",
    "pledge_open",
    "pledge_return_to_draft",
    "pledge_sign",
    "pledge_transition",
    "pledge_update",
    "review_closed_reason",
    "round_lock",
    "round_open",
    "round_panel_set",
    "round_rank",
    "round_reopen",
    "score_review_set",
    "score_self_set",
    "score_sheet_withdraw",
    "self_closed_reason",
]
