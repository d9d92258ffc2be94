"""Emulation movements (phong trào thi đua), their milestones and their reviews.

A movement is launched by a unit (its organiser: UBND tỉnh, a sở, a commune…) through a
document (Chỉ thị, Kế hoạch) and followed by units of the organiser's subtree: listed
units (with or without their subtrees) and the member units of listed blocs. Reviews
(sơ kết, tổng kết) keep the figures computed on the day, so a report stays what it said.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned
from thidua.core.models import Authored


class MovementKind(models.TextChoices):
    THUONG_XUYEN = "thuong_xuyen", _("Thường xuyên, hằng năm")
    CHUYEN_DE = "chuyen_de", _("Chuyên đề")
    DOT = "dot", _("Theo đợt, ngắn hạn")


class Movement(Versioned, Authored):
    organiser = models.ForeignKey(
        "org.Unit", verbose_name=_("cấp phát động"), on_delete=models.PROTECT, related_name="organised_movements",
    )
    name = models.CharField(_("tên phong trào"), max_length=500)
    kind = models.CharField(_("loại phong trào"), max_length=16, choices=MovementKind.choices,
                            default=MovementKind.THUONG_XUYEN)
    year = models.PositiveSmallIntegerField(
        _("năm"), help_text=_("Năm thi đua (năm bắt đầu với phong trào nhiều năm)."))
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("văn bản phát động"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="launched_movements",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("thực hiện theo phong trào"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Phong trào cấp trên mà phong trào này cụ thể hóa."),
    )
    theme = models.CharField(_("chủ đề"), max_length=500, blank=True)
    aims = models.TextField(_("mục đích, yêu cầu"), blank=True)
    targets = models.TextField(_("chỉ tiêu"), blank=True)
    content = models.TextField(_("nội dung thi đua"), blank=True)
    criteria = models.TextField(_("tiêu chí đánh giá"), blank=True)
    starts_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    monitoring_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị theo dõi, tổng hợp"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="monitored_movements",
    )
    blocs = models.ManyToManyField("org.Bloc", verbose_name=_("khối, cụm thi đua tham gia"), blank=True,
                                   related_name="movements")
    attachments = models.ManyToManyField("documents.Document", verbose_name=_("văn bản liên quan"), blank=True,
                                         related_name="movements")
    cloned_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    search_key = models.CharField(max_length=600, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("phong trào thi đua")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="movements_movement_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["organiser", "year"], name="movements_org_year_idx")]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A unit listed as taking part; with `subtree` its whole subtree takes part."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    subtree = models.BooleanField(_("kể cả đơn vị trực thuộc"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị tham gia")
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="movements_participant_unique")]

    def __str__(self) -> str:
        return str(self.unit)


class MilestoneKind(models.TextChoices):
    SO_KET = "so_ket", _("Sơ kết")
    TONG_KET = "tong_ket", _("Tổng kết")
    BAO_CAO = "bao_cao", _("Báo cáo định kỳ")
    KHAC = "khac", _("Mốc khác")


class Milestone(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("loại mốc"), max_length=16, choices=MilestoneKind.choices)
    title = models.CharField(_("nội dung"), max_length=255, blank=True)
    due_on = models.DateField(_("thời hạn"))

    class Meta:
        verbose_name = verbose_name_plural = _("mốc thời gian")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class ReviewKind(models.TextChoices):
    SO_KET = "so_ket", _("Sơ kết")
    TONG_KET = "tong_ket", _("Tổng kết")


class Review(Authored):
    """A sơ kết or tổng kết: when, the report, the figures as computed then, the exemplars."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("loại"), max_length=16, choices=ReviewKind.choices)
    held_on = models.DateField(_("ngày tổ chức"))
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("báo cáo sơ kết, tổng kết"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    notes = models.TextField(_("nhận xét, đánh giá"), blank=True)
    figures = models.JSONField(_("số liệu"), default=dict, editable=False)
    exemplar_people = models.ManyToManyField("people.Person", verbose_name=_("cá nhân điển hình"), blank=True,
                                             related_name="+")
    exemplar_units = models.ManyToManyField("org.Unit", verbose_name=_("tập thể điển hình"), blank=True,
                                            related_name="+")
    exemplar_notes = models.TextField(_("gương điển hình khác"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("sơ kết, tổng kết")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.movement}"
