from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

REGISTRATION_SET = register("registration.set", _("Đăng ký danh hiệu thi đua"))
REGISTRATION_WITHDRAW = register("registration.withdraw", _("Rút đăng ký danh hiệu thi đua"))

SHEET_CREATE = register("registration.sheet_create", _("Lập bản đăng ký thi đua"))
SHEET_SAVE = register("registration.sheet_save", _("Lưu bản đăng ký thi đua"))
SHEET_SUBMIT = register("registration.sheet_submit", _("Gửi bản đăng ký thi đua để thủ trưởng duyệt"))
SHEET_APPROVE = register("registration.sheet_approve", _("Duyệt bản đăng ký thi đua"))
SHEET_RETURN = register("registration.sheet_return", _("Trả lại bản đăng ký thi đua để sửa"))
SHEET_REOPEN = register("registration.sheet_reopen", _("Mở lại bản đăng ký thi đua đã duyệt"))
REGISTRATIONS_IMPORT = register("registration.import", _("Nhập đăng ký thi đua từ Excel"))
