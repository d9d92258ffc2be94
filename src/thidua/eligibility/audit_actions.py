from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

RULESET_DRAFT_SET = register("ruleset.draft_set", _("Bật/tắt bộ quy tắc dự thảo"))
LIST_EXPORT_REQUEST = register("eligibility.list_export_request", _("Yêu cầu xuất Excel danh sách đủ điều kiện"))
