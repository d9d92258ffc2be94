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
`dossier_document_add` / `dossier_document_remove`, `dossier_check` (judge again). The
receiving side: `dossier_assign`. The public consultation: `opinion_submit` (no account),
`opinion_moderate`, `opinion_handle` (DOSSIER_REVIEW over the receiving unit).

Transitions (`dossiers.workflow.transitions()`, the table in data/workflows/dossier.yaml)
— the services other apps call are marked ★:

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
tree, its own unit). `may(actor, dossier, action)` answers the same question for pages.
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

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import CommendationType
from thidua.awards.services import TYPE_INVALID
from thidua.catalog.models import AuthorityLevel, SubjectKind
from thidua.catalog.selectors import kind_names
from thidua.core import access, audit, concurrency, uploads
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.roles import Perm
from thidua.core.text import clean_name, display_name, fold
from thidua.core.workdays import add_working_days
from thidua.dossiers import audit_actions as A
from thidua.dossiers import checks
from thidua.dossiers.models import (
    CENTRAL_LEVELS,
    FILE_TYPES,
    LIVE_ITEM_STATES,
    ConsultationOpinion,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierItem,
    DossierState,
    ItemSource,
    ItemState,
    OpinionStatus,
)
from thidua.dossiers.workflow import CLEAR, KEEP, DocumentKind, T, transitions, workflow
from thidua.movements.selectors import movements_for
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.people.models import Person

S, IS = DossierState, ItemState

WRONG_STATE = _("Không thể %(action)s hồ sơ đang ở trạng thái «%(state)s».")
NEEDS_REASON = _("Cần ghi rõ lý do %(action)s.")
TITLE_REQUIRED = _("Hãy ghi trích yếu của hồ sơ.")
YEAR_INVALID = _("Năm thành tích phải từ 1945 đến năm nay (%(last)s).")
LEVEL_INVALID = _("Cấp quyết định khen thưởng «%s» không hợp lệ.")
AUTHORITY_NOT_ABOVE = _("Cơ quan tiếp nhận phải là «%(unit)s» hoặc cấp trên của đơn vị.")
UNIT_CLOSED = _("«%s» đã ngừng hoạt động nên không lập hồ sơ mới.")
MOVEMENT_UNKNOWN = _("Không tìm thấy phong trào thi đua đã chọn.")
HEADER_LOCKED = _("Hồ sơ đã có trường hợp đề nghị: không đổi năm, cấp quyết định hay loại hình khen thưởng được "
                  "nữa; hãy lập hồ sơ khác.")
NOT_EDITABLE = _("Hồ sơ đang ở trạng thái «%s»: không sửa được nội dung.")
ITEMS_ONLY_IN_DRAFT = _("Chỉ thêm trường hợp khi hồ sơ đang lập; hồ sơ bị trả lại chỉ sửa các trường hợp bị trả "
                        "lại.")
ITEM_NOT_EDITABLE = _("«%s» không bị trả lại nên không sửa được; chỉ sửa những trường hợp bị trả lại.")
KIND_UNKNOWN = _("Mã «%s» không có trong danh mục danh hiệu, hình thức khen thưởng đang áp dụng.")
SUBJECT_NOT_ACCEPTED = _("«%(name)s» không tặng cho %(subject)s (%(who)s).")
KIND_NOT_AT_LEVEL = _("«%(name)s» không do %(level)s quyết định; hãy đề nghị trong hồ sơ gửi đúng cấp.")
SUBJECT_OUTSIDE = _("%(who)s không thuộc «%(unit)s» nên không đề nghị trong hồ sơ này.")
PERIOD_INVALID = _("Thời kỳ thành tích của %(who)s không hợp lệ: từ năm không được sau đến năm, và đến năm không "
                   "sau năm thành tích của hồ sơ (%(year)s).")
LISTED_TWICE = _("%(who)s được chọn hai lần cho «%(name)s» năm %(year)s.")
ALREADY_PROPOSED = _("Đã có đề nghị trùng (cùng đối tượng, hình thức và năm) đang được xử lý: %s.")
NOTHING_TO_ADD = _("Chưa chọn trường hợp nào.")
JUSTIFICATION_REQUIRED = _("Hãy ghi nội dung giải trình.")
NO_FLAGS = _("Trường hợp này không có cảnh báo nào cần giải trình.")
EMPTY_DOSSIER = _("Hồ sơ chưa có trường hợp đề nghị nào.")
INELIGIBLE_UNJUSTIFIED = _("Chưa đủ điều kiện theo bộ quy tắc mà chưa có giải trình: %s.")
DUPLICATE_UNJUSTIFIED = _("Trùng thành tích đã khen thưởng hoặc đang đề nghị mà chưa có giải trình: %s.")
MISSING_DOCUMENTS = _("Hồ sơ còn thiếu: %s.")
QUOTA_UNJUSTIFIED = _("Danh sách vượt tỷ lệ mà chưa có giải trình: %s")
DOCUMENT_KIND_UNKNOWN = _("Loại tài liệu «%s» không hợp lệ.")
DOCUMENT_NEEDS_ITEM = _("«%s» là tài liệu của từng trường hợp: hãy chọn trường hợp.")
DOCUMENT_NOT_ITEM = _("«%s» là tài liệu chung của hồ sơ, không gắn với một trường hợp.")
FILE_LABEL = _("Tệp")
ASSIGNEE_NOT_REVIEWER = _("«%s» không có quyền thẩm định hồ sơ của cơ quan tiếp nhận.")
NOTHING_SELECTED = _("Chưa chọn trường hợp nào để thẩm định.")
ITEM_NOT_REVIEWABLE = _("«%(name)s» đang ở trạng thái «%(state)s», không thẩm định được lúc này.")
ACCEPT_FLAGGED = _("«%s» có cảnh báo chưa được giải trình; cần giải trình trước khi nhất trí trình.")
EXCLUDE_NEEDS_REASON = _("Hãy ghi lý do không trình «%s».")
RETURN_NEEDS_REASON = _("Hãy chọn lý do trả lại hoặc ghi ý kiến (cho hồ sơ hoặc cho từng trường hợp).")
ITEM_RETURN_NEEDS_REASON = _("Trường hợp %s: hãy chọn lý do trả lại hoặc ghi ý kiến cụ thể.")
RETURN_CODE_UNKNOWN = _("Lý do trả lại «%s» không hợp lệ.")
RETURN_FIELD_UNKNOWN = _("Nội dung cần sửa «%s» không hợp lệ.")
RETURN_OTHER_NEEDS_COMMENT = _("Đã chọn «Lý do khác»: hãy ghi rõ lý do.")
STILL_UNREVIEWED = _("Còn %(n)d trường hợp chưa thẩm định xong: %(names)s.")
NOTHING_ACCEPTED = _("Chưa có trường hợp nào được nhất trí trình.")
NO_CONSULTATION_NEEDED = _("Không có trường hợp nào thuộc diện phải lấy ý kiến công khai.")
CONSULTATION_DAYS_INVALID = _("Thời gian lấy ý kiến phải từ %d ngày làm việc trở lên.")
CONSULTATION_REQUIRED = _("Phải lấy ý kiến công khai (%s) trước khi trình Hội đồng.")
CONSULTATION_NOT_OVER = _("Thời gian lấy ý kiến công khai đến hết ngày %s; chưa kết thúc được.")
OPINIONS_UNMODERATED = _("Còn %d ý kiến góp ý chưa được duyệt.")
OPINIONS_UNHANDLED = _("Còn %d ý kiến góp ý đã đăng chưa ghi kết quả xử lý.")
VOTE_NOT_ON_AGENDA = _("«%s» không thuộc danh sách trình Hội đồng của hồ sơ này.")
VOTE_OUTCOME_INVALID = _("Kết quả bỏ phiếu «%s» không hợp lệ.")
VOTE_LOWER_INVALID = _("Hình thức thấp hơn «%(code)s» không phù hợp với «%(name)s».")
NOTHING_APPROVED = _("Không có trường hợp nào được Hội đồng nhất trí.")
CENTRAL_FORWARD = _("Hồ sơ khen thưởng cấp Nhà nước được trình lên cấp trên, không dự thảo quyết định tại đây.")
NOT_CENTRAL = _("Chỉ hồ sơ khen thưởng cấp Nhà nước mới trình lên cấp trên.")
FORWARD_MIXED = _("Các hồ sơ trình cấp trên cùng lúc phải cùng cơ quan tiếp nhận, cùng cấp quyết định và loại hình "
                  "khen thưởng.")
FORWARD_NOTHING_SELECTED = _("Chưa chọn hồ sơ nào để trình cấp trên.")
FORWARD_PAPER_MISSING = _("Chưa có «%(kind)s» của %(unit)s: hãy tải lên bản đã ký để trình cấp trên.")
AWARD_MISMATCH = _("Khen thưởng ghi cho «%s» không khớp với đối tượng, hình thức được đề nghị.")
DECIDED_NOT_APPROVED = _("«%s» không ở trạng thái chờ quyết định.")
CONSULTATION_CLOSED = _("Hồ sơ này không (hoặc không còn) lấy ý kiến công khai.")
OPINION_ITEM_UNKNOWN = _("Trường hợp được góp ý không có trong danh sách công khai.")
OPINION_FIELDS_REQUIRED = _("Hãy ghi họ tên, địa chỉ liên hệ và nội dung ý kiến.")
OPINION_TOO_LONG = _("Nội dung ý kiến dài quá %d ký tự.")
RATE_LIMITED = _("Bạn đã gửi %d ý kiến trong một giờ qua; hãy gửi lại sau.")
HANDLING_REQUIRED = _("Hãy ghi kết quả xử lý ý kiến.")

ACTION_WORDS = {
    "submit": _("trình"), "receive": _("tiếp nhận"), "accept": _("thẩm định"), "return": _("trả lại"),
    "resubmit": _("trình lại"), "open_consultation": _("lấy ý kiến công khai"),
    "close_consultation": _("kết thúc lấy ý kiến"), "to_council": _("trình Hội đồng"),
    "recall": _("rút khỏi Hội đồng"), "record_votes": _("ghi kết quả bỏ phiếu"),
    "draft_decision": _("dự thảo quyết định cho"), "decide": _("ghi quyết định cho"),
    "refuse": _("không khen thưởng"), "forward": _("trình cấp trên"), "cancel": _("hủy"),
}
_AUDIT = {
    "submit": A.DOSSIER_SUBMIT, "receive": A.DOSSIER_RECEIVE, "accept": A.DOSSIER_ACCEPT,
    "return": A.DOSSIER_RETURN, "resubmit": A.DOSSIER_RESUBMIT, "open_consultation": A.DOSSIER_OPEN_CONSULTATION,
    "close_consultation": A.DOSSIER_CLOSE_CONSULTATION, "to_council": A.DOSSIER_TO_COUNCIL,
    "recall": A.DOSSIER_RECALL, "record_votes": A.DOSSIER_RECORD_VOTES, "draft_decision": A.DOSSIER_DRAFT_DECISION,
    "decide": A.DOSSIER_DECIDE, "refuse": A.DOSSIER_REFUSE, "forward": A.DOSSIER_FORWARD,
    "cancel": A.DOSSIER_CANCEL,
}
SUBJECT_WORDS = {SubjectKind.INDIVIDUAL: _("cá nhân"), SubjectKind.COLLECTIVE: _("tập thể"),
                 SubjectKind.HOUSEHOLD: _("hộ gia đình")}
EXTERNAL_AUTHORITIES = {
    AuthorityLevel.THU_TUONG: _("Thủ tướng Chính phủ (qua Bộ Nội vụ)"),
    AuthorityLevel.CHU_TICH_NUOC: _("Chủ tịch nước (qua Thủ tướng Chính phủ, Bộ Nội vụ)"),
    AuthorityLevel.TRUNG_UONG: _("Cơ quan trung ương"),
}
OPINION_MAX = 5000
AUDIT_LIST_MAX = 200


# Audit keys that are not fields of Dossier, shown under these words in the history panel
# (keys that are fields are labelled by the panel itself).
AUDIT_KEYS = {
    "count": _("số trường hợp"), "item": _("trường hợp"), "justification": _("giải trình"),
    "flags": _("cảnh báo được giải trình"), "flagged": _("số trường hợp có cảnh báo"), "document": _("tài liệu"),
    "quota": _("vượt tỷ lệ"), "corrected": _("trường hợp đã sửa"), "accepted": _("nhất trí trình"),
    "excluded": _("không trình"), "codes": _("lý do trả lại hồ sơ"), "published": _("công khai lấy ý kiến"),
    "until": _("lấy ý kiến đến ngày"), "opinions": _("số ý kiến góp ý"), "votes": _("kết quả bỏ phiếu"),
    "reference": _("phiên họp, văn bản"), "waiting": _("số trường hợp chờ phiên họp sau"),
    "decision_number": _("số quyết định"), "decided": _("số trường hợp được khen thưởng"),
    "refused": _("số trường hợp không được khen thưởng"), "to": _("trình đến"), "opinion": _("ý kiến số"),
    "name": _("người góp ý"), "status": _("trạng thái ý kiến"), "handling": _("kết quả xử lý"),
    "kind": _("hình thức đề nghị"), "period_from": _("thành tích từ năm"), "period_to": _("thành tích đến năm"),
    "achievement": _("tóm tắt thành tích"), "report_text": _("báo cáo thành tích"),
    "papers": _("văn bản của cơ quan trình"),
}


def _record(*, before: dict | None = None, after: dict | None = None, **kwargs):
    def label(data):
        return {_vi(AUDIT_KEYS[k]) if k in AUDIT_KEYS else k: v for k, v in data.items()} if data else data

    return audit.record(before=label(before), after=label(after), **kwargs)


def _vi(text) -> str:
    with translation.override("vi"):
        return str(text)


def _state_label(state: str) -> str:
    return _vi(S(state).label)


def _now():
    return timezone.now()


def _today() -> dt.date:
    return timezone.localdate()


# --- permissions and the transition table ---------------------------------------------------


def _path(dossier: Dossier, on: str) -> str:
    return dossier.unit.path if on == "unit" else dossier.authority_path


def _holds(actor, perms: Iterable[str], path: str) -> bool:
    return any(access.covers(actor, perm, path) for perm in perms)


def may(actor, dossier: Dossier, action: str) -> bool:
    """Whether ACTOR may do ACTION (a transition's action, "edit", "check" or "moderate") on
    DOSSIER now: the rule the services apply, asked without logging a refusal."""
    if action == "edit":
        return dossier.is_editable and access.covers(actor, Perm.DOSSIER_CHANGE, dossier.unit.path)
    if action in ("check", "justify"):
        return may(actor, dossier, "edit") or _reviewing(actor, dossier)
    if action == "moderate":
        return dossier.state in (S.CONSULTATION, S.UNDER_REVIEW) and access.covers(
            actor, Perm.DOSSIER_REVIEW, dossier.authority_path)
    if action == "assign":
        return _reviewing(actor, dossier)
    t = transitions().get((dossier.state, action))
    return t is not None and _holds(actor, t.perms, _path(dossier, t.on))


def holds_role(actor, dossier: Dossier, action: str) -> bool:
    """Whether ACTOR holds the permission ACTION needs on DOSSIER in some state: a page
    answers a press in the wrong state with the service's message, not with a 403."""
    return any(a == action and _holds(actor, t.perms, _path(dossier, t.on))
               for (_state, a), t in transitions().items())


def _reviewing(actor, dossier: Dossier) -> bool:
    return dossier.state in (S.RECEIVED, S.UNDER_REVIEW, S.CONSULTATION) and access.covers(
        actor, Perm.DOSSIER_REVIEW, dossier.authority_path)


def _transition(actor, dossier: Dossier, action: str, comment: str = "") -> T:
    """The table's row for (DOSSIER's state, ACTION), after checking ACTOR may take it.
    404-free: the caller fetched DOSSIER through the scope."""
    t = transitions().get((dossier.state, action))
    if t is None:
        raise ApplicationError(WRONG_STATE % {"action": _vi(ACTION_WORDS[action]),
                                              "state": _state_label(dossier.state)})
    path = _path(dossier, t.on)
    if not _holds(actor, t.perms, path):
        access.require(actor, t.perms[0], path=path)  # logs and raises
    if t.needs_reason and not (comment or "").strip():
        raise ApplicationError(NEEDS_REASON % {"action": _vi(ACTION_WORDS[action])}, {"field": "comment"})
    return t


def _apply(actor, dossier: Dossier, t: T, action: str, *, comment: str = "", detail: dict | None = None,
           due_on: dt.date | str | None = KEEP, before: dict | None = None) -> Dossier:
    """Move DOSSIER along T: state, the step's clock (T's limit, or DUE_ON when given), the
    timeline line and the audit row."""
    previous = dossier.state
    today = _today()
    dossier.state = t.target
    dossier.step_started_on = today
    if due_on != KEEP:
        dossier.due_on = due_on
    elif t.limit == CLEAR:
        dossier.due_on = None
    elif t.limit != KEEP:
        dossier.due_on = add_working_days(today, workflow().limits[t.limit].working_days)
    dossier.save()
    DossierEvent.objects.create(dossier=dossier, actor=actor if getattr(actor, "pk", None) else None,
                                action=action, from_state=previous, to_state=t.target,
                                comment=(comment or "").strip(), detail=detail or {}, due_on=dossier.due_on)
    after = {"state": _state_label(t.target), "due_on": dossier.due_on.isoformat() if dossier.due_on else None,
             **(detail or {})}
    _record(actor=actor, action=_AUDIT[action], target=dossier, unit_path=dossier.unit.path,
                 before={"state": _state_label(previous), **(before or {})}, after=after,
                 reason=(comment or "").strip())
    return dossier


def _lock(dossier: Dossier) -> Dossier:
    return (Dossier.objects.select_for_update(of=("self",))
            .select_related("unit", "authority_unit", "movement").get(pk=dossier.pk))


def _items(dossier: Dossier):
    return list(dossier.items.select_related("person", "unit", "held_unit").order_by("search_key", "pk"))


# --- creating and editing a dossier -----------------------------------------------------------


def default_authority_unit(unit: Unit, level: str) -> Unit:
    """Who receives a dossier of UNIT for LEVEL: the province (root) for a provincial or
    central level; the nearest commune (UBND xã) for `xa`; for `co_quan` the nearest unit
    that is not an internal office (the agency with legal personality)."""
    ancestors = list(Unit.objects.filter(path__in=ancestor_paths(unit.path)).order_by("-depth"))  # the unit first
    if level in (AuthorityLevel.TINH, *CENTRAL_LEVELS):
        return ancestors[-1]
    if level == AuthorityLevel.XA:
        return next((u for u in ancestors if u.kind == "ubnd_xa"), unit)
    return next((u for u in ancestors if u.level != "noi_bo"), unit)


def default_authority_level(unit: Unit, levels: Iterable[str]) -> str:
    """The level a dossier of UNIT proposing a kind decided at LEVELS (the catalog's, lowest
    first) is addressed to by default: `xa` only for a commune or a unit under one (a
    department's CSTĐCS is decided by its director, not by a commune chairman), else the
    lowest level that is not `xa`."""
    levels = list(levels)
    if AuthorityLevel.XA in levels and Unit.objects.filter(path__in=ancestor_paths(unit.path),
                                                           kind="ubnd_xa").exists():
        return AuthorityLevel.XA
    return next((lv for lv in levels if lv != AuthorityLevel.XA), levels[0])


def default_level(unit: Unit) -> str:
    """The level a new dossier of UNIT is addressed to before any kind is chosen: its commune
    for a unit under one, its own agency for an internal office (phòng, khoa), else the
    province — where an agency's year-end proposals go."""
    level = default_authority_level(unit, [AuthorityLevel.XA, AuthorityLevel.TINH])
    if level != AuthorityLevel.XA and unit.level == "noi_bo":
        return AuthorityLevel.CO_QUAN
    return level


def _submission_deadline(commendation_type: str, year: int) -> dt.date | None:
    month_day = workflow().submission_deadlines.get(commendation_type)
    if month_day is None:
        return None
    day = dt.date(year, *month_day)
    return day if day >= _today() else None


def _search_key(dossier: Dossier) -> str:
    return fold(f"{dossier.title} {dossier.number} {dossier.unit.name}")[:800]


def _check_header(dossier: Dossier) -> None:
    if not dossier.title:
        raise ApplicationError(TITLE_REQUIRED, {"field": "title"})
    last = _today().year
    if not 1945 <= dossier.year <= last:
        raise ApplicationError(YEAR_INVALID % {"last": last}, {"field": "year"})
    if dossier.authority_level not in AuthorityLevel.values:
        raise ApplicationError(LEVEL_INVALID % dossier.authority_level, {"field": "authority_level"})
    if dossier.commendation_type not in CommendationType.values:
        raise ApplicationError(TYPE_INVALID % dossier.commendation_type, {"field": "commendation_type"})
    if dossier.authority_unit_id and not dossier.unit.path.startswith(dossier.authority_unit.path):
        raise ApplicationError(AUTHORITY_NOT_ABOVE % {"unit": dossier.unit.name}, {"field": "authority_unit"})


def _check_movement(actor, movement) -> None:
    if movement is None:
        return

    if not movements_for(actor).filter(pk=movement.pk).exists():
        raise ApplicationError(MOVEMENT_UNKNOWN, {"field": "movement"})


_HEADER = ("number", "title", "summary", "authority_level", "authority_unit", "commendation_type", "year",
           "movement")


@transaction.atomic
def dossier_create(*, actor, unit: Unit, authority_level: str, year: int, title: str,
                   commendation_type: str = CommendationType.CONG_TRANG, summary: str = "", movement=None,
                   authority_unit: Unit | None = None, number: str = "") -> Dossier:
    """A new draft dossier of UNIT to the authority of AUTHORITY_LEVEL (received by
    AUTHORITY_UNIT, by default `default_authority_unit`). Needs DOSSIER_CHANGE over UNIT.
    A yearly merit dossier is due at the workflow file's submission deadline."""
    access.require(actor, Perm.DOSSIER_CHANGE, unit)
    if not unit.is_active:
        raise ApplicationError(UNIT_CLOSED % unit.name)
    _check_movement(actor, movement)
    dossier = Dossier(unit=unit, number=clean_name(number), title=clean_name(title), summary=(summary or "").strip(),
                      authority_level=authority_level, year=year, commendation_type=commendation_type,
                      movement=movement, created_by=actor if getattr(actor, "pk", None) else None)
    dossier.authority_unit = authority_unit or (default_authority_unit(unit, authority_level)
                                                if authority_level in AuthorityLevel.values else None)
    _check_header(dossier)
    dossier.step_started_on = _today()
    dossier.due_on = _submission_deadline(commendation_type, year)
    dossier.search_key = _search_key(dossier)
    dossier.save()
    DossierEvent.objects.create(dossier=dossier, actor=actor if getattr(actor, "pk", None) else None,
                                action="create", to_state=S.DRAFT, due_on=dossier.due_on)
    _record(actor=actor, action=A.DOSSIER_CREATE, target=dossier, unit_path=unit.path,
                 after=audit.snapshot(dossier, list(_HEADER)))
    return dossier


@transaction.atomic
def dossier_update(*, actor, dossier: Dossier, version: int | None = None, **fields) -> Dossier:
    """Change the header of an editable dossier. Year, level and type change only while it
    has no item (the items were judged against them). VERSION is the dossier's version the
    edit was made on: a save on an older one is refused (StaleError)."""
    d = _lock(dossier)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if not d.is_editable:
        raise ApplicationError(NOT_EDITABLE % _state_label(d.state))
    concurrency.require_version(d, version, wanted={k: v for k, v in fields.items() if k in _HEADER})
    before = audit.snapshot(d, list(_HEADER))
    locked = {"year", "authority_level", "commendation_type"}
    if any(k in fields and fields[k] != getattr(d, k) for k in locked) and d.items.exists():
        raise ApplicationError(HEADER_LOCKED)
    if "movement" in fields and fields["movement"] != d.movement:
        _check_movement(actor, fields["movement"])
    for key, value in fields.items():
        if key in _HEADER:
            setattr(d, key, clean_name(value) if key in ("title", "number") else value)
    if "authority_level" in fields and "authority_unit" not in fields:
        d.authority_unit = default_authority_unit(d.unit, d.authority_level)
    _check_header(d)
    d.search_key = _search_key(d)
    d.save()
    _record(actor=actor, action=A.DOSSIER_UPDATE, target=d, unit_path=d.unit.path, before=before,
                 after=audit.snapshot(d, list(_HEADER)))
    return d


# --- items ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemInput:
    """One subject to propose: a Person (HOUSEHOLD: their household) or a Unit, for KIND."""

    subject: Person | Unit
    kind: str
    household: bool = False
    period_from: int | None = None
    period_to: int | None = None
    achievement: str = ""
    source: str = ItemSource.MANUAL
    bloc_proposal: object = None


def _level_word(level: str) -> str:
    return _vi(AuthorityLevel(level).label)


def _validate_kind(known, code: str, subject_kind: str, who: str, dossier: Dossier):
    info = known.get(code)
    if info is None:
        raise ApplicationError(KIND_UNKNOWN % code, {"field": "kind"})
    if not info.accepts(subject_kind):
        raise ApplicationError(SUBJECT_NOT_ACCEPTED % {"name": info.name, "subject": _vi(SUBJECT_WORDS[subject_kind]),
                                                       "who": who}, {"field": "kind"})
    if dossier.authority_level not in info.authority_levels:
        raise ApplicationError(KIND_NOT_AT_LEVEL % {"name": info.name, "level": _level_word(dossier.authority_level)},
                               {"field": "kind"})
    return info


def _check_period(first: int, last: int, who: str, dossier: Dossier) -> None:
    if not (1945 <= first <= last <= dossier.year):
        raise ApplicationError(PERIOD_INVALID % {"who": who, "year": dossier.year}, {"field": "period_from"})


def _set_verdict(item: DossierItem, judged: checks.Judged, now) -> None:
    item.verdict_eligible = judged.eligible
    item.verdict = judged.as_json() if judged.eligible is not None else {}
    item.verdict_ruleset = judged.ruleset
    item.verdict_at = now


def _save_grouped(items: list[DossierItem], fields: list[str]) -> None:
    """Write FIELDS of ITEMS with one UPDATE per distinct set of values: a list shares a
    handful of verdicts and flags, and a 500-row CASE (bulk_update) costs far more to build."""
    groups: dict[str, list[int]] = {}
    values: dict[str, dict] = {}
    for item in items:
        row = {f: getattr(item, f) for f in fields}
        key = json.dumps(row, sort_keys=True, default=str)
        groups.setdefault(key, []).append(item.pk)
        values[key] = row
    for key, pks in groups.items():
        DossierItem.objects.filter(pk__in=pks).update(**values[key])


def _refresh(dossier: Dossier, items: list[DossierItem], *, rejudge: bool) -> list[DossierItem]:
    """Recompute (REJUDGE: the verdicts and) the duplicate flags of ITEMS, in bulk, and save
    what changed: what the checks say now is what the dossier shows and what a transition
    relies on."""
    before = {i.pk: (i.verdict_eligible, i.verdict, i.verdict_ruleset, i.warnings) for i in items}
    now = _now()
    if rejudge:
        judged = checks.judge(items)
        for item in items:
            _set_verdict(item, checks.verdict_of(judged, item), now)
    dups = checks.duplicates(items, dossier.commendation_type)
    for index, item in enumerate(items):
        item.warnings = checks.item_warnings(item, dups.get(index))
    changed = [i for i in items if before[i.pk] != (i.verdict_eligible, i.verdict, i.verdict_ruleset, i.warnings)]
    _save_grouped(changed, ["verdict_eligible", "verdict", "verdict_ruleset", "warnings"])
    if rejudge:  # when the engine was asked again, even an unchanged answer is dated now
        DossierItem.objects.filter(pk__in=[i.pk for i in items]).update(verdict_at=now)
    return items


def _clashes(keys: list[tuple], exclude_pk: int | None = None) -> list[str]:
    """Live items anywhere with the same subject, kind and year as KEYS
    ((subject kind, person pk, unit pk, kind, year)), described for the user. One query
    narrowed by subjects, kinds and years; the exact tuples are matched here."""
    if not keys:
        return []
    wanted = set(keys)
    people = {k[1] for k in keys if k[1]}
    units = {k[2] for k in keys if k[2]}
    rows = DossierItem.objects.filter(Q(person__in=people) | Q(unit__in=units), state__in=LIVE_ITEM_STATES,
                                      kind__in={k[3] for k in keys}, year__in={k[4] for k in keys})
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    found, kinds = [], kind_names()
    for skind, pid, uid, name, kind, year, title, unit in rows.values_list(
            "subject_kind", "person_id", "unit_id", "subject_name", "kind", "year", "dossier__title",
            "dossier__unit__name"):
        if (skind, pid, uid, kind, year) in wanted and len(found) < 10:
            found.append(_t("%(name)s — %(kind)s %(year)s (hồ sơ «%(title)s» của %(unit)s)")
                         % {"name": name, "kind": kinds.get(kind, kind), "year": year, "title": title, "unit": unit})
    return found


@transaction.atomic
def dossier_add_items(*, actor, dossier: Dossier, entries: Iterable[ItemInput]) -> list[DossierItem]:
    """Add ENTRIES to a draft dossier, all or none, with their verdicts (judged in bulk) and
    the duplicate flags of the whole list refreshed.

    Refused: a dossier not in draft; a subject outside the dossier's unit or the actor's
    scope; a kind not in force, not for that subject or not decided at the dossier's level;
    a bad achievement period; the same subject, kind and year twice or already live in any
    dossier (ALREADY_PROPOSED, which the database also enforces)."""
    d = _lock(dossier)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if d.state != S.DRAFT:
        raise ApplicationError(ITEMS_ONLY_IN_DRAFT)
    entries = list(entries)
    if not entries:
        raise ApplicationError(NOTHING_TO_ADD)
    known = checks.kinds()
    new: list[DossierItem] = []
    seen: set[tuple] = set()
    keys = []
    for entry in entries:
        subject = entry.subject
        is_person = isinstance(subject, Person)
        who = subject.full_name if is_person else subject.name
        subject_kind = (SubjectKind.HOUSEHOLD if entry.household else SubjectKind.INDIVIDUAL) if is_person \
            else SubjectKind.COLLECTIVE
        held = subject.current_unit if is_person else subject
        if not held.path.startswith(d.unit.path) or not access.covers(
                actor, Perm.PEOPLE_VIEW if is_person else Perm.ORG_VIEW, held.path):
            raise ApplicationError(SUBJECT_OUTSIDE % {"who": who, "unit": d.unit.name})
        info = _validate_kind(known, entry.kind, subject_kind, who, d)
        first = entry.period_from or entry.period_to or d.year
        last = entry.period_to or d.year
        _check_period(first, last, who, d)
        key = (subject_kind, subject.pk if is_person else None, None if is_person else subject.pk, entry.kind, last)
        if key in seen:
            raise ApplicationError(LISTED_TWICE % {"who": who, "name": info.name, "year": last})
        seen.add(key)
        keys.append(key)
        new.append(DossierItem(
            dossier=d, subject_kind=subject_kind, person=subject if is_person else None,
            unit=None if is_person else subject, held_unit=held, subject_name=who, search_key=fold(who)[:255],
            kind=entry.kind, year=last, period_from=first, period_to=last,
            achievement=(entry.achievement or "").strip(), source=entry.source, bloc_proposal=entry.bloc_proposal,
            state=IS.PENDING, created_by=actor if getattr(actor, "pk", None) else None))
    clashes = _clashes(keys)
    if clashes:
        raise ApplicationError(ALREADY_PROPOSED % "; ".join(clashes), {"field": "items"})
    judged = checks.judge(new)
    now = _now()
    for item in new:
        _set_verdict(item, checks.verdict_of(judged, item), now)
    try:
        with transaction.atomic():
            DossierItem.objects.bulk_create(new, batch_size=500)
    except IntegrityError:  # proposed meanwhile in another dossier
        raise ApplicationError(ALREADY_PROPOSED % "; ".join(_clashes(keys)), {"field": "items"}) from None
    _refresh(d, _items(d), rejudge=False)
    d.save(update_fields=["updated_at"])
    kinds = kind_names()
    names = [f"{i.subject_name} — {kinds.get(i.kind, i.kind)} {i.year}" for i in new]
    _record(actor=actor, action=A.DOSSIER_ITEMS_ADD, target=d, unit_path=d.unit.path,
                 after={"items": names[:AUDIT_LIST_MAX], "count": len(new)})
    return new


def _lock_item(item: DossierItem) -> tuple[Dossier, DossierItem]:
    d = _lock(item.dossier)
    item = DossierItem.objects.select_related("person", "unit", "held_unit").get(pk=item.pk, dossier=d)
    return d, item


def _require_item_editable(actor, d: Dossier, item: DossierItem) -> None:
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if d.state == S.DRAFT:
        return
    if d.state == S.RETURNED:
        if item.state != IS.RETURNED:
            raise ApplicationError(ITEM_NOT_EDITABLE % item.subject_name)
        return
    raise ApplicationError(NOT_EDITABLE % _state_label(d.state))


_ITEM_AUDIT = ["kind", "period_from", "period_to", "achievement", "report_text"]


@transaction.atomic
def dossier_item_update(*, actor, item: DossierItem, kind: str | None = None, period_from: int | None = None,
                        period_to: int | None = None, achievement: str | None = None,
                        report_text: str | None = None, version: int | None = None) -> DossierItem:
    """Correct an item of a draft, or a returned item of a returned dossier. A new kind or
    period is judged again and the list's duplicate flags refreshed. VERSION is the item's
    version the edit was made on: a save on an older one is refused (StaleError)."""
    d, item = _lock_item(item)
    _require_item_editable(actor, d, item)
    wanted = {"kind": kind, "period_from": period_from, "period_to": period_to, "achievement": achievement,
              "report_text": report_text}
    concurrency.require_version(item, version, wanted={k: v for k, v in wanted.items() if v is not None})
    before = audit.snapshot(item, _ITEM_AUDIT)
    rejudge = False
    if kind is not None and kind != item.kind:
        _validate_kind(checks.kinds(), kind, item.subject_kind, item.subject_name, d)
        item.kind, rejudge = kind, True
    if period_from is not None or period_to is not None:
        first, last = period_from or item.period_from, period_to or item.period_to
        _check_period(first, last, item.subject_name, d)
        rejudge = rejudge or last != item.year
        item.period_from, item.period_to, item.year = first, last, last
    if achievement is not None:
        item.achievement = achievement.strip()
    if report_text is not None:
        item.report_text = report_text.strip()
    if rejudge:
        clashes = _clashes([(item.subject_kind, item.person_id, item.unit_id, item.kind, item.year)], item.pk)
        if clashes:
            raise ApplicationError(ALREADY_PROPOSED % "; ".join(clashes), {"field": "kind"})
        _set_verdict(item, checks.verdict_of(checks.judge([item]), item), _now())
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ApplicationError(ALREADY_PROPOSED % item.subject_name, {"field": "kind"}) from None
    _refresh(d, _items(d), rejudge=False)
    _record(actor=actor, action=A.DOSSIER_ITEM_UPDATE, target=d, unit_path=d.unit.path,
                 before={"item": str(item), **before}, after={"item": str(item), **audit.snapshot(item, _ITEM_AUDIT)})
    return DossierItem.objects.get(pk=item.pk)


@transaction.atomic
def dossier_item_justify(*, actor, item: DossierItem, text: str, version: int | None = None) -> DossierItem:
    """Keep a flagged item (ineligible, duplicate) with a written justification; it covers
    the flags the item has now (a new flag later needs a new one). The unit writes it while
    it may edit the item; the reviewing secretariat while it reviews. VERSION is the item's
    version the page showed: a justification written meanwhile is not overwritten."""
    d, item = _lock_item(item)
    if not _reviewing(actor, d):
        _require_item_editable(actor, d, item)
    concurrency.require_version(item, version, wanted={"justification": (text or "").strip()})
    text = (text or "").strip()
    if not item.flags:
        raise ApplicationError(NO_FLAGS)
    if not text:
        raise ApplicationError(JUSTIFICATION_REQUIRED, {"field": "justification"})
    before = {"item": str(item), "justification": item.justification, "flags": item.justified_flags}
    item.justification, item.justified_flags = text, list(item.flags)
    item.justified_by, item.justified_at = actor, _now()
    item.save(update_fields=["justification", "justified_flags", "justified_by", "justified_at", "updated_at"])
    _record(actor=actor, action=A.DOSSIER_ITEM_JUSTIFY, target=d, unit_path=d.unit.path, before=before,
                 after={"item": str(item), "justification": text, "flags": item.justified_flags},
                 reason=text)
    return item


@transaction.atomic
def dossier_item_remove(*, actor, item: DossierItem, reason: str = "") -> None:
    """Take an item out: deleted from a draft; withdrawn (kept, with REASON) from a
    returned dossier, where only returned items may go."""
    d, item = _lock_item(item)
    _require_item_editable(actor, d, item)
    label = str(item)
    if d.state == S.DRAFT:
        files = [doc.file.name for doc in item.documents.all()]
        item.delete()
        _delete_files_on_commit(files)
    else:
        reason = (reason or "").strip()
        if not reason:
            raise ApplicationError(NEEDS_REASON % {"action": _vi(_("rút"))}, {"field": "reason"})
        item.state, item.review_note = IS.WITHDRAWN, reason
        item.save(update_fields=["state", "review_note", "updated_at"])
    _refresh(d, _items(d), rejudge=False)
    _record(actor=actor, action=A.DOSSIER_ITEM_REMOVE, target=d, unit_path=d.unit.path,
                 before={"item": label}, after={"item": None}, reason=reason)


@transaction.atomic
def dossier_check(*, actor, dossier: Dossier) -> Dossier:
    """Judge every item again and refresh the flags (the rules, ledger or ratings changed)."""
    d = _lock(dossier)
    if not may(actor, d, "check"):
        access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
        raise PermissionDenied(access.REFUSED)
    items = _refresh(d, _items(d), rejudge=True)
    _record(actor=actor, action=A.DOSSIER_CHECK, target=d, unit_path=d.unit.path,
                 after={"items": len(items), "flagged": sum(1 for i in items if i.flags)})
    return d


# --- documents --------------------------------------------------------------------------------


def _check_file(upload, *, field: str = "file", label=FILE_LABEL) -> None:
    """The common upload check (`core.uploads`): size, type by content, a safe name."""
    uploads.check(upload, field=field, label=label, types=FILE_TYPES)


def _delete_files_on_commit(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def delete():
        for name in names:
            if name and not DossierDocument.objects.filter(file=name).exists():  # forwarded copies share files
                default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


@transaction.atomic
def dossier_document_add(*, actor, dossier: Dossier, kind: str, file, item: DossierItem | None = None,
                         note: str = "") -> DossierDocument:
    """Upload a document of KIND (a code of the workflow's `documents`) to an editable
    dossier, for ITEM when the kind is per item (in a returned dossier: a returned item)."""
    d = _lock(dossier)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if not d.is_editable:
        raise ApplicationError(NOT_EDITABLE % _state_label(d.state))
    spec = workflow().documents.get(kind)
    if spec is None:
        raise ApplicationError(DOCUMENT_KIND_UNKNOWN % kind, {"field": "kind"})
    if spec.per_item and item is None:
        raise ApplicationError(DOCUMENT_NEEDS_ITEM % spec.name, {"field": "item"})
    if not spec.per_item and item is not None:
        raise ApplicationError(DOCUMENT_NOT_ITEM % spec.name, {"field": "item"})
    if item is not None:
        item = DossierItem.objects.get(pk=item.pk, dossier=d)
        _require_item_editable(actor, d, item)
    _check_file(file)
    name = clean_name(file.name.rsplit("/", 1)[-1])[:255]
    doc = DossierDocument(dossier=d, item=item, kind=kind, name=name, size=file.size, note=clean_name(note)[:255],
                          uploaded_by=actor)
    doc.file.save(name, file, save=False)
    try:
        doc.save()
        _record(actor=actor, action=A.DOSSIER_DOCUMENT_ADD, target=d, unit_path=d.unit.path,
                     after={"document": f"{spec.name}: {name}" + (f" ({item.subject_name})" if item else "")})
    except Exception:
        doc.file.storage.delete(doc.file.name)  # no orphan file when the row is not written
        raise
    return doc


@transaction.atomic
def dossier_document_remove(*, actor, document: DossierDocument) -> None:
    d = _lock(document.dossier)
    document = DossierDocument.objects.select_related("item").get(pk=document.pk, dossier=d)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if not d.is_editable:
        raise ApplicationError(NOT_EDITABLE % _state_label(d.state))
    if document.item is not None:
        _require_item_editable(actor, d, document.item)
    spec = workflow().documents.get(document.kind)
    label, stored = f"{spec.name if spec else document.kind}: {document.name}", document.file.name
    document.delete()
    _delete_files_on_commit([stored])
    _record(actor=actor, action=A.DOSSIER_DOCUMENT_REMOVE, target=d, unit_path=d.unit.path,
                 before={"document": label}, after={"document": None})


# --- the unit's side: submit, resubmit, cancel ------------------------------------------------


def _names(items: list[DossierItem], limit: int = 10) -> str:
    kinds = kind_names()
    shown = ", ".join(f"{i.subject_name} ({kinds.get(i.kind, i.kind)})" for i in items[:limit])
    return shown + (_t(" và %d trường hợp khác") % (len(items) - limit) if len(items) > limit else "")


def _submission_problems(d: Dossier, items: list[DossierItem], quota_justification: str) -> tuple[list[str], list]:
    """Everything that blocks sending ITEMS (the live ones), with the quota excesses."""
    live = [i for i in items if i.state in LIVE_ITEM_STATES]
    problems: list[str] = []
    if not live:
        return [str(EMPTY_DOSSIER)], []
    ineligible = [i for i in live if checks.INELIGIBLE in i.unjustified_flags]
    if ineligible:
        problems.append(INELIGIBLE_UNJUSTIFIED % _names(ineligible))
    duplicate = [i for i in live if checks.DUPLICATE in i.unjustified_flags]
    if duplicate:
        problems.append(DUPLICATE_UNJUSTIFIED % _names(duplicate))
    missing = checks.missing_documents(checks.checklist(live, list(d.documents.all())))
    if missing:
        problems.append(MISSING_DOCUMENTS % "; ".join(missing))
    excesses = checks.quotas(d.year, live)
    if excesses and not (quota_justification or d.quota_justification).strip():
        problems.append(QUOTA_UNJUSTIFIED % " ".join(e.message for e in excesses))
    return [str(p) for p in problems], excesses


def _raise_problems(problems: list[str]) -> None:
    if problems:
        raise ApplicationError(problems[0], {"problems": problems})


def _record_quota(actor, d: Dossier, excesses, justification: str) -> None:
    d.quota_snapshot = checks.quota_json(excesses)
    justification = (justification or "").strip()
    if excesses and justification and justification != d.quota_justification:
        d.quota_justification, d.quota_justified_by, d.quota_justified_at = justification, actor, _now()


@transaction.atomic
def dossier_submit(*, actor, dossier: Dossier, comment: str = "", quota_justification: str = "") -> Dossier:
    """The head sends the draft to the receiving authority. The checks run again first:
    every flagged item (ineligible, duplicate) needs its justification, every required
    document must be present, and a list exceeding a quota needs QUOTA_JUSTIFICATION
    (kept, with who and when). All the problems are listed in `extra["problems"]`."""
    d = _lock(dossier)
    t = _transition(actor, d, "submit", comment)
    items = _refresh(d, _items(d), rejudge=True)
    problems, excesses = _submission_problems(d, items, quota_justification)
    _raise_problems(problems)
    _record_quota(actor, d, excesses, quota_justification)
    d.submitted_at = _now()
    return _apply(actor, d, t, "submit", comment=comment,
                  detail={"items": len(items), "quota": [e.message for e in excesses]})


@transaction.atomic
def dossier_resubmit(*, actor, dossier: Dossier, comment: str = "", quota_justification: str = "") -> Dossier:
    """Send a returned dossier back after correction: the returned items become pending
    again (marked, so the reviewer sees what to look at), the accepted ones stay accepted;
    the review clock starts again. The same checks as `dossier_submit`."""
    d = _lock(dossier)
    t = _transition(actor, d, "resubmit", comment)
    items = _refresh(d, _items(d), rejudge=True)
    problems, excesses = _submission_problems(d, items, quota_justification)
    _raise_problems(problems)
    _record_quota(actor, d, excesses, quota_justification)
    now = _now()
    returned = [i for i in items if i.state == IS.RETURNED]
    for item in returned:
        item.state, item.resubmitted_at = IS.PENDING, now
    _save_grouped(returned, ["state", "resubmitted_at"])
    return _apply(actor, d, t, "resubmit", comment=comment,
                  detail={"corrected": [i.subject_name for i in returned][:AUDIT_LIST_MAX]})


@transaction.atomic
def dossier_cancel(*, actor, dossier: Dossier, reason: str) -> Dossier:
    """The unit withdraws a draft or returned dossier; its items stop being live."""
    d = _lock(dossier)
    t = _transition(actor, d, "cancel", reason)
    d.items.filter(state__in=LIVE_ITEM_STATES).update(state=IS.WITHDRAWN)
    return _apply(actor, d, t, "cancel", comment=reason)


# --- the authority's side: receive, review, return ----------------------------------------------


def _check_reviewer(d: Dossier, user) -> None:
    if not access.covers(user, Perm.DOSSIER_REVIEW, d.authority_path):
        raise ApplicationError(ASSIGNEE_NOT_REVIEWER % display_name(user), {"field": "assignee"})


@transaction.atomic
def dossier_receive(*, actor, dossier: Dossier, assignee=None, comment: str = "") -> Dossier:
    """The receiving secretariat takes the dossier in and assigns a reviewer (the actor by
    default); the statutory review time starts."""
    d = _lock(dossier)
    t = _transition(actor, d, "receive", comment)
    assignee = assignee or actor
    _check_reviewer(d, assignee)
    d.received_at, d.assigned_to = _now(), assignee
    return _apply(actor, d, t, "receive", comment=comment, detail={"assigned_to": display_name(assignee)})


@transaction.atomic
def dossier_assign(*, actor, dossier: Dossier, assignee) -> Dossier:
    d = _lock(dossier)
    if not _reviewing(actor, d):
        access.require(actor, Perm.DOSSIER_REVIEW, path=d.authority_path)
        raise ApplicationError(WRONG_STATE % {"action": _vi(_("phân công")), "state": _state_label(d.state)})
    _check_reviewer(d, assignee)
    before = {"assigned_to": display_name(d.assigned_to)}
    d.assigned_to = assignee
    d.save(update_fields=["assigned_to", "updated_at"])
    _record(actor=actor, action=A.DOSSIER_ASSIGN, target=d, unit_path=d.unit.path, before=before,
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
                         comment: str = "") -> Dossier:
    """The reviewer's verdict on items (DossierItems or pks): ACCEPT (to be sent on) or
    EXCLUDE ({item: reason}: not sent on). Items pending, accepted or excluded may be
    (re)decided while the dossier is under review; a flagged item is accepted only once
    justified (by the unit, or by the reviewer through `dossier_item_justify`)."""
    d = _lock(dossier)
    t = _transition(actor, d, "accept", comment)
    exclude = dict(exclude or {})
    accepted = _dossier_items(d, accept)
    excluded = _dossier_items(d, exclude.keys())
    if not accepted and not excluded:
        raise ApplicationError(NOTHING_SELECTED)
    reviewable = (IS.PENDING, IS.ACCEPTED, IS.EXCLUDED)
    now = _now()
    for item in accepted + excluded:
        if item.state not in reviewable:
            raise ApplicationError(ITEM_NOT_REVIEWABLE % {"name": item.subject_name,
                                                          "state": _vi(IS(item.state).label)})
    for item in accepted:
        if item.unjustified_flags:
            raise ApplicationError(ACCEPT_FLAGGED % item.subject_name)
        item.state, item.reviewed_at, item.reviewed_by = IS.ACCEPTED, now, actor
    reasons = {getattr(k, "pk", k): (v or "").strip() for k, v in exclude.items()}
    for item in excluded:
        if not reasons[item.pk]:
            raise ApplicationError(EXCLUDE_NEEDS_REASON % item.subject_name, {"field": "exclude"})
        item.state, item.reviewed_at, item.reviewed_by, item.review_note = IS.EXCLUDED, now, actor, reasons[item.pk]
    try:
        with transaction.atomic():
            _save_grouped(accepted + excluded, ["state", "reviewed_at", "reviewed_by", "review_note"])
    except IntegrityError:  # an excluded item taken back while proposed elsewhere meanwhile
        raise ApplicationError(ALREADY_PROPOSED % _names(accepted)) from None
    return _apply(actor, d, t, "accept", comment=comment, detail={
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
                   comment: str = "") -> Dossier:
    """Send the dossier back for correction. ITEMS maps DossierItems (or pks) to a
    `ReturnNote`; CODES and COMMENT are about the dossier as a whole (missing or malformed
    documents). At least one reason is needed. Only the returned items (and the documents)
    are corrected by the unit; after resubmission only they are reviewed again."""
    d = _lock(dossier)
    t = _transition(actor, d, "return", "-")  # the reason is checked below, wherever it is given
    notes = {getattr(k, "pk", k): v for k, v in (items or {}).items()}
    comment = (comment or "").strip()
    codes = _check_codes(codes, "dossier", comment)
    if not (notes or comment or codes):  # a returned item without a reason is named below
        raise ApplicationError(RETURN_NEEDS_REASON, {"field": "comment"})
    returned = _dossier_items(d, notes.keys())
    now = _now()
    fields_known = workflow().return_fields
    for item in returned:
        note = notes[item.pk]
        if item.state not in (IS.PENDING, IS.ACCEPTED):
            raise ApplicationError(ITEM_NOT_REVIEWABLE % {"name": item.subject_name,
                                                          "state": _vi(IS(item.state).label)})
        for f in note.fields:
            if f not in fields_known:
                raise ApplicationError(RETURN_FIELD_UNKNOWN % f, {"field": "fields"})
        if not (note.codes or note.comment.strip()):
            raise ApplicationError(ITEM_RETURN_NEEDS_REASON % item.subject_name, {"field": "comment"})
        item.return_codes = _check_codes(note.codes, "item", note.comment)
        item.return_fields, item.return_comment = list(dict.fromkeys(note.fields)), note.comment.strip()
        item.state, item.returned_at, item.returned_by, item.resubmitted_at = IS.RETURNED, now, actor, None
    _save_grouped(returned, ["return_codes", "return_fields", "return_comment", "state", "returned_at",
                             "returned_by", "resubmitted_at"])
    d.return_codes, d.return_comment = codes, comment
    labels = workflow().return_reasons
    detail = {
        "codes": [labels[c].label for c in codes],
        "items": [{"name": i.subject_name, "kind": i.kind,
                   "reasons": [labels[c].label for c in i.return_codes], "comment": i.return_comment}
                  for i in returned][:AUDIT_LIST_MAX],
    }
    return _apply(actor, d, t, "return", comment=comment, detail=detail)


# --- consultation ---------------------------------------------------------------------------------


def _unreviewed(items: list[DossierItem]) -> list[DossierItem]:
    return [i for i in items if i.state in (IS.PENDING, IS.RETURNED)]


def _require_reviewed(items: list[DossierItem]) -> list[DossierItem]:
    waiting = _unreviewed(items)
    if waiting:
        raise ApplicationError(STILL_UNREVIEWED % {"n": len(waiting), "names": _names(waiting)})
    accepted = [i for i in items if i.state == IS.ACCEPTED]
    if not accepted:
        raise ApplicationError(NOTHING_ACCEPTED)
    return accepted


def consultation_items(items: list[DossierItem], known=None) -> list[DossierItem]:
    """The accepted items whose kind requires public consultation (catalog flag)."""
    known = known if known is not None else checks.kinds()
    return [i for i in items if i.state == IS.ACCEPTED and i.kind in known
            and known[i.kind].requires_public_consultation]


@transaction.atomic
def dossier_open_consultation(*, actor, dossier: Dossier, days: int | None = None, comment: str = "") -> Dossier:
    """Publish the accepted items whose kind requires it on the public page for DAYS
    working days (the workflow's default; never fewer). Every item must be reviewed."""
    d = _lock(dossier)
    t = _transition(actor, d, "open_consultation", comment)
    items = _items(d)
    published = consultation_items(_require_reviewed(items))
    if not published:
        raise ApplicationError(NO_CONSULTATION_NEEDED)
    minimum = workflow().consultation_days
    days = days or minimum
    if days < minimum:
        raise ApplicationError(CONSULTATION_DAYS_INVALID % minimum, {"field": "days"})
    today, now = _today(), _now()
    d.consultation_starts_on = today
    d.consultation_ends_on = add_working_days(today, days)
    d.consultation_closed_at = None
    for item in published:
        item.published_at = now
    _save_grouped(published, ["published_at"])
    return _apply(actor, d, t, "open_consultation", comment=comment, due_on=d.consultation_ends_on, detail={
        "published": [i.subject_name for i in published][:AUDIT_LIST_MAX],
        "until": d.consultation_ends_on.isoformat()})


@transaction.atomic
def dossier_close_consultation(*, actor, dossier: Dossier, comment: str = "") -> Dossier:
    """End the consultation once its period is over and every opinion was moderated and,
    when published, its handling recorded."""
    d = _lock(dossier)
    t = _transition(actor, d, "close_consultation", comment)
    if d.consultation_ends_on and _today() <= d.consultation_ends_on:
        raise ApplicationError(CONSULTATION_NOT_OVER % d.consultation_ends_on.strftime("%d/%m/%Y"))
    opinions = d.opinions.all()
    unmoderated = opinions.filter(status=OpinionStatus.PENDING).count()
    if unmoderated:
        raise ApplicationError(OPINIONS_UNMODERATED % unmoderated)
    unhandled = opinions.filter(status=OpinionStatus.PUBLISHED, handled_at__isnull=True).count()
    if unhandled:
        raise ApplicationError(OPINIONS_UNHANDLED % unhandled)
    d.consultation_closed_at = _now()
    return _apply(actor, d, t, "close_consultation", comment=comment,
                  detail={"opinions": opinions.count()})


# --- council, decision ------------------------------------------------------------------------


@transaction.atomic
def dossier_to_council(*, actor, dossier: Dossier, comment: str = "") -> Dossier:
    """Send the accepted items to the council. Every item must be reviewed, the checks run
    again (an accepted item flagged since needs a justification), and the items requiring
    public consultation must have been through it."""
    d = _lock(dossier)
    t = _transition(actor, d, "to_council", comment)
    items = _refresh(d, _items(d), rejudge=True)
    accepted = _require_reviewed(items)
    flagged = [i for i in accepted if i.unjustified_flags]
    if flagged:
        raise ApplicationError(ACCEPT_FLAGGED % _names(flagged))
    needing = consultation_items(accepted)
    if needing and (d.consultation_closed_at is None or any(i.published_at is None for i in needing)):
        raise ApplicationError(CONSULTATION_REQUIRED % _names(needing))
    return _apply(actor, d, t, "to_council", comment=comment,
                  detail={"items": [i.subject_name for i in accepted][:AUDIT_LIST_MAX]})


@transaction.atomic
def dossier_recall(*, actor, dossier: Dossier, reason: str) -> Dossier:
    d = _lock(dossier)
    t = _transition(actor, d, "recall", reason)
    return _apply(actor, d, t, "recall", comment=reason)


AGREE, DISAGREE, LOWER = "agree", "disagree", "lower"


@dataclass(frozen=True)
class VoteResult:
    """The council's result for one item: AGREE, DISAGREE or LOWER (agree with the lower
    form `lower_kind`); `tally` is whatever the council app wants kept (counts, share,
    quorum), stored as JSON with the item."""

    outcome: str
    lower_kind: str = ""
    tally: Mapping = field(default_factory=dict)


@transaction.atomic
def dossier_record_votes(*, actor, dossier: Dossier, results: Mapping, comment: str = "", reference: str = "",
                         meeting=None) -> Dossier:
    """★ For the councils app: record the council's results (RESULTS: {DossierItem or pk:
    VoteResult}) for items sent to it. Approved items (`final_kind` is the lower form when
    voted so) go on to the decision; the others are rejected. A meeting may take some of a
    dossier's items: the dossier becomes ``voted`` when the last of its accepted items has
    a result (until then the results are kept and the timeline says so). REFERENCE (or
    MEETING, printed) names the meeting or its minutes. Refused: an item not on the
    dossier's list for the council, an unknown outcome, a "lower form" that is not lower,
    not for that subject or not decided at the dossier's level."""
    d = _lock(dossier)
    t = _transition(actor, d, "record_votes", comment)
    reference = reference or (str(meeting) if meeting is not None else "")
    results = {getattr(k, "pk", k): v for k, v in results.items()}
    on_agenda = {i.pk: i for i in _items(d) if i.state == IS.ACCEPTED}
    stray = [pk for pk in results if pk not in on_agenda]
    if stray:
        item = DossierItem.objects.filter(pk=stray[0]).first()
        raise ApplicationError(VOTE_NOT_ON_AGENDA % (item.subject_name if item else stray[0]))
    if not results:
        raise ApplicationError(NOTHING_SELECTED)
    known = checks.kinds()
    voted = []
    for pk, result in results.items():
        item = on_agenda[pk]
        if result.outcome not in (AGREE, DISAGREE, LOWER):
            raise ApplicationError(VOTE_OUTCOME_INVALID % result.outcome)
        item.approved_kind = ""
        if result.outcome == LOWER:
            lower, proposed = known.get(result.lower_kind), known.get(item.kind)
            if (lower is None or proposed is None or lower.rank >= proposed.rank
                    or not lower.accepts(item.subject_kind) or d.authority_level not in lower.authority_levels):
                raise ApplicationError(VOTE_LOWER_INVALID % {"code": result.lower_kind, "name": item.subject_name})
            item.approved_kind = result.lower_kind
        item.state = IS.REJECTED if result.outcome == DISAGREE else IS.APPROVED
        item.vote = {"outcome": result.outcome, "lower_kind": result.lower_kind, "tally": dict(result.tally),
                     "reference": reference}
        voted.append(item)
    _save_grouped(voted, ["state", "approved_kind", "vote"])
    summary = {out: sum(1 for r in results.values() if r.outcome == out) for out in (AGREE, LOWER, DISAGREE)}
    detail = {"votes": summary, "reference": reference}
    if len(voted) < len(on_agenda):  # more items wait for a later meeting
        waiting = len(on_agenda) - len(voted)
        DossierEvent.objects.create(dossier=d, actor=actor if getattr(actor, "pk", None) else None,
                                    action="record_votes", from_state=d.state, to_state=d.state,
                                    comment=(comment or "").strip(), detail={**detail, "waiting": waiting},
                                    due_on=d.due_on)
        _record(actor=actor, action=A.DOSSIER_RECORD_VOTES, target=d, unit_path=d.unit.path,
                     after={**detail, "waiting": waiting}, reason=(comment or "").strip())
        return d
    return _apply(actor, d, t, "record_votes", comment=comment, detail=detail)


@transaction.atomic
def dossier_mark_decision_drafted(*, actor, dossier: Dossier, reference: str = "", comment: str = "") -> Dossier:
    """★ For the decisions app: a decision for the approved items has been drafted
    (REFERENCE: its draft number or id). Not for a central-level dossier (forward it)."""
    d = _lock(dossier)
    t = _transition(actor, d, "draft_decision", comment)
    if d.is_central:
        raise ApplicationError(CENTRAL_FORWARD)
    if not d.items.filter(state=IS.APPROVED).exists():
        raise ApplicationError(NOTHING_APPROVED)
    return _apply(actor, d, t, "draft_decision", comment=comment, detail={"reference": reference})


@transaction.atomic
def dossier_mark_decided(*, actor, dossier: Dossier, awards: Mapping, decision_number: str = "",
                         comment: str = "") -> Dossier:
    """★ For the decisions app, in the transaction that writes the Award rows: the decision
    is signed. AWARDS maps each decided item (DossierItem or pk) to its Award (or None when
    the ledger row is written elsewhere); every other item waiting for the decision is
    refused. An Award must match the item's subject and `final_kind`."""
    d = _lock(dossier)
    t = _transition(actor, d, "decide", comment)
    waiting_state = IS.PENDING if d.state == S.SENT else IS.APPROVED
    waiting = {i.pk: i for i in _items(d) if i.state == waiting_state}
    awards = {getattr(k, "pk", k): v for k, v in awards.items()}
    for pk, award in awards.items():
        item = waiting.get(pk)
        if item is None:
            other = DossierItem.objects.filter(pk=pk).first()
            raise ApplicationError(DECIDED_NOT_APPROVED % (other.subject_name if other else pk))
        if award is not None and (award.kind != item.final_kind or award.person_id != item.person_id
                                  or award.unit_id != item.unit_id):
            raise ApplicationError(AWARD_MISMATCH % item.subject_name)
    decided, refused = [], []
    for pk, item in waiting.items():
        if pk in awards:
            award = awards[pk]
            item.state, item.award = IS.DECIDED, award
            item.decision_number = clean_name(decision_number) or (award.decision_number if award else "")
            decided.append(item)
        else:
            item.state = IS.REFUSED
            refused.append(item)
    _save_grouped(decided + refused, ["state", "award", "decision_number"])
    d.decided_at = _now()
    return _apply(actor, d, t, "decide", comment=comment, detail={
        "decision_number": decision_number, "decided": len(decided), "refused": len(refused)})


@transaction.atomic
def dossier_refuse(*, actor, dossier: Dossier, reason: str) -> Dossier:
    """★ For the decisions app: the authority refuses the dossier (REASON required); every
    item still waiting is refused."""
    d = _lock(dossier)
    t = _transition(actor, d, "refuse", reason)
    waiting = list(d.items.filter(state__in=LIVE_ITEM_STATES))
    for item in waiting:
        item.state = IS.REFUSED
    _save_grouped(waiting, ["state"])
    d.decided_at = _now()
    return _apply(actor, d, t, "refuse", comment=reason, detail={"refused": len(waiting)})


@dataclass
class ForwardPlan:
    """What relaying `sources` upward makes: the upper dossier (unsaved), the approved items
    it copies, and the dossier-level document kinds the relaying authority must supply for
    them itself (its own tờ trình, its council's minutes…: Law Art. 84(1)), in the
    workflow file's order."""

    sources: list[Dossier]
    upper: Dossier
    items: list[DossierItem]
    papers: list[DocumentKind]


def _forward_plan(actor, sources: list[Dossier], *, title: str, external_authority: str, number: str,
                  summary: str, comment: str) -> ForwardPlan:
    if not sources:
        raise ApplicationError(FORWARD_NOTHING_SELECTED)
    first = sources[0]
    if any((s.authority_unit_id, s.authority_level, s.commendation_type)
           != (first.authority_unit_id, first.authority_level, first.commendation_type) for s in sources):
        raise ApplicationError(FORWARD_MIXED)
    for s in sources:
        _transition(actor, s, "forward", comment)
    if not first.is_central:
        raise ApplicationError(NOT_CENTRAL)
    title = clean_name(title)
    if not title:
        raise ApplicationError(TITLE_REQUIRED, {"field": "title"})
    approved = [i for s in sources
                for i in s.items.filter(state=IS.APPROVED).select_related("held_unit", "person")]
    if not approved:
        raise ApplicationError(NOTHING_APPROVED)
    upper = Dossier(unit=first.authority_unit, number=clean_name(number), title=title,
                    summary=(summary or "").strip(), authority_level=first.authority_level, authority_unit=None,
                    external_authority=clean_name(external_authority)
                    or _vi(EXTERNAL_AUTHORITIES.get(first.authority_level, "")),
                    commendation_type=first.commendation_type, year=max(s.year for s in sources))
    papers = [k for k in workflow().documents.values()
              if not k.per_item and any(k.required_for(i.final_kind) for i in approved)]
    return ForwardPlan(sources, upper, approved, papers)


def forward_plan(*, actor, dossiers: Iterable[Dossier], title: str, external_authority: str = "",
                 number: str = "", summary: str = "") -> ForwardPlan:
    """What `dossier_forward` would make of DOSSIERS, checked the same way and writing
    nothing: the forward page prints the draft tờ trình of the relaying authority from it
    before the officer has it signed."""
    return _forward_plan(actor, list(dossiers), title=title, external_authority=external_authority, number=number,
                         summary=summary, comment="")


def _forward_papers(plan: ForwardPlan, papers: Mapping) -> list[tuple[DocumentKind, object]]:
    """The uploads PAPERS (document kind code → file) checked against what PLAN needs: every
    required kind present, each file passing the upload checks; a refusal names the field."""
    known = workflow().documents
    papers = {code: upload for code, upload in papers.items() if upload is not None}
    for code in papers:
        kind = known.get(code)
        if kind is None:
            raise ApplicationError(DOCUMENT_KIND_UNKNOWN % code, {"field": code})
        if kind.per_item:
            raise ApplicationError(DOCUMENT_NEEDS_ITEM % kind.name, {"field": code})
    out = []
    # The required kinds and any other dossier-level paper given (a separate ballot count…).
    for kind in (k for k in known.values() if k in plan.papers or k.code in papers):
        upload = papers.get(kind.code)
        if upload is None:
            raise ApplicationError(FORWARD_PAPER_MISSING % {"kind": kind.name, "unit": plan.upper.unit.name},
                                   {"field": kind.code})
        _check_file(upload, field=kind.code, label=kind.name)  # the refusal names the paper's field
        out.append((kind, upload))
    return out


@transaction.atomic
def dossier_forward(*, actor, dossiers: Iterable[Dossier], title: str, papers: Mapping,
                    external_authority: str = "", number: str = "", summary: str = "",
                    comment: str = "") -> Dossier:
    """Relay voted central-level DOSSIERS (same receiving unit, level and type) upward: one
    new dossier of the receiving unit, `sent` to EXTERNAL_AUTHORITY, holding copies of their
    approved items (verdicts, justifications, reports and documents carried over: files are
    shared, not copied). The sources become `forwarded` and link to it.

    PAPERS (document kind code → uploaded file) are the relaying authority's own signed
    dossier-level documents — every kind the items require (`ForwardPlan.papers`: its tờ
    trình, the minutes of its council's meeting…); they become the upper dossier's documents.
    The lower dossiers' dossier-level papers travel as attachments (`carried_from`) and do
    not stand for them. A missing or refused upload raises ApplicationError naming the
    field (`extra["field"]` = the kind) before anything is written; a failure after the
    files are stored removes them with the rollback."""
    plan = _forward_plan(actor, [_lock(d) for d in dossiers], title=title, external_authority=external_authority,
                         number=number, summary=summary, comment=comment)
    uploads = _forward_papers(plan, papers)
    upper, approved, who = plan.upper, plan.items, actor if getattr(actor, "pk", None) else None
    relay = upper.unit
    upper.state, upper.submitted_at, upper.step_started_on, upper.created_by = S.SENT, _now(), _today(), who
    upper.search_key = _search_key(upper)
    upper.save()
    DossierItem.objects.filter(pk__in=[i.pk for i in approved]).update(state=IS.FORWARDED)
    copies = {}
    for item in approved:
        copy = DossierItem(
            dossier=upper, subject_kind=item.subject_kind, person_id=item.person_id, unit_id=item.unit_id,
            held_unit_id=item.held_unit_id, subject_name=item.subject_name, search_key=item.search_key,
            kind=item.final_kind, year=item.year, period_from=item.period_from, period_to=item.period_to,
            achievement=item.achievement, report_text=item.report_text, source=ItemSource.FORWARDED,
            source_item=item, verdict_eligible=item.verdict_eligible, verdict=item.verdict,
            verdict_ruleset=item.verdict_ruleset, verdict_at=item.verdict_at, warnings=item.warnings,
            justification=item.justification, justified_flags=item.justified_flags,
            justified_by_id=item.justified_by_id, justified_at=item.justified_at, state=IS.PENDING,
            vote=item.vote, created_by=who)
        copies[item.pk] = copy
    DossierItem.objects.bulk_create(copies.values(), batch_size=500)
    documents = [DossierDocument(dossier=upper, item=copies.get(doc.item_id), kind=doc.kind, file=doc.file.name,
                                 name=doc.name, size=doc.size, note=doc.note, carried_from=s,
                                 uploaded_by_id=doc.uploaded_by_id)
                 for s in plan.sources for doc in s.documents.all() if doc.item_id is None or doc.item_id in copies]
    own: list[DossierDocument] = []
    try:
        for kind, upload in uploads:
            name = clean_name(upload.name.rsplit("/", 1)[-1])[:255]
            doc = DossierDocument(dossier=upper, kind=kind.code, name=name, size=upload.size, uploaded_by=who)
            doc.file.save(name, upload, save=False)
            own.append(doc)
        DossierDocument.objects.bulk_create(documents + own)
        names = {k.code: k.name for k, _upload in uploads}
        listed = [f"{names[doc.kind]}: {doc.name}" for doc in own]
        for s in plan.sources:
            s.forwarded_to = upper
            _apply(actor, s, transitions()[(s.state, "forward")], "forward", comment=comment,
                   detail={"to": upper.title})
        DossierEvent.objects.create(dossier=upper, actor=who, action="forward", to_state=S.SENT,
                                    comment=(comment or "").strip(),
                                    detail={"from": [s.title for s in plan.sources], "to": upper.external_authority,
                                            "papers": listed})
        _record(actor=actor, action=A.DOSSIER_FORWARD, target=upper, unit_path=relay.path,
                after={"state": _state_label(S.SENT), "external_authority": upper.external_authority,
                       "papers": listed, "items": [i.subject_name for i in approved][:AUDIT_LIST_MAX]},
                reason=(comment or "").strip())
    except BaseException:
        for doc in own:  # stored files are not rolled back with the rows: no orphan file
            doc.file.storage.delete(doc.file.name)
        raise
    return upper


# --- public consultation: opinions ----------------------------------------------------------------


def sender_hash(address: str) -> str:
    """A salted hash of the sender's address: enough to rate-limit, nothing to identify."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|opinion|{address}".encode()).hexdigest()


@transaction.atomic
def opinion_submit(*, dossier: Dossier, name: str, contact: str, text: str, sender: str,
                   item: DossierItem | None = None) -> ConsultationOpinion:
    """An opinion from the public page (no account): only while DOSSIER is open for
    consultation, about one of its published items or the list; at most the workflow's
    `opinions_per_hour` per sender address. Held for moderation (not shown until published)."""
    d = _lock(dossier)
    today = _today()
    if d.state != S.CONSULTATION or not (d.consultation_starts_on <= today <= d.consultation_ends_on):
        raise ApplicationError(CONSULTATION_CLOSED)
    if item is not None and not d.items.filter(pk=item.pk, published_at__isnull=False).exists():
        raise ApplicationError(OPINION_ITEM_UNKNOWN, {"field": "item"})
    name, contact, text = clean_name(name)[:128], clean_name(contact)[:255], (text or "").strip()
    if not (name and contact and text):
        raise ApplicationError(OPINION_FIELDS_REQUIRED)
    if len(text) > OPINION_MAX:
        raise ApplicationError(OPINION_TOO_LONG % OPINION_MAX, {"field": "text"})
    digest = sender_hash(sender)
    limit = workflow().opinions_per_hour
    recent = ConsultationOpinion.objects.filter(sender_hash=digest, created_at__gte=_now() - dt.timedelta(hours=1))
    if recent.count() >= limit:
        raise ApplicationError(RATE_LIMITED % limit)
    opinion = ConsultationOpinion.objects.create(dossier=d, item=item, name=name, contact=contact, text=text,
                                                 sender_hash=digest)
    _record(actor=None, action=A.OPINION_SUBMIT, target=d, unit_path=d.unit.path,
                 after={"opinion": opinion.pk, "name": name, "item": item.subject_name if item else None})
    return opinion


def _lock_opinion(actor, opinion: ConsultationOpinion) -> tuple[Dossier, ConsultationOpinion]:
    d = _lock(opinion.dossier)
    access.require(actor, Perm.DOSSIER_REVIEW, path=d.authority_path)
    return d, ConsultationOpinion.objects.select_for_update().get(pk=opinion.pk, dossier=d)


@transaction.atomic
def opinion_moderate(*, actor, opinion: ConsultationOpinion, publish: bool) -> ConsultationOpinion:
    """Publish an opinion on the public page, or keep it hidden (abusive, off-topic…)."""
    d, opinion = _lock_opinion(actor, opinion)
    before = opinion.status
    opinion.status = OpinionStatus.PUBLISHED if publish else OpinionStatus.HIDDEN
    opinion.moderated_by, opinion.moderated_at = actor, _now()
    opinion.save(update_fields=["status", "moderated_by", "moderated_at"])
    _record(actor=actor, action=A.OPINION_MODERATE, target=d, unit_path=d.unit.path,
                 before={"opinion": opinion.pk, "status": _vi(OpinionStatus(before).label)},
                 after={"opinion": opinion.pk, "status": _vi(OpinionStatus(opinion.status).label)})
    return opinion


@transaction.atomic
def opinion_handle(*, actor, opinion: ConsultationOpinion, handling: str) -> ConsultationOpinion:
    """Record how the secretariat handled an opinion (verified, answered, led to a return…)."""
    d, opinion = _lock_opinion(actor, opinion)
    handling = (handling or "").strip()
    if not handling:
        raise ApplicationError(HANDLING_REQUIRED, {"field": "handling"})
    before = opinion.handling
    opinion.handling, opinion.handled_by, opinion.handled_at = handling, actor, _now()
    opinion.save(update_fields=["handling", "handled_by", "handled_at"])
    _record(actor=actor, action=A.OPINION_HANDLE, target=d, unit_path=d.unit.path,
                 before={"opinion": opinion.pk, "handling": before},
                 after={"opinion": opinion.pk, "handling": handling}, reason=handling)
    return opinion
