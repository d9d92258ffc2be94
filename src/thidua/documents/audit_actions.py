from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

DOCUMENT_CREATE = register("document.create", _("Thêm văn bản"))
DOCUMENT_UPDATE = register("document.update", _("Sửa văn bản"))
