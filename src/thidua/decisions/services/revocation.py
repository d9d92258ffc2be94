"""Revocation: a decision that revokes awards decided by decisions issued in thidua."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from thidua.awards import services as award_services
from thidua.awards.models import Award
from thidua.catalog.selectors import kind_names
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name, display_name
from thidua.decisions import audit_actions as A
from thidua.decisions import machines
from thidua.decisions.models import (
    Decision,
    DecisionKind,
    EntryKind,
    FundEntry,
    Recipient,
)
from thidua.decisions.services.common import (
    DECISION_FIELDS,
    REVOCATION_SUMMARY,
    REVOKE_AUTHORITY,
    REVOKE_NOT_FROM_DECISION,
    REVOKE_NOTHING,
    SIGNER_TITLE_REQUIRED,
    default_symbol,
)
from thidua.decisions.services.drafting import _line_label
from thidua.decisions.services.numbering import _create_document, allocate_number
from thidua.decisions.services.signing import _check_issued_on
from thidua.org.models import Unit


@transaction.atomic
def decision_revoke(
    *, actor, awards: Sequence[Award], reason: str, issued_on: dt.date, signer_title: str,
    authority: Unit | None = None, summary: str = "", today: dt.date | None = None,
) -> Decision:
    """Revoke AWARDS by a new, numbered revocation decision of AUTHORITY (default: the
    authority that decided them; it may be that authority or one above it), for REASON.

    Each award is marked by `awards.services.award_revoke` with the new decision's Document
    and the reason, and stays in the ledger; what its decision paid is entered as a
    recovery in the paying unit's fund. Raises PermissionDenied without `decision.sign`
    over AUTHORITY; ApplicationError for no award, no reason or signer title, an award not
    decided by a decision of thidua, an authority that is neither the deciding one nor
    above it, a date in the future, and whatever `award_revoke` refuses (an award already
    revoked, a date before the award's decision).
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
    access.require(actor, Perm.DECISION_SIGN, authority)
    if not reason:
        raise ApplicationError(award_services.REVOKE_REASON_REQUIRED, {"field": "reason"})
    signer_title = clean_name(signer_title)
    if not signer_title:
        raise ApplicationError(SIGNER_TITLE_REQUIRED, {"field": "signer_title"})
    _check_issued_on(issued_on, today)
    for award in locked:
        original = lines[award.pk].decision
        if not original.authority.path.startswith(authority.path):
            raise ApplicationError(REVOKE_AUTHORITY % {"award": award, "authority": original.authority_name},
                                   {"field": "authority"})
    originals = sorted({lines[a.pk].decision.number_text for a in locked})
    decision = Decision.objects.create(
        kind=DecisionKind.REVOCATION, authority=authority, authority_name=authority.name, unit=authority,
        symbol=default_symbol(authority), summary=(summary or "").strip() or str(REVOCATION_SUMMARY % ", ".join(
            originals)), reason=reason, created_by=actor if getattr(actor, "pk", None) else None,
    )
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.year, decision.issued_on = issued_on.year, issued_on
    decision.number = allocate_number(authority=authority, symbol=decision.symbol, year=issued_on.year)
    decision.signer, decision.signer_name, decision.signer_title = actor, display_name(actor), signer_title
    decision.document = _create_document(actor=actor, decision=decision)
    # Drafted and signed in one step: checked above (decision.sign) and audited below.
    machines.DECISIONS.shift(decision, machines.ISSUE)
    decision.signed_at = timezone.now()
    decision.save()
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
    kinds = kind_names()
    audit.record(actor=actor, action=A.DECISION_REVOKE, target=decision, unit_path=authority.path, before=before,
                 after=audit.snapshot(decision, DECISION_FIELDS)
                 | {"khen thưởng bị hủy bỏ": [_line_label(lines[a.pk], kinds) for a in locked]}, reason=reason)
    return decision
