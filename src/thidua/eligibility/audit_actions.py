from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

LIST_EXPORT_REQUEST = register("eligibility.list_export_request", _("Yêu cầu xuất Excel danh sách đủ điều kiện"))
