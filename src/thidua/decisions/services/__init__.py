"""Writes: drafting, signing, cancelling and revoking decisions, and the fund ledger.

Every service checks the actor's role over the decision's unit, locks what it changes,
writes, and records an AuditEvent in the same transaction. Issuing records the number the
văn thư registered and the leader who signed, creates the decision's Document (with the
signed copy) and writes the Award rows and the fund payments in one transaction: a
decision is either issued with everything, or not at all.

The package follows the life of a decision: `common` (messages, authorities, the draft
check), `drafting`, `numbering`, `signatories` (the leaders who sign, the capacity printed), `signing` (with the
money rule), `revocation`; every
name other apps and tests use is importable from here."""

from thidua.core.errors import ApplicationError
from thidua.decisions.machines import (  # the machine's refusals, worded with the others
    CANCEL_REASON_REQUIRED,
    EXTERNAL_ONLY,
    INTERNAL_ONLY,
    NOT_A_DRAFT,
)
from thidua.decisions.services.common import (
    AUTHORITY_LEVELS,
    AUTHORITY_REQUIRED,
    DECISION_FIELDS,
    DIFFERENCE_NOTE,
    DOSSIER_ELSEWHERE,
    DOSSIER_EMPTY,
    ISSUED_BEFORE_YEAR,
    ISSUED_IN_FUTURE,
    JUSTIFICATION_BY_DECIDER,
    JUSTIFICATION_REQUIRED,
    KIND_NOT_FOR_AUTHORITY,
    NEEDS_ONE_SUBJECT,
    NO_RECIPIENTS,
    NOT_AN_AUTHORITY,
    NOT_HIGHEST_NOTE,
    NUMBER_MAX,
    NUMBER_REQUIRED,
    NUMBER_TAKEN,
    NUMBER_TOO_BIG,
    PERIOD_INVALID,
    RECIPIENT_TWICE,
    REJECTED_BY_COUNCIL,
    REVOCATION_SUMMARY,
    REVOKE_AUTHORITY,
    REVOKE_NOT_FROM_DECISION,
    REVOKE_NOTHING,
    SIGNER_NAME_REQUIRED,
    SIGNER_TITLE_REQUIRED,
    SUBJECT_OUT_OF_SCOPE,
    SUBJECT_OUTSIDE_AUTHORITY,
    SUMMARY_REQUIRED,
    SYMBOL_INVALID,
    UNJUSTIFIED_LINES,
    RecipientSpec,
    default_symbol,
    may_decide,
)
from thidua.decisions.services.drafting import (
    decision_add_dossier,
    decision_add_recipients,
    decision_cancel,
    decision_draft,
    decision_remove_recipient,
    decision_update,
)
from thidua.decisions.services.numbering import (
    ISSUED_NUMBER_TAKEN,
    NUMBER_TEXT_INVALID,
    SIGNED_FILE_PRESENT,
    last_number,
)
from thidua.decisions.services.provenance import (
    decision_justify_line,
    may_justify,
    unjustified,
)
from thidua.decisions.services.revocation import (
    decision_revoke,
    may_revoke,
)
from thidua.decisions.services.signatories import (
    capacities,
    capacity_text,
    head_title,
    rules_of,
    signatory_add,
    signatory_update,
    signing_rules_update,
)
from thidua.decisions.services.signing import (
    decision_attach_signed,
    decision_issue,
    decision_record_issued,
)

__all__ = [
    "AUTHORITY_LEVELS",
    "AUTHORITY_REQUIRED",
    "CANCEL_REASON_REQUIRED",
    "DECISION_FIELDS",
    "DIFFERENCE_NOTE",
    "DOSSIER_ELSEWHERE",
    "DOSSIER_EMPTY",
    "EXTERNAL_ONLY",
    "INTERNAL_ONLY",
    "ISSUED_BEFORE_YEAR",
    "ISSUED_IN_FUTURE",
    "ISSUED_NUMBER_TAKEN",
    "JUSTIFICATION_BY_DECIDER",
    "JUSTIFICATION_REQUIRED",
    "KIND_NOT_FOR_AUTHORITY",
    "NEEDS_ONE_SUBJECT",
    "NOT_AN_AUTHORITY",
    "NOT_A_DRAFT",
    "NOT_HIGHEST_NOTE",
    "NO_RECIPIENTS",
    "NUMBER_MAX",
    "NUMBER_REQUIRED",
    "NUMBER_TAKEN",
    "NUMBER_TEXT_INVALID",
    "NUMBER_TOO_BIG",
    "PERIOD_INVALID",
    "RECIPIENT_TWICE",
    "REJECTED_BY_COUNCIL",
    "REVOCATION_SUMMARY",
    "REVOKE_AUTHORITY",
    "REVOKE_NOTHING",
    "REVOKE_NOT_FROM_DECISION",
    "SIGNED_FILE_PRESENT",
    "SIGNER_NAME_REQUIRED",
    "SIGNER_TITLE_REQUIRED",
    "SUBJECT_OUTSIDE_AUTHORITY",
    "SUBJECT_OUT_OF_SCOPE",
    "SUMMARY_REQUIRED",
    "SYMBOL_INVALID",
    "UNJUSTIFIED_LINES",
    "ApplicationError",
    "RecipientSpec",
    "capacities",
    "capacity_text",
    "decision_add_dossier",
    "decision_add_recipients",
    "decision_attach_signed",
    "decision_cancel",
    "decision_draft",
    "decision_issue",
    "decision_justify_line",
    "decision_record_issued",
    "decision_remove_recipient",
    "decision_revoke",
    "decision_update",
    "default_symbol",
    "head_title",
    "last_number",
    "may_decide",
    "may_justify",
    "may_revoke",
    "rules_of",
    "signatory_add",
    "signatory_update",
    "signing_rules_update",
    "unjustified",
]
