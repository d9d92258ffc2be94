from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned
from thidua.core.models import AuditEvent
from thidua.people.audit_actions import EVALUATION_SET


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class Rating(models.TextChoices):
    """Yearly rating codes (DESIGN.md §4): stable, used in imports, API and rules."""

    HTXSNV = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    HTTNV = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    HTNV = "HTNV", _("Hoàn thành nhiệm vụ")
    KHTNV = "KHTNV", _("Không hoàn thành nhiệm vụ")


cccd_validator = RegexValidator(r"^\d{12}$", _("Số CCCD gồm đúng 12 chữ số."))


class PositionGroup(models.TextChoices):
    """Where a person stands for the statistics of awards (biểu 0602.N, 0603.N of the
    home-affairs statistical regime, docs/statistics.md): the form counts individuals in
    these groups, worded as the form words them. Blank: not classified yet."""

    LANH_DAO_TINH = "lanh_dao_tinh", _("Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên")
    LANH_DAO_SO = "lanh_dao_so", _("Lãnh đạo cấp vụ, sở, ngành và tương đương")
    DOANH_NHAN = "doanh_nhan", _("Doanh nhân")
    LANH_DAO_KHAC = "lanh_dao_khac", _("Các cấp lãnh đạo khác từ phó phòng trở lên")
    TRUC_TIEP = "truc_tiep", _("Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
                               "(công nhân, nông dân…)")


class Person(Versioned):
    """A civil servant, public employee or worker whose titles and awards we keep.

    `current_unit` is the unit of the open employment; the scope follows it, and the
    person's whole history (employments, ratings, discipline) moves with them.
    """

    full_name = models.CharField(_("họ và tên"), max_length=128)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    cccd = models.CharField(
        _("số CCCD"), max_length=12, null=True, blank=True, unique=True, validators=[cccd_validator],
    )
    position = models.CharField(_("chức vụ"), max_length=128, blank=True)
    position_group = models.CharField(_("nhóm chức vụ (thống kê)"), max_length=16, choices=PositionGroup.choices,
                                      blank=True, default="", db_default="")
    current_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị công tác"), on_delete=models.PROTECT, related_name="people",
    )
    search_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("cá nhân")

    def __str__(self) -> str:
        return self.full_name

    @property
    def cccd_masked(self) -> str:
        if not self.cccd:
            return ""
        return "•" * 8 + self.cccd[-4:]


class Employment(models.Model):
    """A stretch of work in one unit; the open one (no `ended_on`) is the current post."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("chức vụ"), max_length=128, blank=True)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("quá trình công tác")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(ended_on__isnull=True), name="people_employment_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="people_employment_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.unit}"


class Evaluation(Versioned):
    """The year-end rating of a person (with `person`) or of a unit itself (without).

    For a person, `unit` is the unit they were rated in that year, which keeps yearly
    statistics right after a transfer.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="evaluations",
    )
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="evaluations")
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )
    rating = models.CharField(_("xếp loại"), max_length=8, choices=Rating.choices)
    months_worked = models.PositiveSmallIntegerField(
        _("số tháng công tác"), default=12, validators=[MinValueValidator(0), MaxValueValidator(12)],
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"], condition=models.Q(person__isnull=False),
                name="people_evaluation_one_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=models.Q(person__isnull=True),
                name="people_evaluation_one_per_unit_year",
            ),
            models.CheckConstraint(
                condition=models.Q(months_worked__lte=12), name="people_evaluation_months_le_12",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "year"], name="people_eval_unit_year_idx"),
            # The people's ratings of a year counted by unit and rating (a unit page's
            # figures) from the index alone, for a department as for the province.
            models.Index(fields=["year", "unit", "rating"], condition=models.Q(person__isnull=False),
                         name="people_eval_year_unit_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.rating}"

    def change_events(self):
        # evaluation_set records the change on the person rated (or the unit itself).
        target = ("people.person", self.person_id) if self.person_id else ("org.unit", self.unit_id)
        return AuditEvent.objects.filter(target_type=target[0], target_id=target[1], action=EVALUATION_SET,
                                         after__year=self.year)

    def stale_label(self) -> str:
        subject = self.person if self.person_id else self.unit
        return _("Xếp loại năm %(year)s của %(who)s") % {"year": self.year, "who": subject}


class DisciplineForm(models.TextChoices):
    KHIEN_TRACH = "khien_trach", _("Khiển trách")
    CANH_CAO = "canh_cao", _("Cảnh cáo")
    HA_BAC_LUONG = "ha_bac_luong", _("Hạ bậc lương")
    GIANG_CHUC = "giang_chuc", _("Giáng chức")
    CACH_CHUC = "cach_chuc", _("Cách chức")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Buộc thôi việc")


class Discipline(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField(_("hình thức kỷ luật"), max_length=32, choices=DisciplineForm.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    effective_until = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("quyết định kỷ luật"), null=True, blank=True,
        on_delete=models.SET_NULL,
    )
    reason = models.TextField(_("nội dung vi phạm"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_until__isnull=True)
                | models.Q(effective_until__gte=models.F("decided_on")),
                name="people_discipline_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} ({self.decided_on:%d/%m/%Y})"
