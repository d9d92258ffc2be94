"""Issuing (or recording a decision issued outside): the number as registered, the signer,
the Document with the signed copy, the awards and the fund payments written in one
transaction.

Money (LAW.md §E; Decree 152/2025 Art. 49): each line's `amount` is the catalog money for
its kind and subject on the decision date (coefficient × base salary in force, rounded up
to 10,000). Of the titles of one subject with one counting period only the highest is
paid (`thidua.rules.money.payable`), counting the titles already in the ledger for that
period; titles counted over different periods are each paid (Art. 49(5)) — a CSTĐ cấp
tỉnh with no period of its own counts three years, so it is paid beside that year's
CSTĐCS (`thidua.rules.money.counting_period`). When the highest is decided now and a
lower title of the period was paid before, this decision pays the **difference** (its
amount minus what was already paid), so the subject ends with exactly the highest
title's money and nothing is clawed back from the earlier, still valid, decision; a title
that is not the highest is paid 0. Forms of commendation are paid in full. `Award.money` holds what this decision pays.
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards import services as award_services
from thidua.awards.models import Award
from thidua.awards.selectors import held_units
from thidua.awards.services import (
    KIND_UNKNOWN,
    subject_key,
)
from thidua.catalog.money import MoneyTable, MoneyUnknown
from thidua.catalog.selectors import KindInfo, money_table
from thidua.core import access
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name
from thidua.core.transitions import Transition
from thidua.decisions import links, machines
from thidua.decisions.models import (
    Decision,
    DecisionState,
    EntryKind,
    FundEntry,
    LineSource,
    Recipient,
    Signatory,
    number_text,
)
from thidua.decisions.services import numbering, provenance, signatories
from thidua.decisions.services.common import (
    DIFFERENCE_NOTE,
    ISSUED_BEFORE_YEAR,
    ISSUED_IN_FUTURE,
    NO_RECIPIENTS,
    NOT_HIGHEST_NOTE,
    NUMBER_MAX,
    NUMBER_REQUIRED,
    NUMBER_TAKEN,
    NUMBER_TOO_BIG,
    SIGNED_FIELDS,
    SIGNER_NAME_REQUIRED,
    SIGNER_TITLE_REQUIRED,
    _kinds_on,
    _lock,
    _snapshot,
)
from thidua.decisions.services.numbering import NOT_ISSUED, SIGNED_FILE_PRESENT
from thidua.dossiers.models import Dossier
from thidua.rules.codes import TITLE_CODES
from thidua.rules.money import counting_period, payable


def _apply_one_title_rule(lines: list[Recipient], kinds: dict[str, KindInfo]) -> None:
    """Set `paid` and `paid_note` on LINES (with `amount` set): see the module docstring."""
    rank = {code: info.rank for code, info in kinds.items()}
    groups: dict[tuple, list[Recipient]] = defaultdict(list)
    for line in lines:
        line.paid_note = ""
        if line.kind in TITLE_CODES:
            groups[(subject_key(line.person_id, line.unit_id, line.subject_kind), line.period_key)].append(line)
        else:
            line.paid = line.amount
    if not groups:
        return
    people = {line.person_id for line in lines if line.person_id}
    units = {line.unit_id for line in lines if line.unit_id}
    earlier: dict[tuple, list[dict]] = defaultdict(list)
    for row in Award.objects.filter(Q(person__in=people) | Q(unit__in=units), is_title=True, revoked=False,
                                    kind__in=TITLE_CODES).values(
            "person_id", "unit_id", "subject_kind", "kind", "year", "period_from", "period_to", "money"):
        period = counting_period(row["kind"], row["year"], row["period_from"], row["period_to"])
        earlier[(subject_key(row["person_id"], row["unit_id"], row["subject_kind"]), period)].append(row)
    for key, group in groups.items():
        before = earlier.get(key, [])
        codes = [row["kind"] for row in before] + [line.kind for line in group]
        kept = payable(codes, rank, TITLE_CODES)
        already = sum(row["money"] or 0 for row in before)
        earlier_names = ", ".join(kinds[row["kind"]].name if row["kind"] in kinds else row["kind"] for row in before)
        for line in group:
            if line.amount is None:
                line.paid = None
            elif line.kind in kept:
                line.paid = max(0, line.amount - already)
                if already:
                    line.paid_note = str(DIFFERENCE_NOTE % {"paid": f"{already:,} đ".replace(",", "."),
                                                            "names": earlier_names})
            else:
                best = next(c for c in kept if c in TITLE_CODES)
                line.paid = 0
                line.paid_note = str(NOT_HIGHEST_NOTE % (kinds[best].name if best in kinds else best))


def _write_awards(*, actor, decision: Decision, today: dt.date, prices: MoneyTable | None = None) -> list[Recipient]:
    """Price DECISION's lines, write their Award rows and fund payments (caller's transaction)."""
    issued_on = decision.issued_on
    lines = list(decision.recipients.select_related("person__current_unit", "unit").order_by("id"))
    if not lines:
        raise ApplicationError(NO_RECIPIENTS)
    kinds = _kinds_on(issued_on)
    prices = prices or money_table()
    for line in lines:
        info = kinds.get(line.kind)
        if info is None:
            raise ApplicationError(KIND_UNKNOWN % line.kind, {"field": "kind"})
        if line.year > issued_on.year:
            raise ApplicationError(ISSUED_BEFORE_YEAR % {
                "date": issued_on.strftime("%d/%m/%Y"), "year": line.year, "subject": line.subject,
            }, {"field": "issued_on"})
        try:
            line.amount = prices.amount(line.kind, line.subject_kind, issued_on)
        except MoneyUnknown:
            line.amount = None
    held = held_units({(line.person_id, line.year) for line in lines if line.person_id})
    awards = [Award(
        subject_kind=line.subject_kind, person=line.person, unit=line.unit,
        held_unit=line.unit if line.unit_id else held.get((line.person_id, line.year), line.person.current_unit),
        kind=line.kind, is_title=kinds[line.kind].is_title, year=line.year, period_from=line.period_from,
        period_to=line.period_to, commendation_type=decision.commendation_type, decided_on=issued_on,
        document=decision.document, decision_number=decision.number_text, issuer=decision.authority_name,
        achievement=line.achievement,
        exception_grounds=line.justification if line.source == LineSource.MANUAL else "",
    ) for line in lines]
    award_services.refuse_title_clashes(awards, kinds, field="recipients")
    _apply_one_title_rule(lines, kinds)
    for line, award in zip(lines, awards, strict=True):
        award.money = line.paid
        line.award = award_services.ledger_add(actor=actor, award=award)
    Recipient.objects.bulk_update(lines, ["amount", "paid", "paid_note", "award"])
    FundEntry.objects.bulk_create([
        FundEntry(unit=decision.unit, year=issued_on.year, kind=EntryKind.PAYMENT, decision=decision,
                  recipient=line, award=line.award, amount=line.paid,
                  created_by=actor if getattr(actor, "pk", None) else None)
        for line in lines if line.paid
    ])
    return lines


def _check_issued_on(issued_on: dt.date, today: dt.date) -> None:
    if issued_on > today:
        raise ApplicationError(ISSUED_IN_FUTURE, {"field": "issued_on"})


BEFORE_PROPOSAL = _("«Ngày ban hành» %(on)s trước ngày của Tờ trình số %(number)s (%(date)s) mà quyết định "
                    "căn cứ; hãy kiểm tra lại ngày văn thư đã đăng ký.")


def _require_after_proposals(decision: Decision, issued_on: dt.date) -> None:
    """A decision follows the tờ trình it answers ("Theo đề nghị … tại Tờ trình số …")."""
    for number, submitted in (Dossier.objects.filter(items__decision_lines__decision=decision,
                                                     submitted_at__isnull=False)
                              .values_list("number", "submitted_at").distinct()):
        day = timezone.localdate(submitted)
        if day > issued_on:
            raise ApplicationError(BEFORE_PROPOSAL % {"on": f"{issued_on:%d/%m/%Y}", "number": number or "—",
                                                      "date": f"{day:%d/%m/%Y}"}, {"field": "issued_on"})


@transaction.atomic
def decision_issue(
    *, actor, decision: Decision, number: str, issued_on: dt.date, signatory: Signatory, capacity: str,
    signed_file=None, today: dt.date | None = None,
) -> Decision:
    """Record that the leader SIGNATORY signed the draft DECISION in CAPACITY and the văn thư
    registered it as NUMBER ("1234/QĐ-UBND", typed as registered) on ISSUED_ON; SIGNED_FILE
    is the signed copy (a PDF: a scan of the paper original or the digitally signed file),
    which may also come later, once (`decision_attach_signed`).

    In one transaction: the decision's Document, one Award per line (money per the module
    docstring) and the fund payments; the dossiers the lines came from are marked decided.
    Raises PermissionDenied without `decision.issue` over the authority; ApplicationError
    (naming the field) when it is not a draft, is recorded from outside, has no lines or a
    line awaiting justification, is dated in the future or before an achievement year, the
    number is malformed or already given by the authority under that symbol in that year,
    the signer is not an active leader of the authority or may not sign in CAPACITY, or the
    file is not an acceptable PDF.
    """
    today = today or dt.date.today()
    decision = _lock(decision)
    row = machines.check(actor, decision, machines.SIGN)
    _check_issued_on(issued_on, today)
    value, symbol = numbering.parse_number(number)
    signatory = signatories.signatory_for(decision.authority, signatory)
    signer_title = signatories.capacity_text(capacity, decision.authority, signatory)
    if not decision.recipients.exists():
        raise ApplicationError(NO_RECIPIENTS)
    provenance.require_justified(decision)
    _require_after_proposals(decision, issued_on)
    numbering.require_free(decision, value, symbol, issued_on.year)
    if signed_file is not None:
        numbering.check_signed_file(signed_file)
    before = _snapshot(decision)
    decision.year, decision.issued_on, decision.number, decision.symbol = issued_on.year, issued_on, value, symbol
    decision.signatory, decision.capacity = signatory, capacity
    return _finish_signing(actor=actor, decision=decision, row=row, before=before, signer_name=signatory.full_name,
                           signer_title=signer_title, today=today, signed_file=signed_file)


@transaction.atomic
def decision_record_issued(
    *, actor, decision: Decision, number: int, issued_on: dt.date, signer_name: str, signer_title: str,
    signed_file=None, today: dt.date | None = None,
) -> Decision:
    """Record that the authority outside the system issued the draft DECISION as NUMBER on
    ISSUED_ON, signed by SIGNER_NAME (SIGNER_TITLE), SIGNED_FILE its copy if at hand;
    writes the Awards and payments as `decision_issue` does. Raises PermissionDenied
    without `decision.change` over the decision's unit; ApplicationError as
    `decision_issue`, and for a missing or taken number.
    """
    today = today or dt.date.today()
    decision = _lock(decision)
    row = machines.check(actor, decision, machines.RECORD)
    _check_issued_on(issued_on, today)
    if not isinstance(number, int) or number < 1:
        raise ApplicationError(NUMBER_REQUIRED, {"field": "number"})
    if number > NUMBER_MAX:
        raise ApplicationError(NUMBER_TOO_BIG, {"field": "number"})
    signer_name, signer_title = clean_name(signer_name), clean_name(signer_title)
    if not signer_name:
        raise ApplicationError(SIGNER_NAME_REQUIRED, {"field": "signer_name"})
    if not signer_title:
        raise ApplicationError(SIGNER_TITLE_REQUIRED, {"field": "signer_title"})
    if Decision.objects.filter(authority__isnull=True, authority_name=decision.authority_name, symbol=decision.symbol,
                               year=issued_on.year, number=number).exists():
        raise ApplicationError(NUMBER_TAKEN % number_text(number, decision.symbol), {"field": "number"})
    if signed_file is not None:
        numbering.check_signed_file(signed_file)
    before = _snapshot(decision)
    decision.year, decision.issued_on, decision.number = issued_on.year, issued_on, number
    return _finish_signing(actor=actor, decision=decision, row=row, before=before, signer_name=signer_name,
                           signer_title=signer_title, today=today, signed_file=signed_file)


def _finish_signing(*, actor, decision: Decision, row: Transition, before: dict, signer_name: str,
                    signer_title: str, today: dt.date, signed_file) -> Decision:
    # Who signed is the leader named, never the user who records it (the audit keeps that).
    decision.signer, decision.signer_name, decision.signer_title = None, signer_name, signer_title
    with numbering.document_of(actor=actor, decision=decision, signed_file=signed_file) as document:
        decision.document = document
        decision.signed_at = timezone.now()
        machines.DECISIONS.move(actor, decision, row, fields=SIGNED_FIELDS, before=before,
                                after=_snapshot(decision))
        _write_awards(actor=actor, decision=decision, today=today)
        links.decision_decided(actor=actor, decision=decision)
    return decision


@transaction.atomic
def decision_attach_signed(*, actor, decision: Decision, signed_file) -> Decision:
    """Attach the signed copy (PDF) to the issued DECISION that has none: once, since an
    issued decision never changes (a wrong content is revoked and replaced). Raises
    PermissionDenied without the right that issues it (`decision.issue` over the
    authority, `decision.change` over the unit for one issued outside); ApplicationError
    when it is not issued, already has its copy, or the file is not an acceptable PDF."""
    decision = _lock(decision)
    if decision.is_external:
        access.policy(Decision).require(actor, decision, Perm.DECISION_CHANGE)
    else:
        access.require(actor, Perm.DECISION_ISSUE, decision.authority)
    if decision.state != DecisionState.SIGNED or decision.document_id is None:
        raise ApplicationError(NOT_ISSUED, {"field": "signed_file"})
    if decision.document.file:
        raise ApplicationError(SIGNED_FILE_PRESENT, {"field": "signed_file"})
    numbering.attach_signed(actor=actor, decision=decision, signed_file=signed_file)
    return decision
