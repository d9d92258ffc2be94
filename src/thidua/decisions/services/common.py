"""What drafting, signing and revocation share: their messages, which authority decides
which kind, the symbol of a decision series, the draft check."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thidua.awards.models import CommendationType
from thidua.awards.services import (
    TYPE_INVALID,
)
from thidua.catalog.selectors import KindInfo, current_kinds
from thidua.core import audit
from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name, fold
from thidua.decisions.machines import NOT_A_DRAFT
from thidua.decisions.models import (
    Decision,
    DecisionState,
)
from thidua.org.models import Unit, UnitKind, UnitLevel
from thidua.people.models import Person

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
NUMBER_REQUIRED = _("Hãy ghi số của quyết định (số nguyên dương).")
# Numbers run from 1 each year: six digits is far beyond any authority's year, and keeps a
# typo from overflowing the column.
NUMBER_MAX = 999_999
NUMBER_TOO_BIG = _("Số quyết định tối đa 999999; hãy kiểm tra lại số.")
NUMBER_TAKEN = _("Số %s đã được ghi cho một quyết định khác.")
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
REJECTED_BY_COUNCIL = _("Hội đồng Thi đua – Khen thưởng đã không nhất trí đề nghị «%(name)s» năm %(year)s cho "
                        "%(subject)s (hồ sơ «%(dossier)s»): không ghi trường hợp này vào quyết định.")
JUSTIFICATION_BY_DECIDER = _("Chỉ người có thẩm quyền quyết định của %(authority)s mới ghi giải trình cho trường hợp "
                             "chưa đủ điều kiện.")
JUSTIFICATION_REQUIRED = _("Hãy ghi giải trình vì sao khen thưởng trường hợp này dù chưa đủ điều kiện theo bộ quy tắc.")
NOT_A_DIRECT_LINE = _("Dòng này không cần giải trình: %s.")
UNJUSTIFIED_LINES = _("Chưa ký được: %(names)s chưa đủ điều kiện theo bộ quy tắc và chưa có giải trình của người có "
                      "thẩm quyền quyết định.")
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
    justification: str = ""  # why a line the engine does not find eligible is awarded all the same


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
                   "summary", "commendation_type", "reason", "signer_name", "signer_title", "signatory", "document",
                   "cancel_reason"]


def _snapshot(decision: Decision) -> dict:
    """DECISION's fields for the audit row of one of its moves (the machine writes the state)."""
    return audit.snapshot(decision, [name for name in DECISION_FIELDS if name != "state"])


# What signing (or recording) sets besides the state.
SIGNED_FIELDS = ["year", "issued_on", "number", "symbol", "signer", "signer_name", "signer_title", "signatory",
                 "capacity", "document", "signed_at"]
