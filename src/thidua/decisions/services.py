"""Writes: drafting, signing, cancelling and revoking decisions, and the fund ledger.

Every service checks the actor's role over the decision's unit, locks what it changes,
writes, and records an AuditEvent in the same transaction. Signing allocates the number,
creates the decision's Document and writes the Award rows and the fund payments in one
transaction: a decision is either signed with everything, or not at all.

Money (LAW.md §E; Decree 152/2025 Art. 49): each line's `amount` is the catalog money for
its kind and subject on the decision date (coefficient × base salary in force, rounded up
to 10,000). Of the titles of one subject for one achievement period only the highest is
paid (`thidua.rules.money.payable`), counting the titles already in the ledger for that
period. When the highest is decided now and a lower title of the period was paid before,
this decision pays the **difference** (its amount minus what was already paid), so the
subject ends with exactly the highest title's money and nothing is clawed back from the
earlier, still valid, decision; a title that is not the highest is paid 0. Forms of
commendation are paid in full. `Award.money` holds what this decision pays.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards import services as award_services
from thidua.awards.models import FIRST_YEAR, Award, CommendationType
from thidua.awards.selectors import held_units
from thidua.awards.services import (
    KIND_UNKNOWN,
    SUBJECT_NOT_ACCEPTED,
    SUBJECT_WORDS,
    TYPE_INVALID,
    YEAR_OUT_OF_RANGE,
    subject_key,
)
from thidua.catalog.models import SubjectKind
from thidua.catalog.money import MoneyTable, NoBaseSalary
from thidua.catalog.selectors import KindInfo, current_kinds, kind_names, money_table
from thidua.core import access, audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name, display_name, fold
from thidua.decisions import audit_actions as A
from thidua.decisions import links
from thidua.decisions.models import (
    Decision,
    DecisionCounter,
    DecisionKind,
    DecisionState,
    EntryKind,
    FundEntry,
    Recipient,
    number_text,
)
from thidua.documents import audit_actions as document_actions
from thidua.documents.models import Document, DocumentKind
from thidua.documents.services import document_search_key
from thidua.dossiers import selectors as dossier_selectors
from thidua.org.models import Unit, UnitKind, UnitLevel
from thidua.people.models import Person
from thidua.rules.codes import TITLE_CODES
from thidua.rules.errors import RulesetError
from thidua.rules.money import payable
from thidua.rules.rulesets import get_ruleset, ruleset_for_date

NOT_A_DRAFT = _("Quyết định này không còn là dự thảo; chỉ dự thảo mới sửa, ký hoặc hủy được.")
SUMMARY_REQUIRED = _("Hãy ghi trích yếu của quyết định.")
AUTHORITY_REQUIRED = _("Hãy chọn cơ quan ban hành, hoặc ghi tên cơ quan cấp trên đã ban hành quyết định.")
NOT_AN_AUTHORITY = _("«%s» là bộ phận nội bộ, không ban hành quyết định khen thưởng.")
SYMBOL_INVALID = _("Ký hiệu quyết định không hợp lệ; ví dụ: QĐ-UBND.")
KIND_NOT_FOR_AUTHORITY = _("«%(name)s» không thuộc thẩm quyền quyết định của %(authority)s.")
NEEDS_ONE_SUBJECT = _("Mỗi dòng khen thưởng phải ghi đúng một đối tượng: một cá nhân (hoặc hộ gia đình) hoặc "
                      "một tập thể.")
SUBJECT_OUT_OF_SCOPE = _("Không tìm thấy đối tượng trong phạm vi quản lý của bạn.")
SUBJECT_OUTSIDE_AUTHORITY = _("%(subject)s không thuộc phạm vi của %(authority)s.")
RECIPIENT_TWICE = _("%(subject)s đã có trong danh sách với «%(name)s» năm %(year)s.")
PERIOD_INVALID = _("Thời kỳ thành tích không hợp lệ: năm bắt đầu phải không sau năm kết thúc.")
NO_RECIPIENTS = _("Quyết định chưa có cá nhân, tập thể nào được khen thưởng.")
ISSUED_IN_FUTURE = _("Ngày ban hành không được sau hôm nay.")
ISSUED_BEFORE_YEAR = _("Ngày ban hành (%(date)s) trước năm thành tích %(year)s của %(subject)s.")
SIGNER_TITLE_REQUIRED = _("Hãy ghi chức vụ người ký.")
SIGNER_NAME_REQUIRED = _("Hãy ghi họ tên người ký.")
EXTERNAL_ONLY = _("Quyết định do cơ quan trong hệ thống ban hành thì phải được ký tại đây, không ghi số tay.")
INTERNAL_ONLY = _("Quyết định của cơ quan cấp trên được ghi lại theo số đã ban hành, không ký tại đây.")
NUMBER_REQUIRED = _("Hãy ghi số của quyết định (số nguyên dương).")
# Numbers run from 1 each year: six digits is far beyond any authority's year, and keeps a
# typo from overflowing the column.
NUMBER_MAX = 999_999
NUMBER_TOO_BIG = _("Số quyết định tối đa 999999; hãy kiểm tra lại số.")
NUMBER_TAKEN = _("Số %s đã được ghi cho một quyết định khác.")
CANCEL_REASON_REQUIRED = _("Hãy ghi lý do hủy dự thảo.")
REVOKE_NOTHING = _("Hãy chọn ít nhất một khen thưởng để hủy bỏ.")
REVOKE_NOT_FROM_DECISION = _("«%s» không được ghi từ một quyết định ban hành trong hệ thống; hãy ghi hủy bỏ ở sổ "
                             "khen thưởng theo quyết định của cấp trên.")
REVOKE_AUTHORITY = _("Chỉ cơ quan đã quyết định khen thưởng «%(award)s» (%(authority)s) hoặc cấp trên của cơ quan "
                     "đó mới được hủy bỏ.")
NOT_HIGHEST_NOTE = _("Cùng thời kỳ thành tích đã có danh hiệu cao hơn «%s»: chỉ chi tiền thưởng danh hiệu cao nhất "
                     "(Nghị định 152/2025/NĐ-CP, Điều 49 khoản 5).")
DIFFERENCE_NOTE = _("Đã chi %(paid)s cho «%(names)s» cùng thời kỳ thành tích: chi phần chênh lệch (Nghị định "
                    "152/2025/NĐ-CP, Điều 49 khoản 5).")
DOSSIER_ELSEWHERE = _("Hồ sơ này không gửi %(authority)s.")
DOSSIER_EMPTY = _("Hồ sơ này không có mục nào chờ quyết định.")
REVOCATION_SUMMARY = _("Về việc hủy bỏ khen thưởng theo Quyết định số %s")

# The catalog's authority levels (LAW.md §D1) an issuing unit of each tree level holds.
AUTHORITY_LEVELS: dict[str, frozenset[str]] = {
    UnitLevel.TINH: frozenset({"tinh"}),
    UnitLevel.SO_NGANH: frozenset({"co_quan"}),
    UnitLevel.XA: frozenset({"xa"}),
    UnitLevel.CO_SO: frozenset({"co_quan"}),
}
# "QĐ-UBND", "QĐ-SNV", "QĐ-TTg" (the Prime Minister's keeps its lower-case g).
_SYMBOL = re.compile(r"[0-9A-Za-zĐđ][0-9A-Za-zĐđ.&-]{0,31}")
_WORD_INITIALS = re.compile(r"[0-9A-Z]")


@dataclass(frozen=True)
class RecipientSpec:
    """One line to add to a draft: PERSON (HOUSEHOLD: their household) or UNIT, given KIND
    for the achievement of YEAR (PERIOD_FROM–PERIOD_TO when the decision names a period)."""

    kind: str
    year: int
    person: Person | None = None
    unit: Unit | None = None
    household: bool = False
    period_from: int | None = None
    period_to: int | None = None
    achievement: str = ""
    dossier_item: object | None = None  # dossiers.DossierItem the line comes from


def default_symbol(unit: Unit) -> str:
    """The ký hiệu of UNIT's decisions: "QĐ-UBND" for a People's Committee, else "QĐ-" and
    the unit's short name, or the initials of its name ("Sở Nội vụ" → "QĐ-SNV")."""
    if unit.kind in (UnitKind.UBND_TINH, UnitKind.UBND_XA):
        return "QĐ-UBND"
    short = clean_name(unit.short_name).upper().replace(" ", "")
    if not short:
        short = "".join(word[0] for word in fold(unit.name).upper().split() if _WORD_INITIALS.match(word[0]))
    return f"QĐ-{short or 'UB'}"


def _clean_symbol(symbol: str) -> str:
    value = clean_name(symbol).replace(" ", "")
    if not _SYMBOL.fullmatch(value):
        raise ApplicationError(SYMBOL_INVALID, {"field": "symbol"})
    return value


def may_decide(authority: Unit | None, info: KindInfo) -> bool:
    """Whether AUTHORITY (None: a decision recorded from outside) decides kinds like INFO."""
    if authority is None:
        return True
    return bool(AUTHORITY_LEVELS.get(authority.level, frozenset()) & set(info.authority_levels))


def _kinds_on(day: dt.date) -> dict[str, KindInfo]:
    """The catalog as in force on DAY, and today's version of any kind that was not in
    force yet (the catalog keeps no older coefficients than its first version)."""
    return current_kinds() | current_kinds(day)


def _lock(decision: Decision) -> Decision:
    return Decision.objects.select_for_update(of=("self",)).select_related("authority", "unit").get(pk=decision.pk)


def _require_draft(decision: Decision) -> None:
    if decision.state != DecisionState.DRAFT:
        raise ApplicationError(NOT_A_DRAFT)


def _clean_header(summary: str, commendation_type: str) -> str:
    """The SUMMARY of a draft, stripped; ApplicationError when it is empty or the type unknown."""
    summary = (summary or "").strip()
    if not summary:
        raise ApplicationError(SUMMARY_REQUIRED, {"field": "summary"})
    if commendation_type not in CommendationType.values:
        raise ApplicationError(TYPE_INVALID % commendation_type, {"field": "commendation_type"})
    return summary


DECISION_FIELDS = ["kind", "state", "authority", "authority_name", "unit", "symbol", "year", "number", "issued_on",
                   "summary", "commendation_type", "reason", "signer_name", "signer_title", "document",
                   "cancel_reason"]


# --- drafting ------------------------------------------------------------------------------


@transaction.atomic
def decision_draft(
    *, actor, summary: str, authority: Unit | None = None, unit: Unit | None = None, authority_name: str = "",
    symbol: str = "", commendation_type: str = CommendationType.CONG_TRANG,
    recipients: Sequence[RecipientSpec] = (), today: dt.date | None = None,
) -> Decision:
    """A draft award decision of AUTHORITY (a unit of the tree), or — AUTHORITY None — of an
    authority outside the system named AUTHORITY_NAME, recorded and paid by UNIT.

    SYMBOL defaults to `default_symbol(authority)`. RECIPIENTS are added as by
    `decision_add_recipients`. Raises PermissionDenied without `decision.change` over the
    unit; ApplicationError for a missing summary or authority, an internal department as
    authority, a malformed symbol or type, or any recipient refused.
    """
    if authority is not None:
        unit = authority
        authority_name = clean_name(authority_name) or authority.name
        if authority.level not in AUTHORITY_LEVELS:
            raise ApplicationError(NOT_AN_AUTHORITY % authority.name, {"field": "authority"})
    else:
        authority_name = clean_name(authority_name)
        if unit is None or not authority_name:
            raise ApplicationError(AUTHORITY_REQUIRED, {"field": "authority_name"})
    access.require(actor, Perm.DECISION_CHANGE, unit)
    summary = _clean_header(summary, commendation_type)
    symbol = _clean_symbol(symbol) if (symbol or "").strip() else (
        default_symbol(authority) if authority is not None else "")
    if not symbol:
        raise ApplicationError(SYMBOL_INVALID, {"field": "symbol"})
    decision = Decision.objects.create(
        kind=DecisionKind.AWARD, authority=authority, authority_name=authority_name, unit=unit, symbol=symbol,
        summary=summary, commendation_type=commendation_type,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(actor=actor, action=A.DECISION_DRAFT, target=decision, unit_path=unit.path,
                 after=audit.snapshot(decision, DECISION_FIELDS))
    if recipients:
        decision_add_recipients(actor=actor, decision=decision, recipients=recipients, today=today)
    return decision


@transaction.atomic
def decision_update(
    *, actor, decision: Decision, summary: str, symbol: str, commendation_type: str, authority_name: str = "",
    version: int | None = None,
) -> Decision:
    """Change a draft's summary, symbol, type (and, recorded from outside, the authority's
    name). Raises as `decision_draft`, ApplicationError once it is no longer a draft, and
    StaleError when VERSION (the version the form was opened on) is no longer the draft's."""
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    _require_draft(decision)
    concurrency.require_version(decision, version, wanted={
        "summary": summary, "symbol": symbol, "commendation_type": commendation_type,
        **({"authority_name": authority_name} if clean_name(authority_name) else {})})
    before = audit.snapshot(decision, DECISION_FIELDS)
    summary = _clean_header(summary, commendation_type)
    decision.summary, decision.symbol, decision.commendation_type = summary, _clean_symbol(symbol), commendation_type
    if clean_name(authority_name):
        decision.authority_name = clean_name(authority_name)
    decision.save(update_fields=["summary", "symbol", "commendation_type", "authority_name"])
    audit.record(actor=actor, action=A.DECISION_UPDATE, target=decision, unit_path=decision.unit.path,
                 before=before, after=audit.snapshot(decision, DECISION_FIELDS))
    return decision


def _subject_kind(spec: RecipientSpec) -> str:
    if spec.unit is not None:
        return SubjectKind.COLLECTIVE
    return SubjectKind.HOUSEHOLD if spec.household else SubjectKind.INDIVIDUAL


def _line_label(recipient, kinds: dict | None = None) -> str:
    kinds = kinds if kinds is not None else kind_names()
    return f"{recipient.subject} — {kinds.get(recipient.kind, recipient.kind)} {recipient.year}"


@transaction.atomic
def decision_add_recipients(
    *, actor, decision: Decision, recipients: Sequence[RecipientSpec], today: dt.date | None = None,
) -> list[Recipient]:
    """Add RECIPIENTS to the draft DECISION and answer the new lines.

    Each subject must be one the actor can see and belong to the decision's unit; the kind
    must be in the catalog, accept the subject, and be one the authority decides. Raises
    PermissionDenied without `decision.change` over the decision's unit; ApplicationError
    (naming the field) for the first line refused, leaving the draft unchanged.
    """
    today = today or dt.date.today()
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    _require_draft(decision)
    kinds = current_kinds(today)
    taken = {(r.person_id, r.unit_id, r.subject_kind, r.kind, r.year) for r in decision.recipients.all()}
    rows: list[Recipient] = []
    people = Person.objects.select_related("current_unit").in_bulk(
        {spec.person.pk for spec in recipients if spec.person is not None})
    for spec in recipients:
        if (spec.person is None) == (spec.unit is None):
            raise ApplicationError(NEEDS_ONE_SUBJECT)
        subject_kind = _subject_kind(spec)
        if spec.person is not None:
            person = people[spec.person.pk]
            subject, path, visible = person, person.current_unit.path, access.can(actor, Perm.PEOPLE_VIEW, person)
        else:
            subject, path, visible = spec.unit, spec.unit.path, access.can(actor, Perm.ORG_VIEW, spec.unit)
        if not visible:
            raise ApplicationError(SUBJECT_OUT_OF_SCOPE, {"field": "subject"})
        if not path.startswith(decision.unit.path):
            raise ApplicationError(SUBJECT_OUTSIDE_AUTHORITY % {"subject": subject, "authority": decision.unit.name},
                                   {"field": "subject"})
        info = kinds.get(spec.kind)
        if info is None:
            raise ApplicationError(KIND_UNKNOWN % spec.kind, {"field": "kind"})
        if not info.accepts(subject_kind):
            raise ApplicationError(SUBJECT_NOT_ACCEPTED % {"name": info.name, "subject": SUBJECT_WORDS[subject_kind]},
                                   {"field": "kind"})
        if not may_decide(decision.authority, info):
            raise ApplicationError(KIND_NOT_FOR_AUTHORITY % {"name": info.name, "authority": decision.authority_name},
                                   {"field": "kind"})
        if not FIRST_YEAR <= spec.year <= today.year:
            raise ApplicationError(YEAR_OUT_OF_RANGE % {"first": FIRST_YEAR, "last": today.year}, {"field": "year"})
        if (spec.period_from is not None and spec.period_to is not None and spec.period_from > spec.period_to) or any(
                p is not None and not FIRST_YEAR <= p <= today.year for p in (spec.period_from, spec.period_to)):
            raise ApplicationError(PERIOD_INVALID, {"field": "period_from"})
        key = (spec.person.pk if spec.person else None, spec.unit.pk if spec.unit else None, subject_kind, spec.kind,
               spec.year)
        if key in taken:
            raise ApplicationError(RECIPIENT_TWICE % {"subject": subject, "name": info.name, "year": spec.year},
                                   {"field": "subject"})
        taken.add(key)
        rows.append(Recipient(
            decision=decision, subject_kind=subject_kind, person=spec.person, unit=spec.unit, kind=spec.kind,
            year=spec.year, period_from=spec.period_from, period_to=spec.period_to,
            achievement=(spec.achievement or "").strip(), dossier_item=spec.dossier_item,
        ))
    created = Recipient.objects.bulk_create(rows)
    kinds = kind_names()
    # The lines go under a Vietnamese label: "recipients" is a reverse relation the history
    # panel would try to look up as a field.
    audit.record(actor=actor, action=A.DECISION_ADD_RECIPIENTS, target=decision, unit_path=decision.unit.path,
                 after={"danh sách khen thưởng": [_line_label(r, kinds) for r in created]})
    links.decision_drafted(actor=actor, decision=decision)
    return created


@transaction.atomic
def decision_add_dossier(*, actor, decision: Decision, dossier, today: dt.date | None = None) -> list[Recipient]:
    """Add to the draft DECISION every item of DOSSIER waiting for a decision (approved by
    the council; pending, for a dossier sent out of the tree), each with the form the
    council approved, and mark the dossier "decision drafted". Signing then marks it
    decided; items left out of the decision are refused by the dossier workflow.

    Raises as `decision_add_recipients`, and ApplicationError when the dossier was not
    addressed to the decision's unit or has nothing waiting for a decision.
    """
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    if dossier.authority_path != decision.unit.path:
        raise ApplicationError(DOSSIER_ELSEWHERE % {"authority": decision.unit.name}, {"field": "dossier"})
    items = list(dossier_selectors.items_to_decide(dossier))
    if not items:
        raise ApplicationError(DOSSIER_EMPTY, {"field": "dossier"})
    return decision_add_recipients(actor=actor, decision=decision, today=today, recipients=[
        RecipientSpec(kind=item.final_kind, year=item.year, person=item.person, unit=item.unit,
                      household=item.subject_kind == SubjectKind.HOUSEHOLD, period_from=item.period_from,
                      period_to=item.period_to, achievement=item.achievement, dossier_item=item)
        for item in items
    ])


@transaction.atomic
def decision_remove_recipient(*, actor, recipient: Recipient) -> None:
    """Take RECIPIENT off its draft decision. Raises as `decision_add_recipients`."""
    decision = _lock(recipient.decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    _require_draft(decision)
    recipient = Recipient.objects.select_related("person", "unit").get(pk=recipient.pk, decision=decision)
    label = _line_label(recipient)
    recipient.delete()
    audit.record(actor=actor, action=A.DECISION_REMOVE_RECIPIENT, target=decision, unit_path=decision.unit.path,
                 before={"danh sách khen thưởng": [label]})


@transaction.atomic
def decision_cancel(*, actor, decision: Decision, reason: str) -> Decision:
    """Drop a draft (it never had a number). Raises PermissionDenied without
    `decision.change`, ApplicationError without a reason or when not a draft."""
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    _require_draft(decision)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(CANCEL_REASON_REQUIRED, {"field": "reason"})
    before = audit.snapshot(decision, ["state", "cancel_reason"])
    decision.state, decision.cancel_reason = DecisionState.CANCELLED, reason
    decision.save(update_fields=["state", "cancel_reason"])
    audit.record(actor=actor, action=A.DECISION_CANCEL, target=decision, unit_path=decision.unit.path, before=before,
                 after=audit.snapshot(decision, ["state", "cancel_reason"]), reason=reason)
    return decision


# --- numbering -----------------------------------------------------------------------------


def allocate_number(*, authority: Unit, symbol: str, year: int) -> int:
    """The next number of AUTHORITY's SYMBOL series in YEAR, inside the caller's transaction.

    The counter row is locked until the caller commits, so a concurrent signing waits and
    then takes the following number; a rolled-back signing gives its number back, which is
    right: no decision carries it. The first number of a series creates the row; two
    first signings at once meet on its unique constraint and the loser reads the winner's.
    """
    lookup = {"authority": authority, "symbol": symbol, "year": year}
    counter = DecisionCounter.objects.select_for_update().filter(**lookup).first()
    if counter is None:
        try:
            with transaction.atomic():
                DecisionCounter.objects.create(**lookup, last_number=0)
        except IntegrityError:
            pass
        counter = DecisionCounter.objects.select_for_update().get(**lookup)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _create_document(*, actor, decision: Decision) -> Document:
    # Created here rather than through documents.services.document_create: the signer (a
    # head) holds decision.sign, not document.change, and the document is part of the
    # signing itself. Same fields, same checks, same audit action.
    doc = Document(number=decision.number_text, kind=DocumentKind.QUYET_DINH, issued_on=decision.issued_on,
                   issuer=decision.authority_name, summary=decision.summary, unit=decision.unit)
    doc.search_key = document_search_key(doc)
    doc.full_clean()
    doc.save()
    audit.record(actor=actor, action=document_actions.DOCUMENT_CREATE, target=doc, unit_path=decision.unit.path,
                 after=audit.snapshot(doc))
    return doc


# --- signing -------------------------------------------------------------------------------


def _ruleset(on: dt.date):
    try:
        return ruleset_for_date(on)
    except RulesetError:
        # Before the first encoded coefficients: rank titles by the oldest set we have.
        return get_ruleset("2024")


def _apply_one_title_rule(lines: list[Recipient], kinds: dict[str, KindInfo], issued_on: dt.date) -> None:
    """Set `paid` and `paid_note` on LINES (with `amount` set): see the module docstring."""
    ruleset = _ruleset(issued_on)
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
        period = (row["period_from"] or row["year"], row["period_to"] or row["year"])
        earlier[(subject_key(row["person_id"], row["unit_id"], row["subject_kind"]), period)].append(row)
    for key, group in groups.items():
        before = earlier.get(key, [])
        codes = [row["kind"] for row in before] + [line.kind for line in group]
        kept = payable(codes, group[0].subject_kind, ruleset)
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
        except NoBaseSalary:
            line.amount = None
    held = held_units({(line.person_id, line.year) for line in lines if line.person_id})
    awards = [Award(
        subject_kind=line.subject_kind, person=line.person, unit=line.unit,
        held_unit=line.unit if line.unit_id else held.get((line.person_id, line.year), line.person.current_unit),
        kind=line.kind, is_title=kinds[line.kind].is_title, year=line.year, period_from=line.period_from,
        period_to=line.period_to, commendation_type=decision.commendation_type, decided_on=issued_on,
        document=decision.document, decision_number=decision.number_text, issuer=decision.authority_name,
        achievement=line.achievement,
    ) for line in lines]
    award_services.refuse_title_clashes(awards, kinds, field="recipients")
    _apply_one_title_rule(lines, kinds, issued_on)
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


@transaction.atomic
def decision_sign(
    *, actor, decision: Decision, issued_on: dt.date, signer_title: str, today: dt.date | None = None,
) -> Decision:
    """ACTOR signs the draft DECISION on ISSUED_ON as SIGNER_TITLE.

    In one transaction: the next number of the authority's series for the year, the
    decision's Document, one Award per line (money per the module docstring) and the fund
    payments; the dossiers the lines came from are marked decided. Raises PermissionDenied
    without `decision.sign` over the authority; ApplicationError when it is not a draft, is
    recorded from outside, has no lines, is dated in the future or before an achievement
    year, has no signer title, or a line repeats a title already in the ledger.
    """
    today = today or dt.date.today()
    decision = _lock(decision)
    if decision.authority is None:
        access.require(actor, Perm.DECISION_CHANGE, decision.unit)
        raise ApplicationError(INTERNAL_ONLY)
    access.require(actor, Perm.DECISION_SIGN, decision.authority)
    _require_draft(decision)
    _check_issued_on(issued_on, today)
    signer_title = clean_name(signer_title)
    if not signer_title:
        raise ApplicationError(SIGNER_TITLE_REQUIRED, {"field": "signer_title"})
    if not decision.recipients.exists():
        raise ApplicationError(NO_RECIPIENTS)
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.year, decision.issued_on = issued_on.year, issued_on
    decision.number = allocate_number(authority=decision.authority, symbol=decision.symbol, year=issued_on.year)
    return _finish_signing(actor=actor, decision=decision, before=before, signer=actor,
                           signer_name=display_name(actor), signer_title=signer_title, today=today,
                           action=A.DECISION_SIGN)


@transaction.atomic
def decision_record_issued(
    *, actor, decision: Decision, number: int, issued_on: dt.date, signer_name: str, signer_title: str,
    today: dt.date | None = None,
) -> Decision:
    """Record that the authority outside the system issued the draft DECISION as NUMBER on
    ISSUED_ON, signed by SIGNER_NAME (SIGNER_TITLE); writes the Awards and payments as
    `decision_sign` does. Raises PermissionDenied without `decision.change` over the
    decision's unit; ApplicationError as `decision_sign`, and for a missing or taken number.
    """
    today = today or dt.date.today()
    decision = _lock(decision)
    access.require(actor, Perm.DECISION_CHANGE, decision.unit)
    if decision.authority is not None:
        raise ApplicationError(EXTERNAL_ONLY)
    _require_draft(decision)
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
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.year, decision.issued_on, decision.number = issued_on.year, issued_on, number
    return _finish_signing(actor=actor, decision=decision, before=before, signer=None, signer_name=signer_name,
                           signer_title=signer_title, today=today, action=A.DECISION_RECORD)


def _finish_signing(*, actor, decision: Decision, before: dict, signer, signer_name: str, signer_title: str,
                    today: dt.date, action: str) -> Decision:
    decision.signer, decision.signer_name, decision.signer_title = signer, signer_name, signer_title
    decision.document = _create_document(actor=actor, decision=decision)
    decision.state, decision.signed_at = DecisionState.SIGNED, timezone.now()
    decision.save()
    _write_awards(actor=actor, decision=decision, today=today)
    audit.record(actor=actor, action=action, target=decision, unit_path=decision.unit.path, before=before,
                 after=audit.snapshot(decision, DECISION_FIELDS))
    links.decision_decided(actor=actor, decision=decision)
    return decision


# --- revocation ----------------------------------------------------------------------------


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
    decision.state, decision.signed_at = DecisionState.SIGNED, timezone.now()
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
