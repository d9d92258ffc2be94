from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned
from thidua.core.transitions import state_constraint

# The earliest year a registration or a sheet is made for: the engine reads registrations
# at most eleven years back, so an earlier year is a typing error to refuse. Not the
# ledger's `awards.models.FIRST_YEAR` (1945), which keeps awards from the founding of the
# state on: a 1960 Huân chương is history worth recording, a 1960 registration is not.
FIRST_YEAR = 2000
NOTE_MAX = 500  # a registration's note (a person's target on the sheet): the column's width
TARGETS_MAX = 4000  # a sheet's targets, as the page and an import accept them


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    SUBMITTED = "submitted", _("Chờ thủ trưởng duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại để sửa")


class RegistrationSheet(Versioned):
    """A unit's bản đăng ký thi đua for a year under a movement: the titles the unit and its
    people aim for, with the unit's targets, approved by the unit head.

    States: draft → submitted → approved, or submitted → returned → submitted again. The
    head (or whoever may approve) can approve a draft directly. After the movement's
    registration deadline only the secretariat changes a sheet; it may also reopen an
    approved sheet (back to draft) with a reason. The table of transitions, with the
    permission each needs, is `machines.SHEETS`; registrations are written only while
    the sheet is `EDITABLE` (draft or returned).
    """

    EDITABLE = frozenset({SheetStatus.DRAFT, SheetStatus.RETURNED})

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="registration_sheets")
    year = models.PositiveSmallIntegerField(_("năm"))
    movement = models.ForeignKey(
        "movements.Movement", verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="sheets",
    )
    targets = models.TextField(_("chỉ tiêu, nội dung đăng ký"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("bản đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "movement"], condition=models.Q(movement__isnull=False),
                                    name="registrations_sheet_one_per_movement"),
            models.UniqueConstraint(fields=["unit", "year"], condition=models.Q(movement__isnull=True),
                                    name="registrations_sheet_one_per_year"),
            state_constraint("registrations_registrationsheet", SheetStatus),
        ]
        indexes = [models.Index(fields=["movement", "state"], name="registrations_sheet_mv_idx")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"

    def get_absolute_url(self) -> str:
        return self.url_for(self.unit_id, self.year, self.movement_id)

    @staticmethod
    def url_for(unit_id: int, year: int, movement_id: int | None) -> str:
        """The sheet page; an empty `phong-trao` names the general sheet of the year, which
        the page does not open by default when the unit follows a yearly movement."""
        query = {"nam": year, "phong-trao": movement_id or ""}
        return f"{reverse('registrations:sheet', args=[unit_id])}?{urlencode(query)}"

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE


class Registration(models.Model):
    """A subject's registration (đăng ký thi đua) for one title in one year.

    The engine reads these as the `registered` facts: a registration counts when it is
    on an approved sheet, or on none (history imported or entered before sheets existed).
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
    note = models.CharField(_("ghi chú, chỉ tiêu"), max_length=NOTE_MAX, blank=True)
    sheet = models.ForeignKey(RegistrationSheet, verbose_name=_("bản đăng ký"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="registrations")

    class Meta:
        verbose_name = verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "code"], condition=models.Q(person__isnull=False),
                                    name="registrations_registration_one_per_person"),
            models.UniqueConstraint(fields=["unit", "year", "code"], condition=models.Q(person__isnull=True),
                                    name="registrations_registration_one_per_unit"),
        ]
        indexes = [models.Index(fields=["year", "code"], name="registrations_year_code_idx")]

    def __str__(self) -> str:
        return f"{self.year}: {self.code}"
