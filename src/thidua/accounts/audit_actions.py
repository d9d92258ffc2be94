from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

USER_CREATE = register("user.create", _("Tạo tài khoản"))
USER_DEACTIVATE = register("user.deactivate", _("Khóa tài khoản"))
GRANT_ADD = register("grant.add", _("Cấp quyền"))
GRANT_REVOKE = register("grant.revoke", _("Thu hồi quyền"))
