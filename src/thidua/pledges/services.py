"""Writes to pledges, scoring tables and scoring rounds.

Every service is keyword-only, takes `actor` first and runs in one transaction: it locks
what it changes (the round first, then the sheet, then its scores), asks `policy.standing`
whether the actor may, checks the state and the deadlines, writes, and records one
AuditEvent. Refusals are `ApplicationError`s with the Vietnamese messages below.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import audit, concurrency, uploads
from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name, display_name
from thidua.org.models import Bloc, Unit
from thidua.pledges import audit_actions as A
from thidua.pledges import policy, ranking, selectors
from thidua.pledges.models import (
    EVIDENCE_TYPES,
    Criterion,
    CriterionGroup,
    CriterionKind,
    Evidence,
    PanelMember,
    PanelScore,
    Pledge,
    PledgeSignature,
    PledgeStatus,
    Proposal,
    RoundKind,
    RoundMode,
    RoundStatus,
    Score,
    ScoreSheet,
    ScoringRound,
)

PLEDGE_EXISTS = _("Khối này đã có giao ước thi đua năm %(year)s.")
NOT_DRAFT = _("Bảng tiêu chí đã ban hành; chỉ sửa được khi giao ước đang soạn thảo.")
PLEDGE_CLOSED = _("Giao ước đã kết thúc; không thể thay đổi.")
PLEDGE_NOT_OPEN = _("Giao ước chưa ban hành hoặc đã kết thúc.")
NOTHING_TO_COPY = _("Khối chưa có bảng tiêu chí của năm nào trước năm %(year)s để sao chép.")
TABLE_NOT_EMPTY = _("Bảng tiêu chí đã có nội dung; chỉ sao chép được vào bảng trống.")
NO_STANDARD_CRITERION = _("Bảng tiêu chí cần ít nhất một tiêu chí chấm điểm trước khi ban hành.")
CANNOT_RETURN_TO_DRAFT = _("Đã có đơn vị ký hoặc đã mở đợt chấm điểm; không thể trả giao ước về soạn thảo.")
ROUNDS_NOT_LOCKED = _("Còn đợt chấm điểm chưa chốt kết quả; hãy chốt trước khi kết thúc giao ước.")
GROUP_CODE_TAKEN = _("Số thứ tự nhóm «%(code)s» đã có trong bảng.")
GROUP_NOT_EMPTY = _("Nhóm «%(code)s» còn tiêu chí; hãy xóa hoặc chuyển các tiêu chí sang nhóm khác trước.")
CRITERION_CODE_TAKEN = _("Số thứ tự tiêu chí «%(code)s» đã có trong bảng.")
MAX_POINTS_POSITIVE = _("Điểm tối đa phải lớn hơn 0.")
NOT_A_MEMBER = _("%(unit)s không phải thành viên của khối năm %(year)s.")
ALREADY_SIGNED = _("%(unit)s đã ký giao ước lúc %(at)s.")
NO_MEMBERS = _("Khối chưa có đơn vị thành viên năm %(year)s; hãy cập nhật thành viên khối trước.")
DEADLINES_ORDER = _("Hạn thẩm định phải cùng ngày hoặc sau hạn tự chấm điểm.")
DEADLINE_PAST = _("Hạn %(what)s không được trước hôm nay.")
YEAR_END_EXISTS = _("Giao ước đã có đợt chấm điểm tổng kết năm.")
PANEL_TOO_SMALL = _("Tổ chấm chéo cần ít nhất 2 đơn vị thành viên, để đơn vị trong tổ cũng được đơn vị khác chấm.")
NOT_PANEL_MODE = _("Đợt chấm điểm này do khối trưởng thẩm định, không có tổ chấm chéo.")
NOT_LEADER_MODE = _("Đợt chấm điểm này do tổ chấm chéo chấm; điểm thẩm định là trung bình điểm của tổ.")
PANEL_MEMBER_HAS_SCORED = _("%(unit)s đã chấm chéo; không thể rút khỏi tổ chấm.")
NOT_IN_PANEL = _("%(unit)s không thuộc tổ chấm chéo của đợt này.")
ROUND_LOCKED = _("Đợt chấm điểm đã chốt kết quả; không thể thay đổi.")
SELF_DEADLINE_PASSED = _("Đã hết hạn tự chấm điểm (%(date)s).")
REVIEW_DEADLINE_PASSED = _("Đã hết hạn thẩm định, chấm chéo (%(date)s).")
SHEET_SUBMITTED = _("Bảng tự chấm điểm đã gửi lúc %(at)s; muốn sửa, hãy rút lại trước.")
SHEET_NOT_SUBMITTED = _("Đơn vị chưa gửi bảng tự chấm điểm.")
SHEET_INCOMPLETE = _("Chưa chấm các tiêu chí: %(codes)s.")
EVIDENCE_MISSING = _("Tiêu chí %(codes)s bắt buộc có minh chứng; hãy tải tệp lên trước khi gửi.")
CANNOT_WITHDRAW_REVIEWED = _("Bảng điểm đã được thẩm định, chấm chéo; không thể rút lại.")
POINTS_OUT_OF_RANGE = _("Tiêu chí %(code)s «%(name)s»: điểm phải từ 0 đến %(max)s.")
DEDUCTION_OUT_OF_RANGE = _("Tiêu chí %(code)s «%(name)s»: điểm trừ ghi số dương, từ 0 đến %(max)s.")
POINTS_PRECISION = _("Tiêu chí %(code)s: điểm lấy tối đa 2 chữ số thập phân.")
POINTS_NOT_A_NUMBER = _("Tiêu chí %(code)s: «%(value)s» không phải là số điểm.")
SCORE_STALE = _("Điểm tiêu chí %(code)s vừa được %(who)s sửa (lúc %(at)s); hãy tải lại trang để xem giá trị mới.")
REVIEW_NEEDS_POINTS = _("Tiêu chí %(code)s: cần nhập điểm thẩm định.")
REVIEW_NEEDS_COMMENT = _("Tiêu chí %(code)s: điểm thẩm định khác điểm tự chấm, cần ghi nhận xét nêu lý do.")
PANEL_NEEDS_POINTS = _("Tiêu chí %(code)s: cần nhập điểm chấm chéo.")
SELF_REVIEW = _("Đơn vị không tự thẩm định, tự chấm chéo cho chính mình.")
UNKNOWN_CRITERION = _("Tiêu chí không thuộc bảng điểm này.")
EVIDENCE_LABEL = _("Tệp minh chứng")
NOT_REVIEWED = _("Chưa thẩm định, chấm chéo xong bảng điểm của: %(units)s.")
SELF_SCORING_NOT_OVER = _("Chưa hết hạn tự chấm điểm (%(date)s) và còn %(n)s đơn vị chưa gửi bảng tự chấm.")
NOTHING_TO_RANK = _("Chưa có đơn vị nào gửi bảng tự chấm điểm.")
REASON_REQUIRED = _("Cần ghi lý do mở lại, gia hạn.")

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Entry:
    """One criterion's line of a posted sheet: POINTS (None = blank), NOTE or comment, and
    the VERSION of the score the user loaded."""

    criterion_id: int
    points: Decimal | None
    note: str = ""
    version: int = 0


# --- helpers -----------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str:
    return concurrency.when_text(value)


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _who(user) -> str:
    if user is None:
        return str(concurrency.SOMEONE)
    return display_name(user)


def _pts(value: Decimal | None) -> str | None:
    return None if value is None else ranking.fmt(value)


def parse_points(raw, code: str) -> Decimal | None:
    """A typed number ("8,5" or "8.5") as Decimal; blank is None."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ApplicationError(POINTS_NOT_A_NUMBER % {"code": code, "value": raw}) from None
    if not value.is_finite():
        raise ApplicationError(POINTS_NOT_A_NUMBER % {"code": code, "value": raw})
    return value


def _check_points(criterion: Criterion, points: Decimal | int | str) -> Decimal:
    if not isinstance(points, Decimal):
        points = parse_points(points, criterion.code)
    if points != points.quantize(CENT):
        raise ApplicationError(POINTS_PRECISION % {"code": criterion.code}, {"criterion": criterion.pk})
    if points < 0 or points > criterion.max_points:
        message = DEDUCTION_OUT_OF_RANGE if criterion.kind == CriterionKind.DEDUCTION else POINTS_OUT_OF_RANGE
        raise ApplicationError(message % {"code": criterion.code, "name": criterion.name,
                                          "max": ranking.fmt(criterion.max_points)}, {"criterion": criterion.pk})
    return points.quantize(CENT)


def _locked_scores(sheet: ScoreSheet, *related: str) -> dict[int, Score]:
    """The sheet's scores by criterion, locked for the save that follows."""
    rows = Score.objects.select_for_update(of=("self",)).filter(sheet=sheet).select_related("criterion", *related)
    return {score.criterion_id: score for score in rows}


def _score_for(scores: dict[int, Score], entry) -> Score:
    score = scores.get(entry.criterion_id)
    if score is None:
        raise ApplicationError(UNKNOWN_CRITERION)
    return score


def _check_version(current_version: int, loaded: int, criterion: Criterion, updated_by, updated_at) -> None:
    if current_version != loaded:
        # A score's version lives on the row with its writer (many per sheet, saved in bulk);
        # the refusal is the same kind as every other stale save.
        raise concurrency.StaleError(
            SCORE_STALE % {"code": criterion.code, "who": _who(updated_by), "at": _when(updated_at)},
            {"criterion": criterion.pk, "stale": True, "version": current_version, "who": _who(updated_by),
             "at": updated_at},
        )


def _shown(obj, fields: list[str]) -> dict:
    """Audit values as the history panel shows them: choices by their label, FKs by name."""
    out = audit.snapshot(obj, fields)
    for name in fields:
        field = obj._meta.get_field(name)
        if getattr(field, "choices", None):
            out[name] = str(getattr(obj, f"get_{name}_display")())
    return out


PLEDGE_FIELDS = ["title", "content", "signed_on", "document", "status"]
CRITERION_FIELDS = ["group", "code", "name", "guidance", "max_points", "kind", "evidence_required", "order"]
ROUND_FIELDS = ["name", "kind", "self_score_deadline", "review_deadline", "mode", "bk_proposals", "status"]


def _status(model, value: str) -> dict:
    return {"status": str(dict(model._meta.get_field("status").choices)[value])}


def _lock_pledge(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update(of=("self",)).select_related("bloc__organiser").get(pk=pledge.pk)


def _lock_round(round_id: int) -> ScoringRound:
    return (ScoringRound.objects.select_for_update(of=("self",))
            .select_related("pledge__bloc__organiser").get(pk=round_id))


def _lock_sheet(sheet_id: int) -> ScoreSheet:
    return ScoreSheet.objects.select_for_update(of=("self",)).select_related("unit").get(pk=sheet_id)


def _standing(actor, pledge: Pledge) -> policy.Standing:
    return policy.standing(actor, pledge.bloc, pledge.year)


def _require_draft(pledge: Pledge) -> None:
    if pledge.status != PledgeStatus.DRAFT:
        raise ApplicationError(NOT_DRAFT)


def _require_open(pledge: Pledge) -> None:
    if pledge.status != PledgeStatus.OPEN:
        raise ApplicationError(PLEDGE_NOT_OPEN)


def _require_round_not_locked(rnd: ScoringRound) -> None:
    if rnd.status == RoundStatus.LOCKED:
        raise ApplicationError(ROUND_LOCKED)


def self_closed_reason(rnd: ScoringRound, sheet: ScoreSheet) -> str | None:
    """Why SHEET's own points cannot change now (None: they can)."""
    if rnd.status == RoundStatus.LOCKED:
        return str(ROUND_LOCKED)
    if timezone.localdate() > rnd.self_score_deadline:
        return SELF_DEADLINE_PASSED % {"date": _day(rnd.self_score_deadline)}
    if sheet.submitted_at is not None:
        return SHEET_SUBMITTED % {"at": _when(sheet.submitted_at)}
    return None


def review_closed_reason(rnd: ScoringRound, sheet: ScoreSheet) -> str | None:
    """Why SHEET cannot be reviewed or cross-scored now (None: it can)."""
    if rnd.status == RoundStatus.LOCKED:
        return str(ROUND_LOCKED)
    if timezone.localdate() > rnd.review_deadline:
        return REVIEW_DEADLINE_PASSED % {"date": _day(rnd.review_deadline)}
    if sheet.submitted_at is None:
        return str(SHEET_NOT_SUBMITTED)
    return None


def _require_self_open(rnd: ScoringRound, sheet: ScoreSheet) -> None:
    reason = self_closed_reason(rnd, sheet)
    if reason:
        raise ApplicationError(reason)


def _require_review_open(rnd: ScoringRound, sheet: ScoreSheet) -> None:
    reason = review_closed_reason(rnd, sheet)
    if reason:
        raise ApplicationError(reason)


# --- pledge and table --------------------------------------------------------------------


@transaction.atomic
def pledge_create(*, actor, bloc: Bloc, year: int, title: str, content: str = "",
                  copy_last_year: bool = False) -> Pledge:
    """A draft pledge for BLOC and YEAR (the organiser's secretariat or the bloc leader)."""
    bloc = Bloc.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=bloc.pk)
    policy.require(policy.standing(actor, bloc, year).organiser)
    if Pledge.objects.filter(bloc=bloc, year=year).exists():
        raise ApplicationError(PLEDGE_EXISTS % {"year": year})
    pledge = Pledge.objects.create(bloc=bloc, year=year, title=clean_name(title), content=content.strip(),
                                   created_by=actor)
    audit.record(actor=actor, action=A.PLEDGE_CREATE, target=pledge, unit_path=bloc.organiser.path,
                 after=_shown(pledge, PLEDGE_FIELDS))
    if copy_last_year:
        _copy_table(actor, pledge)
    return pledge


@transaction.atomic
def pledge_update(*, actor, pledge: Pledge, title: str, content: str = "", signed_on: dt.date | None = None,
                  document=None, reason: str = "", version: int | None = None) -> Pledge:
    """Title, content, signing date and the signed document; any time before the pledge
    closes. VERSION: the version the form was opened on (a save on an older one is refused)."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    if pledge.status == PledgeStatus.CLOSED:
        raise ApplicationError(PLEDGE_CLOSED)
    concurrency.require_version(pledge, version, wanted={
        "title": title, "content": content, "signed_on": signed_on, "document": document})
    before = _shown(pledge, PLEDGE_FIELDS)
    pledge.title, pledge.content, pledge.signed_on, pledge.document = clean_name(title), content.strip(), signed_on, \
        document
    pledge.save(update_fields=["title", "content", "signed_on", "document"])
    audit.record(actor=actor, action=A.PLEDGE_UPDATE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before=before, after=_shown(pledge, PLEDGE_FIELDS), reason=reason)
    return pledge


def _copy_table(actor, pledge: Pledge) -> int:
    if pledge.groups.exists() or pledge.criteria.exists():
        raise ApplicationError(TABLE_NOT_EMPTY)
    source = (Pledge.objects.filter(bloc_id=pledge.bloc_id, year__lt=pledge.year, criteria__isnull=False)
              .order_by("-year").first())
    if source is None:
        raise ApplicationError(NOTHING_TO_COPY % {"year": pledge.year})
    groups = list(source.groups.all())
    new_groups = CriterionGroup.objects.bulk_create(
        CriterionGroup(pledge=pledge, code=g.code, name=g.name, order=g.order) for g in groups
    )
    group_map = {old.pk: new.pk for old, new in zip(groups, new_groups, strict=True)}
    criteria = list(source.criteria.all())
    Criterion.objects.bulk_create(
        Criterion(pledge=pledge, group_id=group_map[c.group_id], code=c.code, name=c.name, guidance=c.guidance,
                  max_points=c.max_points, kind=c.kind, evidence_required=c.evidence_required, order=c.order)
        for c in criteria
    )
    if not pledge.content and source.content:
        pledge.content = source.content
        pledge.save(update_fields=["content"])
    audit.record(actor=actor, action=A.PLEDGE_COPY, target=pledge, unit_path=pledge.bloc.organiser.path,
                 after={"from_year": source.year, "groups": len(groups), "criteria": len(criteria)})
    return len(criteria)


@transaction.atomic
def pledge_copy_from_last_year(*, actor, pledge: Pledge) -> int:
    """Copy the bloc's most recent earlier scoring table into PLEDGE's empty draft table;
    returns the number of criteria copied."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_draft(pledge)
    return _copy_table(actor, pledge)


@transaction.atomic
def pledge_open(*, actor, pledge: Pledge) -> Pledge:
    """Issue the table (draft → open): it freezes, members may sign, rounds may open."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_draft(pledge)
    if not pledge.criteria.filter(kind=CriterionKind.STANDARD).exists():
        raise ApplicationError(NO_STANDARD_CRITERION)
    pledge.status = PledgeStatus.OPEN
    pledge.save(update_fields=["status"])
    audit.record(actor=actor, action=A.PLEDGE_OPEN, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before=_status(Pledge, PledgeStatus.DRAFT), after=_status(Pledge, pledge.status))
    return pledge


@transaction.atomic
def pledge_return_to_draft(*, actor, pledge: Pledge, reason: str = "") -> Pledge:
    """Back to draft to fix the table; only while nobody has signed and no round exists."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_open(pledge)
    if pledge.signatures.exists() or pledge.rounds.exists():
        raise ApplicationError(CANNOT_RETURN_TO_DRAFT)
    pledge.status = PledgeStatus.DRAFT
    pledge.save(update_fields=["status"])
    audit.record(actor=actor, action=A.PLEDGE_TO_DRAFT, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before=_status(Pledge, PledgeStatus.OPEN), after=_status(Pledge, pledge.status), reason=reason)
    return pledge


@transaction.atomic
def pledge_close(*, actor, pledge: Pledge) -> Pledge:
    """End the pledge year (the secretariat); every round must be locked."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).manager)
    _require_open(pledge)
    if pledge.rounds.exclude(status=RoundStatus.LOCKED).exists():
        raise ApplicationError(ROUNDS_NOT_LOCKED)
    pledge.status = PledgeStatus.CLOSED
    pledge.save(update_fields=["status"])
    audit.record(actor=actor, action=A.PLEDGE_CLOSE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before=_status(Pledge, PledgeStatus.OPEN), after=_status(Pledge, pledge.status))
    return pledge


@transaction.atomic
def criterion_group_save(*, actor, pledge: Pledge, code: str, name: str, order: int | None = None,
                         group: CriterionGroup | None = None, version: int | None = None) -> CriterionGroup:
    """Add a group to the draft table, or change GROUP (VERSION: the group's version the
    form was opened on; a save on an older one is refused)."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_draft(pledge)
    code = clean_name(code)
    taken = pledge.groups.filter(code=code)
    if group is not None:
        group = pledge.groups.select_for_update().get(pk=group.pk)
        concurrency.require_version(group, version, wanted={"code": code, "name": name,
                                                            **({"order": order} if order is not None else {})})
        taken = taken.exclude(pk=group.pk)
    if taken.exists():
        raise ApplicationError(GROUP_CODE_TAKEN % {"code": code}, {"field": "code"})
    before = audit.snapshot(group) if group else None
    if group is None:
        if order is None:
            order = (max(pledge.groups.values_list("order", flat=True), default=0) or 0) + 1
        group = CriterionGroup.objects.create(pledge=pledge, code=code, name=clean_name(name), order=order)
    else:
        group.code, group.name = code, clean_name(name)
        if order is not None:
            group.order = order
        group.save()
    audit.record(actor=actor, action=A.CRITERION_GROUP_SAVE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before={"group": str(before["code"]) + ". " + before["name"]} if before else None,
                 after={"group": str(group)})
    return group


@transaction.atomic
def criterion_group_delete(*, actor, group: CriterionGroup) -> None:
    pledge = _lock_pledge(group.pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_draft(pledge)
    group = pledge.groups.get(pk=group.pk)
    if group.criteria.exists():
        raise ApplicationError(GROUP_NOT_EMPTY % {"code": group.code})
    label = str(group)
    group.delete()
    audit.record(actor=actor, action=A.CRITERION_GROUP_DELETE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before={"group": label})


@transaction.atomic
def criterion_save(*, actor, pledge: Pledge, group: CriterionGroup, code: str, name: str, max_points: Decimal,
                   kind: str = CriterionKind.STANDARD, evidence_required: bool = False, guidance: str = "",
                   order: int | None = None, criterion: Criterion | None = None,
                   version: int | None = None) -> Criterion:
    """Add a criterion to the draft table, or change CRITERION (VERSION: the criterion's
    version the form was opened on; a save on an older one is refused)."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_draft(pledge)
    if group.pledge_id != pledge.pk:
        raise ApplicationError(UNKNOWN_CRITERION, {"field": "group"})
    code = clean_name(code)
    taken = pledge.criteria.filter(code=code)
    if criterion is not None:
        criterion = pledge.criteria.select_for_update().get(pk=criterion.pk)
        concurrency.require_version(criterion, version, wanted={
            "group": group, "code": code, "name": name, "max_points": max_points, "kind": kind,
            "evidence_required": evidence_required, "guidance": guidance,
            **({"order": order} if order is not None else {})})
        taken = taken.exclude(pk=criterion.pk)
    if taken.exists():
        raise ApplicationError(CRITERION_CODE_TAKEN % {"code": code}, {"field": "code"})
    if max_points is None or max_points <= 0:
        raise ApplicationError(MAX_POINTS_POSITIVE, {"field": "max_points"})
    before = _shown(criterion, CRITERION_FIELDS) if criterion else None
    if criterion is None:
        if order is None:
            order = (max(group.criteria.values_list("order", flat=True), default=0) or 0) + 1
        criterion = Criterion(pledge=pledge)
    criterion.group, criterion.code, criterion.name = group, code, clean_name(name)
    criterion.max_points, criterion.kind, criterion.evidence_required = max_points.quantize(CENT), kind, \
        evidence_required
    criterion.guidance = guidance.strip()
    if order is not None:
        criterion.order = order
    criterion.save()
    audit.record(actor=actor, action=A.CRITERION_SAVE, target=criterion, unit_path=pledge.bloc.organiser.path,
                 before=before, after=_shown(criterion, CRITERION_FIELDS))
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    pledge = _lock_pledge(criterion.pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_draft(pledge)
    criterion = pledge.criteria.get(pk=criterion.pk)
    before = audit.snapshot(criterion)
    criterion.delete()
    audit.record(actor=actor, action=A.CRITERION_DELETE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before={"criterion": f"{before['code']}. {before['name']}"})


@transaction.atomic
def pledge_sign(*, actor, pledge: Pledge, unit: Unit) -> PledgeSignature:
    """Record UNIT's acceptance of the open pledge (its officer or head signs)."""
    pledge = _lock_pledge(pledge)
    standing = _standing(actor, pledge)
    if unit.pk not in standing.members:
        raise ApplicationError(NOT_A_MEMBER % {"unit": unit.name, "year": pledge.year})
    policy.require(standing.acts_for(unit.pk))
    _require_open(pledge)
    existing = pledge.signatures.filter(unit=unit).first()
    if existing is not None:
        raise ApplicationError(ALREADY_SIGNED % {"unit": unit.name, "at": _when(existing.signed_at)})
    signature = PledgeSignature.objects.create(pledge=pledge, unit=unit, signed_by=actor, signed_at=timezone.now())
    audit.record(actor=actor, action=A.PLEDGE_SIGN, target=pledge, unit_path=unit.path,
                 after={"unit": unit.name, "signed_at": _when(signature.signed_at)})
    return signature


# --- rounds ------------------------------------------------------------------------------


def _check_deadlines(self_score_deadline: dt.date, review_deadline: dt.date) -> None:
    if review_deadline < self_score_deadline:
        raise ApplicationError(DEADLINES_ORDER, {"field": "review_deadline"})
    if review_deadline < timezone.localdate():
        raise ApplicationError(DEADLINE_PAST % {"what": _("thẩm định")}, {"field": "review_deadline"})


def _ensure_sheets(rnd: ScoringRound, unit_ids: Iterable[int]) -> None:
    """A sheet and blank scores for every unit of UNIT_IDS that has none yet."""
    have = set(rnd.sheets.values_list("unit_id", flat=True))
    missing = [u for u in unit_ids if u not in have]
    if not missing:
        return
    ScoreSheet.objects.bulk_create(ScoreSheet(round=rnd, unit_id=u) for u in missing)
    sheets = list(rnd.sheets.filter(unit_id__in=missing).values_list("pk", flat=True))
    criteria = list(rnd.pledge.criteria.values_list("pk", flat=True))
    Score.objects.bulk_create((Score(sheet_id=s, criterion_id=c) for s in sheets for c in criteria), batch_size=1000)


@transaction.atomic
def round_open(*, actor, pledge: Pledge, name: str, self_score_deadline: dt.date, review_deadline: dt.date,
               kind: str = RoundKind.YEAR_END, mode: str = RoundMode.LEADER, bk_proposals: int = 2,
               panel_units: Sequence[Unit] = ()) -> ScoringRound:
    """Open a scoring round: a sheet with blank scores for every member unit of the year."""
    pledge = _lock_pledge(pledge)
    standing = _standing(actor, pledge)
    policy.require(standing.organiser)
    _require_open(pledge)
    if self_score_deadline < timezone.localdate():
        raise ApplicationError(DEADLINE_PAST % {"what": _("tự chấm điểm")}, {"field": "self_score_deadline"})
    _check_deadlines(self_score_deadline, review_deadline)
    if kind == RoundKind.YEAR_END and pledge.rounds.filter(kind=RoundKind.YEAR_END).exists():
        raise ApplicationError(YEAR_END_EXISTS, {"field": "kind"})
    if not standing.members:
        raise ApplicationError(NO_MEMBERS % {"year": pledge.year})
    rnd = ScoringRound.objects.create(
        pledge=pledge, name=clean_name(name), kind=kind, self_score_deadline=self_score_deadline,
        review_deadline=review_deadline, mode=mode, bk_proposals=bk_proposals, opened_by=actor,
    )
    _ensure_sheets(rnd, standing.members)
    audit.record(actor=actor, action=A.ROUND_OPEN, target=rnd, unit_path=pledge.bloc.organiser.path,
                 after=_shown(rnd, ROUND_FIELDS))
    if mode == RoundMode.PANEL and panel_units:
        _panel_set(actor, rnd, standing, panel_units)
    return rnd


def _panel_set(actor, rnd: ScoringRound, standing: policy.Standing, units: Sequence[Unit]) -> list[PanelMember]:
    if rnd.mode != RoundMode.PANEL:
        raise ApplicationError(NOT_PANEL_MODE)
    wanted = {u.pk: u for u in units}
    for unit in wanted.values():
        if unit.pk not in standing.members:
            raise ApplicationError(NOT_A_MEMBER % {"unit": unit.name, "year": rnd.pledge.year}, {"field": "units"})
    if len(wanted) < 2:
        raise ApplicationError(PANEL_TOO_SMALL, {"field": "units"})
    current = {p.unit_id: p for p in rnd.panel.select_related("unit")}
    removed = [p for uid, p in current.items() if uid not in wanted]
    scored = set(PanelScore.objects.filter(sheet__round=rnd, reviewer_unit_id__in=[p.unit_id for p in removed])
                 .values_list("reviewer_unit_id", flat=True))
    for p in removed:
        if p.unit_id in scored:
            raise ApplicationError(PANEL_MEMBER_HAS_SCORED % {"unit": p.unit.name}, {"field": "units"})
    PanelMember.objects.filter(pk__in=[p.pk for p in removed]).delete()
    PanelMember.objects.bulk_create(PanelMember(round=rnd, unit_id=uid) for uid in wanted if uid not in current)
    audit.record(actor=actor, action=A.ROUND_PANEL_SET, target=rnd, unit_path=rnd.pledge.bloc.organiser.path,
                 before={"panel": sorted(p.unit.name for p in current.values())},
                 after={"panel": sorted(u.name for u in wanted.values())})
    return list(rnd.panel.all())


@transaction.atomic
def round_panel_set(*, actor, round: ScoringRound, units: Sequence[Unit]) -> list[PanelMember]:
    """Make the round's cross-scoring panel exactly UNITS (members of the bloc that year)."""
    rnd = _lock_round(round.pk)
    standing = _standing(actor, rnd.pledge)
    policy.require(standing.organiser)
    _require_round_not_locked(rnd)
    return _panel_set(actor, rnd, standing, units)


@transaction.atomic
def score_self_set(*, actor, sheet: ScoreSheet, entries: Iterable[Entry], submit: bool = False) -> ScoreSheet:
    """Save the unit's own points and notes; with SUBMIT, also send the sheet for review.

    Each entry carries the version its user loaded; a score changed since is refused
    (SCORE_STALE) and nothing of the save is kept. Unchanged lines are not written.
    """
    rnd = _lock_round(sheet.round_id)
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(sheet.pk)
    policy.require(standing.acts_for(sheet.unit_id))
    _require_self_open(rnd, sheet)
    scores = _locked_scores(sheet, "updated_by")
    now = timezone.now()
    changed, before, after = [], {}, {}
    for entry in entries:
        score = _score_for(scores, entry)
        c = score.criterion
        points = None if entry.points is None else _check_points(c, entry.points)
        note = (entry.note or "").strip()
        if score.self_points == points and score.self_note == note:
            continue
        _check_version(score.version, entry.version, c, score.updated_by, score.updated_at)
        before[c.code] = _pts(score.self_points)
        after[c.code] = _pts(points)
        if score.self_note != note:
            before[f"{c.code} — giải trình"], after[f"{c.code} — giải trình"] = score.self_note, note
        score.self_points, score.self_note = points, note
        score.version += 1
        score.updated_by, score.updated_at = actor, now
        changed.append(score)
    if changed:
        Score.objects.bulk_update(changed, ["self_points", "self_note", "version", "updated_by", "updated_at"])
        audit.record(actor=actor, action=A.SCORE_SELF_SET, target=sheet, unit_path=sheet.unit.path,
                     before=before, after=after)
    if submit:
        _submit(actor, sheet, list(scores.values()), now)
    return sheet


def _submit(actor, sheet: ScoreSheet, scores: list[Score], now) -> None:
    missing = [s.criterion.code for s in scores
               if s.criterion.kind == CriterionKind.STANDARD and s.self_points is None]
    if missing:
        raise ApplicationError(SHEET_INCOMPLETE % {"codes": ", ".join(sorted(missing, key=_code_key))})
    with_files = set(Evidence.objects.filter(score__sheet=sheet).values_list("score_id", flat=True))
    lacking = [s.criterion.code for s in scores
               if s.criterion.evidence_required and s.self_points and s.pk not in with_files]
    if lacking:
        raise ApplicationError(EVIDENCE_MISSING % {"codes": ", ".join(sorted(lacking, key=_code_key))})
    blanks = [s for s in scores if s.self_points is None]  # bonus and deduction lines left empty mean 0
    for s in blanks:
        s.self_points, s.version, s.updated_by, s.updated_at = Decimal("0.00"), s.version + 1, actor, now
    Score.objects.bulk_update(blanks, ["self_points", "version", "updated_by", "updated_at"])
    sheet.submitted_at, sheet.submitted_by = now, actor
    sheet.save(update_fields=["submitted_at", "submitted_by"])
    total = ranking.totals(
        [ranking.CriterionInfo(s.criterion_id, s.criterion.kind, None) for s in scores],
        ranking.UnitPoints(sheet.unit_id, sheet.unit.name, True, {s.criterion_id: s.self_points for s in scores}),
        1,
    ).total
    audit.record(actor=actor, action=A.SCORE_SUBMIT, target=sheet, unit_path=sheet.unit.path,
                 after={"submitted_at": _when(now), "tổng điểm tự chấm": ranking.fmt(total)})


def _code_key(code: str) -> tuple:
    """"1.2" before "1.10"; letters after numbers, never compared with them."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").split("."))


@transaction.atomic
def score_sheet_withdraw(*, actor, sheet: ScoreSheet, reason: str = "") -> ScoreSheet:
    """Take a sent sheet back to correct it, before the self-scoring deadline and any review."""
    rnd = _lock_round(sheet.round_id)
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(sheet.pk)
    policy.require(standing.acts_for(sheet.unit_id))
    _require_round_not_locked(rnd)
    if timezone.localdate() > rnd.self_score_deadline:
        raise ApplicationError(SELF_DEADLINE_PASSED % {"date": _day(rnd.self_score_deadline)})
    if sheet.submitted_at is None:
        raise ApplicationError(SHEET_NOT_SUBMITTED)
    if sheet.scores.filter(accepted_points__isnull=False).exists() or sheet.panel_scores.exists():
        raise ApplicationError(CANNOT_WITHDRAW_REVIEWED)
    before = {"submitted_at": _when(sheet.submitted_at)}
    sheet.submitted_at, sheet.submitted_by = None, None
    sheet.save(update_fields=["submitted_at", "submitted_by"])
    audit.record(actor=actor, action=A.SCORE_WITHDRAW, target=sheet, unit_path=sheet.unit.path,
                 before=before, after={"submitted_at": None}, reason=reason)
    return sheet


def _check_file(upload) -> None:
    """The common upload check (`core.uploads`): size, type by content, a safe name."""
    uploads.check(upload, field="file", label=EVIDENCE_LABEL, types=EVIDENCE_TYPES)


@transaction.atomic
def evidence_add(*, actor, score: Score, file) -> Evidence:
    """Attach FILE to the unit's own score while it may still self-score."""
    sheet_id = Score.objects.values_list("sheet_id", flat=True).get(pk=score.pk)
    rnd = _lock_round(ScoreSheet.objects.values_list("round_id", flat=True).get(pk=sheet_id))
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(sheet_id)
    policy.require(standing.acts_for(sheet.unit_id))
    _require_self_open(rnd, sheet)
    _check_file(file)
    score = Score.objects.select_related("criterion").get(pk=score.pk)
    name = clean_name(file.name.rsplit("/", 1)[-1])[:255]
    evidence = Evidence(score=score, name=name, size=file.size, uploaded_by=actor)
    evidence.file.save(name, file, save=False)
    try:
        evidence.save()
        audit.record(actor=actor, action=A.EVIDENCE_ADD, target=sheet, unit_path=sheet.unit.path,
                     after={f"{score.criterion.code} — minh chứng": name})
    except Exception:
        evidence.file.storage.delete(evidence.file.name)  # no orphan file when the row is not written
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    """Remove an evidence file while its unit may still self-score."""
    evidence = Evidence.objects.select_related("score__criterion").get(pk=evidence.pk)
    rnd = _lock_round(ScoreSheet.objects.values_list("round_id", flat=True).get(pk=evidence.score.sheet_id))
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(evidence.score.sheet_id)
    policy.require(standing.acts_for(sheet.unit_id))
    _require_self_open(rnd, sheet)
    stored, name, code = evidence.file.name, evidence.name, evidence.score.criterion.code
    evidence.delete()
    storage = evidence.file.storage
    if not Evidence.objects.filter(file=stored).exists():  # demo rows share one sample file
        transaction.on_commit(lambda: storage.delete(stored))
    audit.record(actor=actor, action=A.EVIDENCE_REMOVE, target=sheet, unit_path=sheet.unit.path,
                 before={f"{code} — minh chứng": name}, after={f"{code} — minh chứng": None})


@transaction.atomic
def score_review_set(*, actor, sheet: ScoreSheet, entries: Iterable[Entry]) -> ScoreSheet:
    """The leader's (or, for the leader's own unit, the deputy's) accepted points with comments.

    A comment is required wherever the accepted points differ from the unit's own; each
    entry carries the version its user loaded (SCORE_STALE otherwise).
    """
    rnd = _lock_round(sheet.round_id)
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(sheet.pk)
    if rnd.mode != RoundMode.LEADER:
        raise ApplicationError(NOT_LEADER_MODE)
    if sheet.unit_id in standing.own_units and not standing.manager:
        raise ApplicationError(SELF_REVIEW)
    policy.require(standing.may_review(rnd.mode, sheet.unit_id))
    _require_review_open(rnd, sheet)
    scores = _locked_scores(sheet, "updated_by")
    now = timezone.now()
    changed, before, after = [], {}, {}
    for entry in entries:
        score = _score_for(scores, entry)
        c = score.criterion
        if entry.points is None:
            raise ApplicationError(REVIEW_NEEDS_POINTS % {"code": c.code}, {"criterion": c.pk})
        points = _check_points(c, entry.points)
        comment = (entry.note or "").strip()
        if points != score.self_points and not comment:
            raise ApplicationError(REVIEW_NEEDS_COMMENT % {"code": c.code}, {"criterion": c.pk})
        if score.accepted_points == points and score.review_comment == comment:
            continue
        _check_version(score.version, entry.version, c, score.updated_by, score.updated_at)
        before[c.code], after[c.code] = _pts(score.accepted_points), _pts(points)
        if comment != score.review_comment:
            before[f"{c.code} — nhận xét"], after[f"{c.code} — nhận xét"] = score.review_comment, comment
        score.accepted_points, score.review_comment = points, comment
        score.reviewed_by, score.reviewed_at = actor, now
        score.version += 1
        score.updated_by, score.updated_at = actor, now
        changed.append(score)
    if changed:
        Score.objects.bulk_update(changed, ["accepted_points", "review_comment", "reviewed_by", "reviewed_at",
                                            "version", "updated_by", "updated_at"])
        audit.record(actor=actor, action=A.SCORE_REVIEW_SET, target=sheet, unit_path=sheet.unit.path,
                     before=before, after=after)
    return sheet


def panel_mean(points: Sequence[Decimal]) -> Decimal | None:
    """The accepted points of a panel-mode score: the mean of the panel's points, to 0.01
    (half up); None while no panel unit has scored."""
    if not points:
        return None
    return (sum(points, Decimal(0)) / len(points)).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def panel_score_set(*, actor, sheet: ScoreSheet, reviewer_unit: Unit, entries: Iterable[Entry]) -> ScoreSheet:
    """REVIEWER_UNIT's cross-scores for SHEET's unit; the accepted points become the mean of
    the panel's points on each criterion. A unit never scores itself."""
    rnd = _lock_round(sheet.round_id)
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(sheet.pk)
    if rnd.mode != RoundMode.PANEL:
        raise ApplicationError(NOT_PANEL_MODE)
    if reviewer_unit.pk == sheet.unit_id:
        raise ApplicationError(SELF_REVIEW)
    if not rnd.panel.filter(unit=reviewer_unit).exists():
        raise ApplicationError(NOT_IN_PANEL % {"unit": reviewer_unit.name})
    policy.require(standing.acts_for(reviewer_unit.pk))
    _require_review_open(rnd, sheet)
    scores = _locked_scores(sheet)
    mine = {p.criterion_id: p for p in
            PanelScore.objects.select_for_update(of=("self",)).filter(sheet=sheet, reviewer_unit=reviewer_unit)
            .select_related("updated_by")}
    now = timezone.now()
    touched, before, after = [], {}, {}
    for entry in entries:
        score = _score_for(scores, entry)
        c = score.criterion
        if entry.points is None:
            raise ApplicationError(PANEL_NEEDS_POINTS % {"code": c.code}, {"criterion": c.pk})
        points = _check_points(c, entry.points)
        comment = (entry.note or "").strip()
        current = mine.get(c.pk)
        if current is not None and current.points == points and current.comment == comment:
            continue
        _check_version(current.version if current else 0, entry.version, c,
                       current.updated_by if current else None, current.updated_at if current else None)
        before[c.code] = _pts(current.points) if current else None
        after[c.code] = _pts(points)
        if current is None:
            PanelScore.objects.create(sheet=sheet, unit_id=sheet.unit_id, reviewer_unit=reviewer_unit, criterion=c,
                                      points=points, comment=comment, version=1, updated_by=actor, updated_at=now)
        else:
            current.points, current.comment, current.version = points, comment, current.version + 1
            current.updated_by, current.updated_at = actor, now
            current.save(update_fields=["points", "comment", "version", "updated_by", "updated_at"])
        touched.append(score)
    if touched:
        all_points: dict[int, list[Decimal]] = {}
        for cid, pts in PanelScore.objects.filter(sheet=sheet).values_list("criterion_id", "points"):
            all_points.setdefault(cid, []).append(pts)
        for score in touched:
            values = all_points.get(score.criterion_id, [])
            score.accepted_points = panel_mean(values)
            score.review_comment = _("Trung bình điểm chấm chéo của %(n)s đơn vị.") % {"n": len(values)}
            score.reviewed_at, score.reviewed_by = now, None
            score.version += 1
            score.updated_by, score.updated_at = actor, now
        Score.objects.bulk_update(touched, ["accepted_points", "review_comment", "reviewed_at", "reviewed_by",
                                            "version", "updated_by", "updated_at"])
        audit.record(actor=actor, action=A.PANEL_SCORE_SET, target=sheet, unit_path=sheet.unit.path,
                     before={**before, "đơn vị chấm": reviewer_unit.name},
                     after={**after, "đơn vị chấm": reviewer_unit.name})
    return sheet


def _readiness(rnd: ScoringRound) -> None:
    """Refuse ranking while self-scoring is still running or a sent sheet is not fully reviewed."""
    sheets = list(rnd.sheets.select_related("unit").annotate(
        n_open=Count("scores", filter=Q(scores__accepted_points__isnull=True))))
    sent = [s for s in sheets if s.submitted_at is not None]
    unsent = len(sheets) - len(sent)
    if unsent and timezone.localdate() <= rnd.self_score_deadline:
        raise ApplicationError(SELF_SCORING_NOT_OVER % {"date": _day(rnd.self_score_deadline), "n": unsent})
    if not sent:
        raise ApplicationError(NOTHING_TO_RANK)
    if rnd.mode == RoundMode.LEADER:
        pending = [s.unit.name for s in sent if s.n_open]
    else:
        panel = set(rnd.panel.values_list("unit_id", flat=True))
        if len(panel) < 2:
            raise ApplicationError(PANEL_TOO_SMALL)
        n_criteria = rnd.pledge.criteria.count()
        given: dict[int, int] = dict(PanelScore.objects.filter(sheet__round=rnd).values("sheet_id")
                                     .annotate(n=Count("id")).values_list("sheet_id", "n"))
        pending = [s.unit.name for s in sent
                   if given.get(s.pk, 0) < len(panel - {s.unit_id}) * n_criteria or not (panel - {s.unit_id})]
    if pending:
        raise ApplicationError(NOT_REVIEWED % {"units": ", ".join(sorted(pending))})


def _rank(actor, rnd: ScoringRound) -> list[ranking.Row]:
    _readiness(rnd)
    result = selectors.round_ranking(rnd, check_stale=False)  # ranking now: it cannot be stale
    rows = result.rows
    before = list(rnd.proposals.select_related("unit").values_list("unit__name", "code"))
    rnd.proposals.all().delete()
    if rnd.proposes_awards:
        Proposal.objects.bulk_create(
            Proposal(round=rnd, unit_id=r.unit_id, code=r.proposal, rank=r.rank, total=r.total, note=r.proposal_note)
            for r in rows if r.proposal
        )
    now = timezone.now()
    rnd.ranked_at, rnd.ranked_by = now, actor
    rnd.save(update_fields=["ranked_at", "ranked_by"])
    audit.record(
        actor=actor, action=A.ROUND_RANK, target=rnd, unit_path=rnd.pledge.bloc.organiser.path,
        before={"proposals": [f"{name}: {code}" for name, code in before]} if before else None,
        after={"ranking": [f"{r.rank}. {r.name} — {ranking.fmt(r.total) if r.submitted else 'không gửi'}"
                           for r in rows],
               "proposals": [f"{r.name}: {r.proposal}" for r in rows if r.proposal],
               "basis": result.flags_basis},
    )
    return rows


@transaction.atomic
def round_rank(*, actor, round: ScoringRound) -> list[ranking.Row]:
    """Rank the members and (year-end round) rewrite the proposals; re-runnable until locked."""
    rnd = _lock_round(round.pk)
    policy.require(_standing(actor, rnd.pledge).organiser)
    _require_round_not_locked(rnd)
    return _rank(actor, rnd)


@transaction.atomic
def round_lock(*, actor, round: ScoringRound, reason: str = "") -> ScoringRound:
    """Close the round: rank one last time on the final scores, then freeze everything."""
    rnd = _lock_round(round.pk)
    policy.require(_standing(actor, rnd.pledge).organiser)
    _require_round_not_locked(rnd)
    _rank(actor, rnd)
    rnd.status, rnd.locked_at, rnd.locked_by = RoundStatus.LOCKED, timezone.now(), actor
    rnd.save(update_fields=["status", "locked_at", "locked_by"])
    audit.record(actor=actor, action=A.ROUND_LOCK, target=rnd, unit_path=rnd.pledge.bloc.organiser.path,
                 before=_status(ScoringRound, RoundStatus.OPEN), after=_status(ScoringRound, rnd.status), reason=reason)
    return rnd


@transaction.atomic
def round_reopen(*, actor, round: ScoringRound, reason: str, self_score_deadline: dt.date,
                 review_deadline: dt.date) -> ScoringRound:
    """The secretariat reopens or extends a round with new deadlines and a reason.

    Sent sheets stay sent; proposals stay but are no longer final until the round is
    locked again (which ranks again).
    """
    rnd = _lock_round(round.pk)
    policy.require(_standing(actor, rnd.pledge).manager)
    if rnd.pledge.status == PledgeStatus.CLOSED:
        raise ApplicationError(PLEDGE_CLOSED)
    if not (reason or "").strip():
        raise ApplicationError(REASON_REQUIRED, {"field": "reason"})
    _check_deadlines(self_score_deadline, review_deadline)
    before = _shown(rnd, ["status", "self_score_deadline", "review_deadline"])
    rnd.status, rnd.locked_at, rnd.locked_by = RoundStatus.OPEN, None, None
    rnd.self_score_deadline, rnd.review_deadline = self_score_deadline, review_deadline
    rnd.save(update_fields=["status", "locked_at", "locked_by", "self_score_deadline", "review_deadline"])
    _ensure_sheets(rnd, _standing(actor, rnd.pledge).members)
    audit.record(actor=actor, action=A.ROUND_REOPEN, target=rnd, unit_path=rnd.pledge.bloc.organiser.path,
                 before=before, after=_shown(rnd, ["status", "self_score_deadline", "review_deadline"]),
                 reason=reason.strip())
    return rnd
