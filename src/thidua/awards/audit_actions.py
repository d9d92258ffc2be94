from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

AWARD_RECORD = register("award.record", _("Ghi danh hiệu, khen thưởng"))
AWARD_REVOKE = register("award.revoke", _("Hủy bỏ, thu hồi khen thưởng"))
INITIATIVE_RECORD = register("initiative.record", _("Ghi sáng kiến"))
AWARDS_IMPORT = register("awards.import", _("Nhập khen thưởng từ Excel"))
INITIATIVES_IMPORT = register("initiatives.import", _("Nhập sáng kiến từ Excel"))
