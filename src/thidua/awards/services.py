"""Writes to the award ledger and the initiative registry.

Each service checks the actor's role over the subject, validates against the catalog,
writes, and records one AuditEvent in the same transaction. Awards are never edited or
deleted: `award_revoke` is the only change a decided award accepts, whether the revoking
decision is recorded from paper here or issued in thidua (decisions.services calls it).
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards import audit_actions as A
from thidua.awards.models import (
    FIRST_YEAR,
    MONEY_MAX,
    Award,
    CommendationType,
    Initiative,
    InitiativeAuthor,
    InitiativeScope,
)
from thidua.awards.selectors import decided_in_thidua, held_units
from thidua.catalog.models import AuthorityLevel, SubjectKind
from thidua.catalog.money import MoneyTable, MoneyUnknown
from thidua.catalog.sectors import require_suits
from thidua.catalog.selectors import KindInfo, current_kinds, money_table
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.hooks import bulk_written
from thidua.core.roles import Perm
from thidua.core.text import clean_name
from thidua.people.models import Person

NEEDS_ONE_SUBJECT = _("Khen thưởng phải ghi cho đúng một đối tượng: một cá nhân (hoặc hộ gia đình) hoặc một tập thể.")
KIND_UNKNOWN = _("Mã «%s» không có trong danh mục danh hiệu, hình thức khen thưởng.")
SUBJECT_NOT_ACCEPTED = _("«%(name)s» không tặng cho %(subject)s.")
YEAR_OUT_OF_RANGE = _("Năm thành tích phải từ %(first)s đến năm nay (%(last)s).")
DATE_IN_FUTURE = _("Ngày quyết định không được sau hôm nay.")
DECIDED_BEFORE_YEAR = _("Ngày quyết định (%(date)s) trước năm thành tích %(year)s.")
PERIOD_INVALID = _("Thời kỳ thành tích không hợp lệ: năm bắt đầu phải không sau năm kết thúc, và không sau năm "
                   "quyết định.")
DECISION_REQUIRED = _("Hãy chọn văn bản quyết định hoặc ghi số quyết định.")
TYPE_INVALID = _("Loại hình khen thưởng «%s» không hợp lệ.")
TITLE_EXISTS = _("%(subject)s đã có danh hiệu «%(name)s» năm %(year)s (quyết định %(number)s).")
MONEY_INVALID = _("Tiền thưởng phải là số nguyên không âm (đồng).")
MONEY_TOO_BIG = _("Tiền thưởng tối đa 10.000.000.000 đồng; hãy kiểm tra lại số tiền.")
REVOKE_REASON_REQUIRED = _("Hãy ghi lý do hủy bỏ, thu hồi.")
REVOKE_DECISION_REQUIRED = _("Hãy chọn quyết định hủy bỏ, thu hồi trong mục Văn bản, hoặc ghi số và ngày của quyết "
                             "định đó.")
REVOKE_DATE_REQUIRED = _("Hãy ghi ngày của quyết định hủy bỏ, thu hồi.")
REVOKE_IN_FUTURE = _("Ngày quyết định hủy bỏ, thu hồi không được sau hôm nay.")
REVOKE_BEFORE_DECISION = _("Quyết định hủy bỏ phải ban hành sau quyết định khen thưởng %(number)s (ngày %(date)s).")
REVOKE_BY_DECISION_ONLY = _("Khen thưởng này do Quyết định số %s ban hành trong hệ thống: chỉ hủy bỏ được bằng một "
                            "quyết định hủy bỏ, lập từ trang của quyết định đó.")
ALREADY_REVOKED = _("«%s» đã bị hủy bỏ, thu hồi trước đó.")
TITLE_REQUIRED = _("Hãy ghi tên sáng kiến.")
SCOPE_INVALID = _("Phạm vi công nhận «%s» không hợp lệ.")
RECOGNIZED_IN_FUTURE = _("Ngày công nhận không được sau hôm nay.")
RECOGNIZED_BEFORE_YEAR = _("Ngày công nhận (%(date)s) trước năm của sáng kiến (%(year)s).")
AUTHORS_REQUIRED = _("Sáng kiến phải có ít nhất một tác giả.")
AUTHOR_TWICE = _("«%s» được ghi hai lần trong danh sách tác giả.")
AUTHOR_OUT_OF_SCOPE = _("Không tìm thấy tác giả trong phạm vi quản lý của bạn.")
SHARE_INVALID = _("Tỷ lệ đóng góp của mỗi tác giả phải lớn hơn 0 và không quá 100.")
SHARES_NOT_100 = _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%% (đang là %s%%).")
USED_FOR_UNKNOWN = _("Mã «%s» (đã dùng để xét) không có trong danh mục.")

BASE_LEVELS = frozenset({AuthorityLevel.XA, AuthorityLevel.CO_QUAN})
SUBJECT_WORDS = {
    SubjectKind.INDIVIDUAL: _("cá nhân"), SubjectKind.COLLECTIVE: _("tập thể"),
    SubjectKind.HOUSEHOLD: _("hộ gia đình"),
}


def award_perm(kind: KindInfo) -> str:
    """The permission recording KIND needs: the unit's own kinds (decided by a commune
    chairman or a head of agency) for unit officers; any higher level for the secretariat."""
    return Perm.AWARD_CHANGE if BASE_LEVELS & set(kind.authority_levels) else Perm.AWARD_CHANGE_ALL


def _check_document(actor, document) -> None:
    if document is not None:
        access.require(actor, Perm.DOCUMENT_VIEW, document)


def _check_year_and_date(year: int, on: dt.date, field: str, today: dt.date, in_future, before_year) -> None:
    """An achievement YEAR from FIRST_YEAR to this year, and the date ON (field FIELD) that
    recognised it neither after TODAY (IN_FUTURE) nor before that year (BEFORE_YEAR)."""
    if not FIRST_YEAR <= year <= today.year:
        raise ApplicationError(YEAR_OUT_OF_RANGE % {"first": FIRST_YEAR, "last": today.year}, {"field": "year"})
    if on > today:
        raise ApplicationError(in_future, {"field": field})
    if on.year < year:
        raise ApplicationError(before_year % {"date": on.strftime("%d/%m/%Y"), "year": year}, {"field": field})


def _decision_named(actor, document, number: str, issuer: str) -> tuple[str, str]:
    """The number and issuer of the decision a row is recorded by: as typed, else DOCUMENT's
    (which the actor must see). ApplicationError when there is no number either way."""
    _check_document(actor, document)
    number = clean_name(number) or (document.number if document is not None else "")
    issuer = clean_name(issuer) or (document.issuer if document is not None else "")
    if not number:
        raise ApplicationError(DECISION_REQUIRED, {"field": "decision_number"})
    return number, issuer


@transaction.atomic
def award_record(
    *, actor, kind: str, year: int, decided_on: dt.date, person: Person | None = None, unit=None,
    household: bool = False, document=None, decision_number: str = "", issuer: str = "",
    period_from: int | None = None, period_to: int | None = None, commendation_type: str = CommendationType.CONG_TRANG,
    achievement: str = "", money: int | None = None, held_unit=None, reason: str = "",
    kinds: dict[str, KindInfo] | None = None, prices: MoneyTable | None = None, today: dt.date | None = None,
) -> Award:
    """Record that KIND was given for YEAR to PERSON (HOUSEHOLD: to their household) or to
    UNIT, by a decision dated DECIDED_ON (DOCUMENT, or its number as text).

    MONEY defaults to the catalog amount (coefficient × base salary that day, rounded up),
    None when no base salary is known for the date. KINDS and PRICES let a bulk caller
    pass the catalog once. Raises PermissionDenied when the actor may not record this kind
    for this subject, ApplicationError (with the form field in `extra`) for anything the
    ledger refuses: unknown kind, subject the kind does not accept, dates, a second title
    of a kind for the same subject and year.
    """
    today = today or dt.date.today()
    if (person is None) == (unit is None):
        raise ApplicationError(NEEDS_ONE_SUBJECT)
    kinds = kinds if kinds is not None else current_kinds()
    info = kinds.get(kind)
    if info is None:
        raise ApplicationError(KIND_UNKNOWN % kind, {"field": "kind"})
    subject_kind = SubjectKind.COLLECTIVE if unit is not None else (
        SubjectKind.HOUSEHOLD if household else SubjectKind.INDIVIDUAL)
    target = person if person is not None else unit
    if person is not None:
        person = Person.objects.select_for_update().select_related("current_unit").get(pk=person.pk)
        target = person
    access.require(actor, award_perm(info), target)
    if not info.accepts(subject_kind):
        raise ApplicationError(SUBJECT_NOT_ACCEPTED % {"name": info.name, "subject": SUBJECT_WORDS[subject_kind]},
                               {"field": "kind"})
    _check_year_and_date(year, decided_on, "decided_on", today, DATE_IN_FUTURE, DECIDED_BEFORE_YEAR)
    if (period_from is not None and period_to is not None and period_from > period_to) or any(
            p is not None and not FIRST_YEAR <= p <= decided_on.year for p in (period_from, period_to)):
        raise ApplicationError(PERIOD_INVALID, {"field": "period_from"})
    if commendation_type not in CommendationType.values:
        raise ApplicationError(TYPE_INVALID % commendation_type, {"field": "commendation_type"})
    decision_number, issuer = _decision_named(actor, document, decision_number, issuer)
    if money is not None and (not isinstance(money, int) or money < 0):
        raise ApplicationError(MONEY_INVALID, {"field": "money"})
    if money is not None and money > MONEY_MAX:
        raise ApplicationError(MONEY_TOO_BIG, {"field": "money"})

    if money is None:
        try:
            money = (prices or money_table()).amount(kind, subject_kind, decided_on)
        except MoneyUnknown:
            money = None
    if unit is not None:
        held_unit = unit
    elif held_unit is None:
        held_unit = held_units({(person.pk, year)}).get((person.pk, year), person.current_unit)
    # The sector is the one of the unit the subject belonged to that year.
    require_suits([kind], unit=held_unit, person_name=person.full_name if person is not None else "",
                  limited={kind: info.sectors} if info.sectors else {})

    award = Award(
        subject_kind=subject_kind, person=person, unit=unit, held_unit=held_unit, kind=kind, is_title=info.is_title,
        year=year, period_from=period_from, period_to=period_to, commendation_type=commendation_type,
        decided_on=decided_on, document=document, decision_number=decision_number, issuer=issuer,
        achievement=(achievement or "").strip(), money=money,
    )
    refuse_title_clashes([award], kinds, field="kind")
    return ledger_add(actor=actor, award=award, reason=reason)


def refuse_title_clashes(awards: Sequence[Award], kinds: dict[str, KindInfo], *, field: str) -> None:
    """Raise ApplicationError (naming FIELD) for the first of AWARDS, new rows, that is a
    title its subject already holds, not revoked, for the same kind and year. One query."""
    titles = [a for a in awards if a.is_title]
    if not titles:
        return
    held = Award.objects.filter(
        Q(person__in={a.person_id for a in titles if a.person_id}) | Q(unit__in={a.unit_id for a in titles
                                                                                 if a.unit_id}),
        is_title=True, revoked=False, kind__in={a.kind for a in titles}, year__in={a.year for a in titles},
    ).only("person_id", "unit_id", "subject_kind", "kind", "year", "decision_number")
    found = {(subject_key(a.person_id, a.unit_id, a.subject_kind), a.kind, a.year): a for a in held}
    for award in titles:
        clash = found.get((subject_key(award.person_id, award.unit_id, award.subject_kind), award.kind, award.year))
        if clash is not None:
            raise ApplicationError(TITLE_EXISTS % {
                "subject": award.subject, "name": kinds[award.kind].name, "year": award.year,
                "number": clash.decision_number,
            }, {"field": field})


def subject_key(person_id, unit_id, subject_kind) -> tuple:
    """One subject of the ledger as a key: a unit, or a person as an individual or as their
    household (a person's own titles and their household's are apart)."""
    return ("u", unit_id) if unit_id else ("p", person_id, subject_kind)


def ledger_add(*, actor, award: Award, reason: str = "") -> Award:
    """Validate, save and audit AWARD, a new ledger row: the one place a row is written.

    Callers have authorised the write and checked it against the catalog and the ledger:
    `award_record` (`award.change` over the subject) and the signing of a decision
    (`decisions.services`, `decision.sign` over the authority). Runs in their transaction.
    """
    award.created_by = actor if getattr(actor, "pk", None) else None
    if award.person_id and not award.position_group:
        award.position_group = award.person.position_group
    award.full_clean(validate_constraints=False)
    award.save()
    audit.record(actor=actor, action=A.AWARD_RECORD, target=award, unit_path=award.scope_path,
                 after=audit.snapshot(award, AUDIT_FIELDS), reason=reason)
    return award


AUDIT_FIELDS = ["subject_kind", "person", "unit", "held_unit", "kind", "year", "period_from", "period_to",
                "commendation_type", "decided_on", "document", "decision_number", "issuer", "achievement", "money",
                "exception_grounds", "revoked", "revoked_by_document", "revoked_number", "revoked_on", "revoked_reason"]
REVOKE_FIELDS = ["revoked", "revoked_by_document", "revoked_number", "revoked_on", "revoked_reason"]


def _revocation_authority(award: Award, document) -> str | None:
    """The path of the authority of the revocation decision of thidua whose DOCUMENT lists
    AWARD (a line of `decisions.Recipient` with `revoked_award`), or None."""
    if document is None:
        return None
    return award.revocation_lines.filter(decision__document=document).values_list(
        "decision__authority__path", flat=True).first()


@transaction.atomic
def award_revoke(
    *, actor, award: Award, reason: str, document=None, number: str = "", revoked_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Award:
    """Mark AWARD revoked for REASON by a later decision; it stays in the ledger, marked,
    and leaves every chain the rules engine counts. The one place an award is revoked.

    The revoking decision is DOCUMENT, or — a paper decision not kept in Văn bản — its
    NUMBER and date REVOKED_ON (not used when DOCUMENT is given: the document carries both).
    Who may, by where the award was decided (LAW.md §D7, DESIGN.md §7):
    - by a decision issued in thidua: only by a revocation decision of thidua that lists it
      (`decisions.services.decision_revoke`, which passes that decision's document); the
      actor signs for that decision's authority (`decision.sign`) or records its issues
      (`decision.issue`);
    - recorded by hand, imported, or decided outside thidua: by recording the paper
      decision, with `award.revoke` over the subject.

    Raises PermissionDenied without the permission of the way in; ApplicationError when the
    award is already revoked, was decided in thidua and no revocation decision of thidua
    lists it, or the reason or the decision (number and date) is missing, or the decision
    is dated in the future or before the award's.
    """
    today = today or dt.date.today()
    award = Award.objects.select_for_update(of=("self",)).select_related("person__current_unit", "unit").get(
        pk=award.pk)
    path = award.scope_path
    authority_path = _revocation_authority(award, document)
    if authority_path is not None:
        # The revocation decision's own service asked who records it (`decision_revoke`).
        if not any(access.covers(actor, perm, authority_path) for perm in (Perm.DECISION_SIGN, Perm.DECISION_ISSUE)):
            access.refuse(actor, "award.revoke", award)
    else:
        access.require(actor, Perm.AWARD_REVOKE, path=path)
    if award.revoked:
        raise ApplicationError(ALREADY_REVOKED % award)
    if authority_path is None and decided_in_thidua(award):
        raise ApplicationError(REVOKE_BY_DECISION_ONLY % award.decision_number)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(REVOKE_REASON_REQUIRED, {"field": "reason"})
    if document is not None:
        if authority_path is None:
            _check_document(actor, document)
        number, revoked_on = "", None
        day = document.issued_on
    else:
        number = clean_name(number)
        if not number:
            raise ApplicationError(REVOKE_DECISION_REQUIRED, {"field": "document"})
        if revoked_on is None:
            raise ApplicationError(REVOKE_DATE_REQUIRED, {"field": "revoked_on"})
        day = revoked_on
    if day is not None and day > today:
        raise ApplicationError(REVOKE_IN_FUTURE, {"field": "revoked_on"})
    if day is not None and day < award.decided_on:
        raise ApplicationError(REVOKE_BEFORE_DECISION % {
            "number": award.decision_number, "date": award.decided_on.strftime("%d/%m/%Y")}, {"field": "revoked_on"})
    before = audit.snapshot(award, REVOKE_FIELDS)
    award.revoked, award.revoked_by_document, award.revoked_reason = True, document, reason
    award.revoked_number, award.revoked_on, award.revoked_at = number, revoked_on, timezone.now()
    award.save(update_fields=[*REVOKE_FIELDS, "revoked_at"])
    audit.record(actor=actor, action=A.AWARD_REVOKE, target=award, unit_path=path, before=before,
                 after=audit.snapshot(award, REVOKE_FIELDS), reason=reason)
    return award


def _share(value) -> Decimal:
    try:
        share = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ApplicationError(SHARE_INVALID, {"field": "authors"}) from None
    if not share.is_finite() or not Decimal(0) < share <= Decimal(100):
        raise ApplicationError(SHARE_INVALID, {"field": "authors"})
    return share.quantize(Decimal("0.01"))


@transaction.atomic
def initiative_record(
    *, actor, unit, title: str, year: int, scope: str, recognized_on: dt.date,
    authors: Sequence[tuple[Person, Decimal | int | str]], document=None, decision_number: str = "",
    issuer: str = "", summary: str = "", used_for: str | None = None, reason: str = "",
    known_codes: set[str] | None = None, today: dt.date | None = None,
) -> Initiative:
    """Record an initiative applied in UNIT, recognised on RECOGNIZED_ON at SCOPE, with its
    AUTHORS as (person, share %) — the shares add up to exactly 100.

    Raises PermissionDenied without `initiative.change` over UNIT; ApplicationError for a
    missing title or decision, dates, a bad scope, an author the actor cannot see, an
    author given twice, or shares that do not add up to 100.
    """
    today = today or dt.date.today()
    access.require(actor, Perm.INITIATIVE_CHANGE, unit)
    title = clean_name(title)
    if not title:
        raise ApplicationError(TITLE_REQUIRED, {"field": "title"})
    if scope not in InitiativeScope.values:
        raise ApplicationError(SCOPE_INVALID % scope, {"field": "scope"})
    _check_year_and_date(year, recognized_on, "recognized_on", today, RECOGNIZED_IN_FUTURE, RECOGNIZED_BEFORE_YEAR)
    decision_number, issuer = _decision_named(actor, document, decision_number, issuer)
    used_for = (used_for or "").strip() or None
    if used_for is not None:
        codes = known_codes if known_codes is not None else set(current_kinds())
        if used_for not in codes:
            raise ApplicationError(USED_FOR_UNKNOWN % used_for, {"field": "used_for"})
    if not authors:
        raise ApplicationError(AUTHORS_REQUIRED, {"field": "authors"})
    rows: list[tuple[Person, Decimal]] = []
    seen: set[int] = set()
    for person, share in authors:
        if not access.can(actor, Perm.PEOPLE_VIEW, person):
            raise ApplicationError(AUTHOR_OUT_OF_SCOPE, {"field": "authors"})
        if person.pk in seen:
            raise ApplicationError(AUTHOR_TWICE % person.full_name, {"field": "authors"})
        seen.add(person.pk)
        rows.append((person, _share(share)))
    total = sum((s for _p, s in rows), Decimal(0))
    if total != Decimal(100):
        raise ApplicationError(SHARES_NOT_100 % format(total.normalize(), "f").replace(".", ","), {"field": "authors"})

    initiative = Initiative(
        title=title, unit=unit, year=year, scope=scope, recognized_on=recognized_on, document=document,
        decision_number=decision_number, issuer=issuer, summary=(summary or "").strip(), used_for=used_for,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    initiative.full_clean()
    initiative.save()
    InitiativeAuthor.objects.bulk_create(
        [InitiativeAuthor(initiative=initiative, person=p, share=s) for p, s in rows])
    bulk_written.send(sender=InitiativeAuthor, person_ids=[p.pk for p, _s in rows])
    # "authors" is the reverse relation's name: the history panel would look it up as a
    # field, so the list goes under its Vietnamese label instead.
    audit.record(actor=actor, action=A.INITIATIVE_RECORD, target=initiative, unit_path=unit.path,
                 after=audit.snapshot(initiative) | {"tác giả": [f"{p.full_name} ({s} %)" for p, s in rows]},
                 reason=reason)
    return initiative
