from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

CATALOG_LOAD = register("catalog.load", _("Nạp danh mục khen thưởng từ tệp"))
AWARD_KIND_VERSION = register("catalog.award_kind.version", _("Tạo phiên bản mới của loại khen thưởng"))
