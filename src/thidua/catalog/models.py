"""The catalog of award kinds and the base salary, kept as versions (never overwritten).

A row is one version of one entry. The version in force on a day is the one with the
latest `valid_from` on or before it (ties: the higher `version`). Versions come from the
YAML files in data/catalog (`source=file`, loaded by `thidua catalog load`) or from an
administrator's form (`source=admin`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    DANH_HIEU = "danh_hieu", _("Danh hiệu thi đua")
    HINH_THUC = "hinh_thuc", _("Hình thức khen thưởng")


class SubjectKind(models.TextChoices):
    """Who an award is given to (the rules engine's `subject.kind`)."""

    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


def person_xor_unit(name: str) -> models.CheckConstraint:
    """A row given to one subject names a unit for a collective, a person otherwise, never both."""
    return models.CheckConstraint(
        condition=(models.Q(subject_kind="collective") & models.Q(unit__isnull=False) & models.Q(person__isnull=True))
        | (models.Q(subject_kind__in=["individual", "household"]) & models.Q(person__isnull=False)
           & models.Q(unit__isnull=True)),
        name=name,
    )


class AuthorityLevel(models.TextChoices):
    """Who decides: the level of the awarding authority (LAW.md §D1)."""

    XA = "xa", _("Chủ tịch UBND cấp xã")
    CO_QUAN = "co_quan", _("Thủ trưởng cơ quan, đơn vị; giám đốc sở, ngành")
    TINH = "tinh", _("Bộ trưởng, thủ trưởng ban, ngành; Chủ tịch UBND cấp tỉnh")
    TRUNG_UONG = "trung_uong", _("Cơ quan trung ương khác")
    THU_TUONG = "thu_tuong", _("Thủ tướng Chính phủ")
    CHU_TICH_NUOC = "chu_tich_nuoc", _("Chủ tịch nước")


class KindGroup(models.TextChoices):
    DANH_HIEU_THI_DUA = "danh_hieu_thi_dua", _("Danh hiệu thi đua")
    HUAN_CHUONG = "huan_chuong", _("Huân chương")
    HUY_CHUONG = "huy_chuong", _("Huy chương")
    DANH_HIEU_VINH_DU = "danh_hieu_vinh_du", _("Danh hiệu vinh dự Nhà nước")
    GIAI_THUONG = "giai_thuong", _("Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước")
    KY_NIEM_CHUONG = "ky_niem_chuong", _("Kỷ niệm chương")
    BANG_KHEN = "bang_khen", _("Bằng khen")
    GIAY_KHEN = "giay_khen", _("Giấy khen")


class Source(models.TextChoices):
    FILE = "file", _("Tệp danh mục")
    ADMIN = "admin", _("Quản trị viên")


class AwardKind(models.Model):
    """One version of one award kind. `data` holds the whole validated entry (see
    `thidua.catalog.loader.validate_kind`); name, category and rank are copied out for
    listing and ordering."""

    code = models.CharField(_("mã"), max_length=32, db_index=True)
    version = models.PositiveIntegerField(_("phiên bản"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    name = models.CharField(_("tên"), max_length=255)
    category = models.CharField(_("loại"), max_length=16, choices=Category.choices)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"))
    data = models.JSONField(_("nội dung"))
    source = models.CharField(_("nguồn"), max_length=8, choices=Source.choices)
    source_hash = models.CharField(max_length=64, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("loại khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["code", "valid_from", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="catalog_awardkind_unique_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="catalog_awardkind_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name} (v{self.version})"


class BaseSalary(models.Model):
    """One version of the base salary in force from `effective_from`, with the rounding
    rule reward money follows (Decree 152/2025 Art. 49)."""

    class Rounding(models.TextChoices):
        UP = "up", _("Làm tròn lên")
        NONE = "none", _("Không làm tròn")

    effective_from = models.DateField(_("áp dụng từ ngày"))
    version = models.PositiveIntegerField(_("phiên bản"))
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    rounding = models.CharField(_("cách làm tròn"), max_length=8, choices=Rounding.choices, default=Rounding.UP)
    rounding_step = models.PositiveIntegerField(_("làm tròn đến (đồng)"), default=10_000)
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list)
    source = models.CharField(_("nguồn"), max_length=8, choices=Source.choices, default=Source.FILE)
    source_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("mức lương cơ sở")
        ordering = ["effective_from", "version"]
        constraints = [
            models.UniqueConstraint(fields=["effective_from", "version"], name="catalog_basesalary_unique_version"),
            models.CheckConstraint(condition=models.Q(rounding_step__gte=1), name="catalog_basesalary_step_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.effective_from:%d/%m/%Y}".replace(",", ".")
