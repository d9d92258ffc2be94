from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

REGISTRATION_SET = register("registration.set", _("Đăng ký danh hiệu thi đua"))
REGISTRATION_WITHDRAW = register("registration.withdraw", _("Rút đăng ký danh hiệu thi đua"))
