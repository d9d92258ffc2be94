"""What the eligibility app stores: which draft rule sets an administrator switched on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned


class RulesetSwitch(Versioned):
    """A draft rule set (`RuleSet.draft`) switched on or off for the whole province. No row
    means off: a draft is never judged with until an administrator says so, on the record."""

    ruleset_id = models.CharField(_("bộ quy tắc"), max_length=40, unique=True)
    enabled = models.BooleanField(_("đang dùng"), default=False, db_default=False)

    class Meta:
        verbose_name = _("bật/tắt bộ quy tắc dự thảo")
        verbose_name_plural = _("bật/tắt bộ quy tắc dự thảo")

    def __str__(self) -> str:
        return str(_("Bộ quy tắc %(id)s") % {"id": self.ruleset_id})
