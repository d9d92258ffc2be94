from django.db import models
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """A subject's registration (đăng ký thi đua) for one title in one year.

    The engine reads these as the `registered` facts. The movement, targets text and the
    head's approval workflow are added by the movements capability; this table is the
    part every title decision needs.
    """

    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations",
        help_text=_("Với cá nhân: đơn vị nơi đăng ký; với tập thể: chính đơn vị đăng ký."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("danh hiệu đăng ký"), max_length=32)
    registered_on = models.DateField(_("ngày đăng ký"), null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "code"], condition=models.Q(person__isnull=False),
                                    name="registrations_registration_one_per_person"),
            models.UniqueConstraint(fields=["unit", "year", "code"], condition=models.Q(person__isnull=True),
                                    name="registrations_registration_one_per_unit"),
        ]
        indexes = [models.Index(fields=["year", "code"], name="registrations_year_code_idx")]

    def __str__(self) -> str:
        return f"{self.year}: {self.code}"
