"""The registration sheet's moves (`core.transitions`): the unit officer sends, the head
approves or returns with a reason, an approved sheet is reopened with a reason. Each row
names the permission it needs over the sheet's unit before the movement's registration
deadline; past it, only `Perm.REGISTRATION_LATE` (the secretariat) moves a sheet."""

from django.utils.translation import gettext_lazy as _

from thidua.core import access, transitions
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.transitions import Machine, Transition
from thidua.registrations import audit_actions as A
from thidua.registrations import selectors
from thidua.registrations.models import RegistrationSheet, SheetStatus

S = SheetStatus
SUBMIT, APPROVE, RETURN, REOPEN = "submit", "approve", "return", "reopen"

WRONG_STATE = _("Không thể %(action)s bản đăng ký đang ở trạng thái «%(state)s».")
NEEDS_REASON = _("Cần ghi rõ lý do %(action)s.")
PAST_DEADLINE = _("Đã quá hạn đăng ký (%(deadline)s); việc thay đổi cần Thường trực Hội đồng TĐKT thực hiện.")


def _late(actor, sheet: RegistrationSheet) -> bool:
    return access.covers(actor, Perm.REGISTRATION_LATE, sheet.unit.path)


def past_deadline(actor, unit, movement) -> ApplicationError | None:
    """PAST_DEADLINE for an actor without the late permission once MOVEMENT's registration
    deadline has passed (saving a sheet is refused alike)."""
    if access.covers(actor, Perm.REGISTRATION_LATE, unit.path) or not selectors.deadline_passed(movement):
        return None
    return ApplicationError(PAST_DEADLINE % {"deadline": movement.registration_deadline.strftime("%d/%m/%Y")})


def _authorise(actor, sheet: RegistrationSheet, row: Transition) -> bool:
    return _late(actor, sheet) or access.covers(actor, row.perms[0], sheet.unit.path)


def _blocked(actor, sheet: RegistrationSheet, row: Transition) -> ApplicationError | None:
    return past_deadline(actor, sheet.unit, sheet.movement)


def _row(source, action, target, perm, verb, code, slug, needs_reason=False) -> Transition:
    return Transition(source, action, target, (perm,), needs_reason=needs_reason, verb=verb, audit=code, slug=slug)


_SEND, _APPROVE, _RETURN, _REOPEN = _("gửi"), _("duyệt"), _("trả lại"), _("mở lại")
SHEETS = transitions.register(Machine(
    name="registration_sheet", model=RegistrationSheet, states=SheetStatus,
    rows=[
        _row(S.DRAFT, SUBMIT, S.SUBMITTED, Perm.REGISTRATION_CHANGE, _SEND, A.SHEET_SUBMIT, "gui-duyet"),
        _row(S.RETURNED, SUBMIT, S.SUBMITTED, Perm.REGISTRATION_CHANGE, _SEND, A.SHEET_SUBMIT, "gui-duyet"),
        _row(S.DRAFT, APPROVE, S.APPROVED, Perm.REGISTRATION_APPROVE, _APPROVE, A.SHEET_APPROVE, "duyet"),
        _row(S.SUBMITTED, APPROVE, S.APPROVED, Perm.REGISTRATION_APPROVE, _APPROVE, A.SHEET_APPROVE, "duyet"),
        _row(S.RETURNED, APPROVE, S.APPROVED, Perm.REGISTRATION_APPROVE, _APPROVE, A.SHEET_APPROVE, "duyet"),
        _row(S.SUBMITTED, RETURN, S.RETURNED, Perm.REGISTRATION_APPROVE, _RETURN, A.SHEET_RETURN, "tra-lai",
             needs_reason=True),
        _row(S.APPROVED, REOPEN, S.DRAFT, Perm.REGISTRATION_APPROVE, _REOPEN, A.SHEET_REOPEN, "mo-lai",
             needs_reason=True),
    ],
    units={"unit": lambda sheet: sheet.unit.path},
    authorise=_authorise, blocked=_blocked, wrong_state=WRONG_STATE, needs_reason=NEEDS_REASON,
    view_name="registrations:transition",
    tones={S.DRAFT: "secondary", S.SUBMITTED: "warning", S.APPROVED: "success", S.RETURNED: "danger"},
))
