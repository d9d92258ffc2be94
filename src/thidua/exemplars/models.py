"""The register of điển hình tiên tiến (exemplars) and the congresses that honour them.

An `Exemplar` is one person (individual) or one collective (a unit) held up as an example:
its field, the movement it grew from, its story (safe HTML, `richtext.sanitise` on every
save), photos, and the awards and initiatives behind it. It is nominated from an award or
from a movement's sơ kết / tổng kết review by the TĐKT officer of the unit the subject
belongs to, and moves through `machines.EXEMPLARS`:

    nominated (Đề cử) ──approve──► approved (Đã duyệt)
        │  ▲                           │
     return└──resubmit── returned ◄──return

Publishing is not a state but an explicit, audited act of the secretariat on an approved
exemplar (`published_at`, `published_by`); only published exemplars reach the public
(`selectors.published`). A `Congress` (Hội nghị điển hình tiên tiến, Đại hội thi đua yêu
nước) honours approved exemplars; each `Honour` records who was honoured where.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned
from thidua.core.models import Authored, Uploaded
from thidua.core.transitions import state_constraint
from thidua.exemplars.richtext import sanitise


class ExemplarField(models.TextChoices):
    """The field (lĩnh vực) an exemplar stands out in."""

    KINH_TE = "kinh_te", _("Kinh tế, sản xuất, kinh doanh")
    NONG_NGHIEP = "nong_nghiep", _("Nông nghiệp, nông thôn mới")
    GIAO_DUC = "giao_duc", _("Giáo dục, đào tạo")
    Y_TE = "y_te", _("Y tế, chăm sóc sức khỏe")
    VAN_HOA = "van_hoa", _("Văn hóa, xã hội")
    KHOA_HOC = "khoa_hoc", _("Khoa học, công nghệ, chuyển đổi số")
    HANH_CHINH = "hanh_chinh", _("Cải cách hành chính, công vụ")
    AN_NINH = "an_ninh", _("Quốc phòng, an ninh, trật tự")
    MOI_TRUONG = "moi_truong", _("Tài nguyên, môi trường")
    KHAC = "khac", _("Lĩnh vực khác")


class ExemplarState(models.TextChoices):
    NOMINATED = "nominated", _("Đề cử")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


class ExemplarSource(models.TextChoices):
    AWARD = "award", _("Từ khen thưởng")
    REVIEW = "review", _("Từ sơ kết, tổng kết phong trào")


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Exemplar(Versioned, Authored):
    """One exemplar (see the module docstring). `unit` carries the scope: the collective
    itself, or the unit the person belonged to when nominated. `name` and `position` are
    what the public may read of the subject (no birth date, no CCCD)."""

    subject_kind = models.CharField(_("đối tượng"), max_length=16, choices=SubjectKind.choices)
    person = models.ForeignKey("people.Person", verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="exemplars")
    collective = models.ForeignKey("org.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="exemplars")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên cá nhân, tập thể"), max_length=255)
    position = models.CharField(_("chức vụ, chức danh"), max_length=255, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=16, choices=ExemplarField.choices)
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1945), MaxValueValidator(2100)])
    movement = models.ForeignKey("movements.Movement", verbose_name=_("phong trào thi đua"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="exemplars")
    headline = models.CharField(_("tiêu đề gương điển hình"), max_length=255, blank=True)
    story = models.TextField(_("câu chuyện, thành tích"), blank=True)
    awards = models.ManyToManyField("awards.Award", verbose_name=_("khen thưởng"), blank=True, related_name="+")
    initiatives = models.ManyToManyField("awards.Initiative", verbose_name=_("sáng kiến"), blank=True,
                                         related_name="+")
    source = models.CharField(_("nguồn đề cử"), max_length=16, choices=ExemplarSource.choices)
    source_award = models.ForeignKey("awards.Award", verbose_name=_("đề cử từ khen thưởng"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    source_review = models.ForeignKey("movements.Review", verbose_name=_("đề cử từ sơ kết, tổng kết"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("trạng thái"), max_length=16, choices=ExemplarState.choices,
                             default=ExemplarState.NOMINATED)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("thời điểm công bố"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người công bố"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    search_key = models.CharField(max_length=600, blank=True, editable=False)

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("sổ điển hình tiên tiến")
        ordering = ["-year", "name", "id"]
        constraints = [
            state_constraint("exemplars_exemplar", ExemplarState),
            models.CheckConstraint(
                condition=(Q(subject_kind="collective") & Q(collective__isnull=False) & Q(person__isnull=True))
                | (Q(subject_kind="individual") & Q(person__isnull=False) & Q(collective__isnull=True)),
                name="exemplars_exemplar_person_xor_collective",
            ),
            models.CheckConstraint(
                condition=(Q(source="award") & Q(source_award__isnull=False))
                | (Q(source="review") & Q(source_review__isnull=False)),
                name="exemplars_exemplar_source_named",
            ),
            # One nomination of a subject a year (the service says so first, under a lock).
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False),
                                    name="exemplars_exemplar_one_person_year"),
            models.UniqueConstraint(fields=["collective", "year"], condition=Q(collective__isnull=False),
                                    name="exemplars_exemplar_one_collective_year"),
            # Only an approved exemplar is ever published.
            models.CheckConstraint(condition=Q(published_at__isnull=True) | Q(state="approved"),
                                   name="exemplars_exemplar_published_approved"),
        ]
        indexes = [
            models.Index(fields=["unit", "year"], name="exemplars_unit_year_idx"),
            models.Index(fields=["published_at"], name="exemplars_published_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Whatever path writes the row, the story it keeps is the sanitised one.
        self.story = sanitise(self.story)
        super().save(*args, **kwargs)

    save.alters_data = True

    def get_absolute_url(self) -> str:
        return reverse("exemplars:detail", args=[self.pk])

    @property
    def subject(self):
        return self.person if self.person_id else self.collective


def photo_path(photo: "ExemplarPhoto", filename: str) -> str:
    return f"dien-hinh/{photo.exemplar_id}/{filename}"


class ExemplarPhoto(Uploaded):
    """A photo of an exemplar, checked by `core.uploads` (an image, bounded in bytes and
    pixels) before it is stored; shown only through the exemplar's pages."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("ảnh"), upload_to=photo_path, max_length=255)
    caption = models.CharField(_("chú thích ảnh"), max_length=255, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("ảnh điển hình")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption or self.original_name or str(self.exemplar)


class CongressKind(models.TextChoices):
    HOI_NGHI = "hoi_nghi", _("Hội nghị điển hình tiên tiến")
    DAI_HOI = "dai_hoi", _("Đại hội thi đua yêu nước")


class Congress(Versioned, Authored):
    """A Hội nghị điển hình tiên tiến or the five-yearly Đại hội thi đua yêu nước held by
    UNIT (its level), honouring approved exemplars of UNIT's subtree (`Honour`)."""

    kind = models.CharField(_("loại"), max_length=16, choices=CongressKind.choices)
    unit = models.ForeignKey("org.Unit", verbose_name=_("cấp tổ chức"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên hội nghị, đại hội"), max_length=500)
    held_on = models.DateField(_("ngày tổ chức"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    honourees = models.ManyToManyField(Exemplar, through="Honour", related_name="congresses", blank=True)

    class Meta:
        verbose_name = _("hội nghị, đại hội")
        verbose_name_plural = _("hội nghị điển hình tiên tiến, đại hội thi đua")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exemplars:congress", args=[self.pk])


class Honour(models.Model):
    """EXEMPLAR honoured at CONGRESS, in the list's ORDER."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="honours")
    exemplar = models.ForeignKey(Exemplar, on_delete=models.PROTECT, related_name="honours")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("tuyên dương tại hội nghị")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "exemplar"], name="exemplars_honour_unique")]

    def __str__(self) -> str:
        return f"{self.exemplar} — {self.congress}"
