from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

MOVEMENT_CREATE = register("movement.create", _("Phát động phong trào thi đua"))
MOVEMENT_UPDATE = register("movement.update", _("Sửa phong trào thi đua"))
MOVEMENT_CLONE = register("movement.clone", _("Nhân bản phong trào từ năm trước"))
REVIEW_CREATE = register("movement.review_create", _("Ghi nhận sơ kết, tổng kết phong trào"))
