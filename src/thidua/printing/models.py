"""Printing: Word templates per authority, certificate layouts for pre-printed blanks, the
printers' offsets, and the verification tokens behind the certificates' QR codes.

Templates and layouts belong to an authority (a unit) and serve its whole subtree: the
nearest unit up the tree that has one wins, then the shipped default (data/print/).
"""

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned
from thidua.core.models import Uploaded
from thidua.core.transitions import state_constraint


class DocKind(models.TextChoices):
    TO_TRINH = "to_trinh", _("Tờ trình đề nghị khen thưởng")
    DANH_SACH = "danh_sach", _("Danh sách kèm theo tờ trình")
    BIEN_BAN = "bien_ban", _("Biên bản họp Hội đồng Thi đua – Khen thưởng")
    QUYET_DINH = "quyet_dinh", _("Quyết định khen thưởng")
    BAO_CAO = "bao_cao", _("Báo cáo tổng kết công tác thi đua, khen thưởng")


class DocTemplate(Uploaded):
    """One version of an authority's Word template for one kind of document. Versions are
    never overwritten: the highest is in force; restoring the shipped file adds a version."""

    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocKind.choices)
    unit = models.ForeignKey("org.Unit", verbose_name=_("cơ quan dùng mẫu"), on_delete=models.PROTECT,
                             related_name="+")
    version = models.PositiveIntegerField(_("phiên bản"))
    file = models.FileField(_("tệp mẫu"), upload_to="printing/templates/%Y/",
                            validators=[FileExtensionValidator(["docx"])])
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    original_name = models.CharField(_("tên tệp tải lên"), max_length=255, blank=True)
    is_default = models.BooleanField(_("là mẫu gốc của hệ thống"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("mẫu văn bản")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit", "version"], name="printing_doctemplate_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="printing_doctemplate_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class CertificateLayout(models.Model):
    """Where each field of one award kind's certificate falls on the authority's
    pre-printed blank. `fields` is a list of `thidua.printing.layouts.Field` as dicts
    (key, enabled, x, y, width in mm, font, size in pt, bold, italic, align, text).
    `version` counts the saves; each save is audited with the layout before and after."""

    kind = models.CharField(_("danh hiệu, hình thức"), max_length=32)
    unit = models.ForeignKey("org.Unit", verbose_name=_("cơ quan dùng phôi"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(_("tên phôi"), max_length=255)
    page_width = models.DecimalField(_("khổ giấy, chiều ngang (mm)"), max_digits=5, decimal_places=1)
    page_height = models.DecimalField(_("khổ giấy, chiều dọc (mm)"), max_digits=5, decimal_places=1)
    fields = models.JSONField(_("các trường in"), default=list)
    place = models.CharField(_("địa danh"), max_length=128, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True,
                                    help_text=_("Xuống dòng giữa quyền hạn và chức vụ, ví dụ «KT. CHỦ TỊCH» rồi "
                                                "«PHÓ CHỦ TỊCH»."))
    signer_name = models.CharField(_("họ tên người ký"), max_length=128, blank=True)
    background = models.FileField(
        _("ảnh quét phôi (chỉ để xem trên màn hình)"), upload_to="printing/blanks/%Y/", blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png"])],
    )
    version = models.PositiveIntegerField(_("số lần lưu"), default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người lưu"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("thời điểm lưu"), auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("bố cục in bằng khen, giấy khen")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit"], name="printing_certificatelayout_one_per_kind_unit"),
            models.CheckConstraint(condition=Q(page_width__gt=0) & Q(page_height__gt=0),
                                   name="printing_certificatelayout_page_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class PrinterProfile(Versioned):
    """A printer of the authority and how far it shifts what it prints: every field moves
    by (offset_x, offset_y) mm when printing on it, so one layout serves every printer."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên máy in"), max_length=128)
    offset_x = models.DecimalField(_("lệch ngang (mm, + sang phải)"), max_digits=4, decimal_places=1, default=0)
    offset_y = models.DecimalField(_("lệch dọc (mm, + xuống dưới)"), max_digits=4, decimal_places=1, default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("máy in")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="printing_printerprofile_unique_name"),
            models.CheckConstraint(condition=Q(offset_x__gte=-50) & Q(offset_x__lte=50) & Q(offset_y__gte=-50)
                                   & Q(offset_y__lte=50), name="printing_printerprofile_offset_range"),
        ]

    def __str__(self) -> str:
        return self.name


def new_token() -> str:
    """128 random bits, URL-safe: not guessable, not derived from the award."""
    return secrets.token_urlsafe(16)


class AwardVerification(models.Model):
    """The token of one award's public verification page (/xac-minh/<token>/), made the
    first time its certificate is printed and printed in its QR code ever after."""

    award = models.OneToOneField("awards.Award", on_delete=models.PROTECT, related_name="verification")
    token = models.CharField(max_length=32, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("mã xác minh khen thưởng")

    def __str__(self) -> str:
        return f"xác minh #{self.award_id}"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ tạo tệp")
    RUNNING = "running", _("Đang tạo tệp")
    READY = "ready", _("Sẵn sàng tải về")
    FAILED = "failed", _("Không tạo được tệp")


class CertificateBatch(models.Model):
    """A batch of certificates too large to draw in a request, drawn by the task worker
    (`printing.tasks.render_certificate_batch`).

    States: queued → running → ready | failed. The PDF is kept in the default storage
    under a random name (media are never published by URL) and handed out only by the
    download page, to users who may print every award of the batch, until `expires_at`;
    then file and row are deleted (`services.certificate_batches_prune`), the audit trail
    keeping the request and the file's creation."""

    Status = BatchStatus

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"),
                                     on_delete=models.CASCADE, related_name="+")
    award_ids = models.JSONField(_("các khen thưởng, theo thứ tự in"), default=list)
    count = models.PositiveIntegerField(_("số bằng"))
    printer = models.ForeignKey(PrinterProfile, verbose_name=_("máy in"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    base_url = models.CharField(_("địa chỉ của trang yêu cầu"), max_length=255, blank=True)
    unit_path = models.CharField(max_length=255, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("lý do không tạo được"), blank=True)
    file = models.FileField(_("tệp PDF"), upload_to="printing/batches/%Y/%m/", blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn tải về"))

    class Meta:
        verbose_name = verbose_name_plural = _("tệp in bằng khen hàng loạt")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="printing_certificatebatch_count_positive"),
            state_constraint("printing_certificatebatch", BatchStatus),
        ]

    def __str__(self) -> str:
        return f"tệp in {self.count} bằng #{self.pk}"

    # A worker draws 500 pages in well under a minute; one running far longer has died (a
    # restart, memory) and will never finish.
    RUN_LIMIT = dt.timedelta(minutes=30)

    @property
    def stalled(self) -> bool:
        return self.state == self.Status.RUNNING and self.started_at is not None \
            and self.started_at < timezone.now() - self.RUN_LIMIT

    @property
    def pending(self) -> bool:
        return self.state in (self.Status.QUEUED, self.Status.RUNNING) and not self.stalled

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def downloadable(self) -> bool:
        return self.state == self.Status.READY and not self.expired


class LegalBases(Versioned):
    """The căn cứ lines an authority's papers cite beside the law and its decree
    (`printing.bases`): COMPETENCE, what makes its head competent (a People's Committee:
    the law on local government in force; a Sở: the province's decision on its functions),
    cited by its decisions only; REGULATIONS, the province's or the body's own TĐKT rules,
    cited by decisions and tờ trình alike and inherited by the units below that keep none."""

    unit = models.OneToOneField("org.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    competence = models.TextField(_("căn cứ thẩm quyền"), blank=True,
                                  help_text=_("Mỗi dòng một căn cứ, không cần dấu chấm phẩy ở cuối."))
    regulations = models.TextField(_("căn cứ quy chế, hướng dẫn thi đua, khen thưởng"), blank=True,
                                   help_text=_("Mỗi dòng một căn cứ, không cần dấu chấm phẩy ở cuối."))

    class Meta:
        verbose_name = verbose_name_plural = _("căn cứ pháp lý của cơ quan")

    def __str__(self) -> str:
        return str(self.unit)
