from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

PERSON_CREATE = register("person.create", _("Thêm cá nhân"))
PERSON_UPDATE = register("person.update", _("Sửa thông tin cá nhân"))
PERSON_TRANSFER = register("person.transfer", _("Điều chuyển công tác"))
EVALUATION_SET = register("evaluation.set", _("Ghi xếp loại hằng năm"))
# Kept for the audit trail of ratings deleted before the page was removed (issue 11).
EVALUATION_DELETE = register("evaluation.delete", _("Xóa xếp loại"))
DISCIPLINE_CREATE = register("discipline.create", _("Ghi kỷ luật"))
DISCIPLINE_DELETE = register("discipline.delete", _("Xóa kỷ luật"))
PEOPLE_IMPORT = register("people.import", _("Nhập danh sách từ Excel"))
CCCD_REFUSED = register("person.cccd_refused", _("Từ chối số CCCD đã có trong hệ thống"))
