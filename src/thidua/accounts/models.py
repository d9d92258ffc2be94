from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.roles import Role


class RoleGrant(models.Model):
    """A role held on a unit; it covers the unit's whole subtree (DESIGN.md §7).

    A bloc leader's grant also names the bloc and the year it leads.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE,
        related_name="role_grants",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    bloc = models.ForeignKey(
        "org.Bloc", verbose_name=_("khối thi đua"), null=True, blank=True, on_delete=models.CASCADE,
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit", "bloc", "year"], name="accounts_rolegrant_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit}"
