from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

RULESET_DRAFT_SET = register("ruleset.draft_set", _("Bật/tắt bộ quy tắc dự thảo"))
