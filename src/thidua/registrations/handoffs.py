"""Who a registration sheet's moves tell (`notices.handoffs`, docs/notices.md): the unit's
head when it is sent for approval, its officers when it is approved, returned or reopened
(with the head's reason)."""

from django.utils.translation import gettext as _

from thidua.core.roles import Role
from thidua.notices.handoffs import Handoff, Notice, nearest
from thidua.registrations.machines import APPROVE, REOPEN, RETURN, SHEETS, SUBMIT


def _words(sheet) -> dict:
    # A sheet of the year (no movement) is named by its year.
    name = sheet.movement.name if sheet.movement_id else _("năm %s") % sheet.year
    return {"name": name, "unit": sheet.unit.name}


def _to(role: str, words):
    def tell(sheet, reason: str):
        text = words % {**_words(sheet), "reason": reason}
        return [Notice(nearest([role], sheet.unit.path), text, sheet.get_absolute_url())]
    return tell


def _event(action: str) -> str:
    return f"{SHEETS.name}.{action}"


HANDOFFS = [
    Handoff(_event(SUBMIT), _to(Role.UNIT_HEAD, _("Bản đăng ký thi đua «%(name)s» của %(unit)s chờ thủ trưởng duyệt"))),
    Handoff(_event(APPROVE), _to(Role.UNIT_OFFICER, _("Bản đăng ký thi đua «%(name)s» của %(unit)s đã được duyệt")),
            task=False),
    Handoff(_event(RETURN), _to(Role.UNIT_OFFICER, _(
        "Bản đăng ký thi đua «%(name)s» của %(unit)s bị trả lại. Lý do: %(reason)s. Cần sửa và gửi lại"))),
    Handoff(_event(REOPEN), _to(Role.UNIT_OFFICER, _(
        "Bản đăng ký thi đua «%(name)s» của %(unit)s được mở lại để sửa. Lý do: %(reason)s"))),
]
MACHINE = SHEETS
