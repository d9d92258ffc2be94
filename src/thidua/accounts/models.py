from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.roles import Role


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
        verbose_name = verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit", "bloc", "year"], name="accounts_rolegrant_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit}"


class SignInFailure(models.Model):
    """One failed sign-in (wrong password or wrong code), kept for the lockout window.

    A failure names the account it was against when the typed name signs in to one
    (`lockout.account_for`); otherwise only the name as typed, normalised, which never
    counts against any account.
    """

    at = models.DateTimeField(_("lúc"), db_index=True)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    name = models.CharField(_("tên đăng nhập đã gõ"), max_length=150, blank=True)
    address = models.CharField(_("địa chỉ mạng"), max_length=45, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lần đăng nhập sai")
        indexes = [
            models.Index(fields=["account", "at"], name="accounts_failure_account_at"),
            models.Index(fields=["name", "at"], name="accounts_failure_name_at"),
            models.Index(fields=["address", "at"], name="accounts_failure_address_at"),
        ]

    def __str__(self) -> str:
        return f"{self.account or self.name} {self.address} {self.at:%d/%m/%Y %H:%M}"


class SignInLock(models.Model):
    """A sign-in lock on an account, on a typed name that has no account, or on a client
    address, until `until` or until someone lifts it (`released_at`)."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("Tài khoản")
        NAME = "name", _("Tên đăng nhập không có tài khoản")
        ADDRESS = "address", _("Địa chỉ mạng")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="sign_in_locks")
    name = models.CharField(_("tên đăng nhập đã gõ"), max_length=150, blank=True)
    address = models.CharField(_("địa chỉ mạng"), max_length=45, blank=True)
    failures = models.PositiveIntegerField(_("số lần sai"))
    last_address = models.CharField(_("địa chỉ của lần sai cuối"), max_length=45, blank=True)
    locked_at = models.DateTimeField(_("khóa lúc"))
    until = models.DateTimeField(_("khóa đến"), db_index=True)
    released_at = models.DateTimeField(_("mở khóa lúc"), null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người mở khóa"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("khóa đăng nhập")

    def __str__(self) -> str:
        target = self.account or self.name or self.address
        return f"{self.get_kind_display()} {target}"
