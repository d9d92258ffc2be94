from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

USER_CREATE = register("user.create", _("Tạo tài khoản"))
USER_DEACTIVATE = register("user.deactivate", _("Khóa tài khoản"))
GRANT_ADD = register("grant.add", _("Cấp quyền"))
GRANT_REVOKE = register("grant.revoke", _("Thu hồi quyền"))
USER_PASSWORD_CHANGE = register("user.password_change", _("Đổi mật khẩu"))
USER_UNLOCK = register("user.unlock", _("Mở khóa đăng nhập"))
ADDRESS_UNLOCK = register("signin.address_unlock", _("Mở khóa đăng nhập cho địa chỉ mạng"))
OTP_ENABLE = register("user.otp_enable", _("Bật xác thực hai lớp"))
OTP_DISABLE = register("user.otp_disable", _("Tắt xác thực hai lớp"))
OTP_RESET = register("user.otp_reset", _("Đặt lại xác thực hai lớp"))
