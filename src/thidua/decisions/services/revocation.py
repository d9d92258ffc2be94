"""Revocation: a decision that revokes awards decided by decisions issued in thidua."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from thidua.awards import services as award_services
from thidua.awards.models import Award
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.decisions import audit_actions as A
from thidua.decisions import machines
from thidua.decisions.models import (
    Decision,
    DecisionKind,
    EntryKind,
    FundEntry,
    Recipient,
    Signatory,
)
from thidua.decisions.services import numbering, signatories
from thidua.decisions.services.common import (
    DECISION_FIELDS,
    REVOCATION_SUMMARY,
    REVOKE_AUTHORITY,
    REVOKE_NOT_FROM_DECISION,
    REVOKE_NOTHING,
)
from thidua.decisions.services.drafting import _line_label
from thidua.decisions.services.signing import _check_issued_on
from thidua.dossiers import desks
from thidua.org.models import Unit


def may_revoke(actor, authority: Unit) -> bool:
    """Who records a revocation decision of AUTHORITY: its head (the decision right) or,
    as for every decision it issues, the desk its authority belongs to (`decision.issue`)."""
    return access.covers(actor, Perm.DECISION_SIGN, authority.path) or desks.acts_at(
        actor, Perm.DECISION_ISSUE, authority.path)


@transaction.atomic
def decision_revoke(
    *, actor, awards: Sequence[Award], reason: str, issued_on: dt.date, number: str, signatory: Signatory | None,
    capacity: str, authority: Unit | None = None, summary: str = "", signed_file=None, today: dt.date | None = None,
) -> Decision:
    """Revoke AWARDS by a revocation decision of AUTHORITY (default: the authority that
    decided them; it may be that authority or one above it), for REASON, issued as every
    decision is (`decision_issue`): NUMBER as the văn thư registered it ("45/QĐ-UBND"),
    signed by SIGNATORY of the authority's leaders list in CAPACITY, SIGNED_FILE its copy.

    Each award is marked by `awards.services.award_revoke` with the new decision's Document
    and the reason, and stays in the ledger; what its decision paid is entered as a
    recovery in the paying unit's fund. Raises PermissionDenied unless `may_revoke`;
    ApplicationError (naming the field) for no award or reason, an award not decided by a
    decision of thidua, an authority that is neither the deciding one nor
    above it, a date in the future, a malformed or taken number, a signer not on the list
    or not allowed that capacity, a file that is not an acceptable PDF, and whatever
    `award_revoke` refuses (an award already revoked, a date before the award's decision).
    """
    today = today or dt.date.today()
    reason = (reason or "").strip()
    if not awards:
        raise ApplicationError(REVOKE_NOTHING, {"field": "awards"})
    locked = list(Award.objects.select_for_update(of=("self",)).filter(pk__in=[a.pk for a in awards]).order_by("id"))
    lines = {r.award_id: r for r in Recipient.objects.filter(award__in=locked).select_related(
        "decision__authority", "person", "unit")}
    for award in locked:
        line = lines.get(award.pk)
        if line is None or line.decision.authority is None:
            raise ApplicationError(REVOKE_NOT_FROM_DECISION % award, {"field": "awards"})
    if authority is None:
        authority = lines[locked[0].pk].decision.authority
    if not may_revoke(actor, authority):
        access.refuse(actor, "decision.revoke", authority)
    if not reason:
        raise ApplicationError(award_services.REVOKE_REASON_REQUIRED, {"field": "reason"})
    _check_issued_on(issued_on, today)
    value, symbol = numbering.parse_number(number)
    signatory = signatories.signatory_for(authority, signatory)
    signer_title = signatories.capacity_text(capacity, authority, signatory)
    if signed_file is not None:
        numbering.check_signed_file(signed_file)
    for award in locked:
        original = lines[award.pk].decision
        if not original.authority.path.startswith(authority.path):
            raise ApplicationError(REVOKE_AUTHORITY % {"award": award, "authority": original.authority_name},
                                   {"field": "authority"})
    originals = sorted({lines[a.pk].decision.number_text for a in locked})
    decision = Decision.objects.create(
        kind=DecisionKind.REVOCATION, authority=authority, authority_name=authority.name, unit=authority,
        symbol=symbol, summary=(summary or "").strip() or str(REVOCATION_SUMMARY % ", ".join(
            originals)), reason=reason, created_by=actor if getattr(actor, "pk", None) else None,
    )
    numbering.require_free(decision, value, symbol, issued_on.year)
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.year, decision.issued_on, decision.number = issued_on.year, issued_on, value
    # Who signed is the leader named, never the user who records it (the audit keeps that).
    decision.signer, decision.signer_name, decision.signer_title = None, signatory.full_name, signer_title
    decision.signatory, decision.capacity = signatory, capacity
    with numbering.document_of(actor=actor, decision=decision, signed_file=signed_file) as document:
        decision.document = document
        # Drafted and issued in one step: checked above (decision.sign) and audited below.
        machines.DECISIONS.shift(decision, machines.ISSUE)
        decision.signed_at = timezone.now()
        decision.save()
        _revoke_each(actor=actor, decision=decision, locked=locked, lines=lines, reason=reason,
                     issued_on=issued_on, today=today)
    audit.record(actor=actor, action=A.DECISION_REVOKE, target=decision, unit_path=authority.path, before=before,
                 after=audit.snapshot(decision, DECISION_FIELDS)
                 | {"khen thưởng bị hủy bỏ": [_line_label(lines[a.pk]) for a in locked]}, reason=reason)
    return decision


def _revoke_each(*, actor, decision: Decision, locked: list[Award], lines: dict, reason: str, issued_on: dt.date,
                 today: dt.date) -> None:
    payments = {e.award_id: e for e in FundEntry.objects.filter(award__in=locked, kind=EntryKind.PAYMENT)}
    for award in locked:
        original = lines[award.pk]
        payment = payments.get(award.pk)
        # The line comes first: it is what lets award_revoke accept this decision's document.
        line = Recipient.objects.create(
            decision=decision, subject_kind=award.subject_kind, person=original.person, unit=original.unit,
            kind=award.kind, year=award.year, period_from=award.period_from, period_to=award.period_to,
            achievement=original.achievement, revoked_award=award, amount=payment.amount if payment else 0,
        )
        award_services.award_revoke(actor=actor, award=award, reason=reason, document=decision.document, today=today)
        if payment is not None:
            # Recovered into the fund that paid it, in the budget year of the revocation.
            FundEntry.objects.create(unit=payment.unit, year=issued_on.year, kind=EntryKind.RECOVERY,
                                     decision=decision, recipient=line, award=award, amount=payment.amount,
                                     created_by=actor if getattr(actor, "pk", None) else None)
