from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned


class DocumentKind(models.TextChoices):
    LUAT = "luat", _("Luật")
    NGHI_DINH = "nghi_dinh", _("Nghị định")
    THONG_TU = "thong_tu", _("Thông tư")
    CHI_THI = "chi_thi", _("Chỉ thị")
    KE_HOACH = "ke_hoach", _("Kế hoạch")
    QUYET_DINH = "quyet_dinh", _("Quyết định")
    CONG_VAN = "cong_van", _("Công văn")
    HUONG_DAN = "huong_dan", _("Hướng dẫn")
    TO_TRINH = "to_trinh", _("Tờ trình")
    BAO_CAO = "bao_cao", _("Báo cáo")
    THONG_BAO = "thong_bao", _("Thông báo")
    KHAC = "khac", _("Văn bản khác")


class Document(Versioned):
    """A văn bản: directive, plan, decision… kept by the unit that holds it."""

    number = models.CharField(_("số, ký hiệu"), max_length=64, help_text=_("Ví dụ: 01/CT-UBND"))
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    summary = models.TextField(_("trích yếu"))
    # Who signed, as the document prints it: "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH", "Nguyễn Văn A".
    signer_title = models.CharField(_("quyền hạn, chức vụ người ký"), max_length=128, blank=True, default="",
                                    db_default="")
    signer_name = models.CharField(_("họ tên người ký"), max_length=128, blank=True, default="", db_default="")
    file = models.FileField(
        _("tệp đính kèm"), upload_to="documents/%Y/", blank=True,
        validators=[FileExtensionValidator(
            ["pdf", "docx", "doc", "xlsx", "odt", "jpg", "png"],
            message=_("Không nhận tệp đuôi «%(extension)s»; chỉ nhận: %(allowed_extensions)s."),
        )],
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị lưu giữ"), on_delete=models.PROTECT, related_name="documents",
    )
    search_key = models.CharField(max_length=400, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number", "issued_on"], name="documents_document_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number}"
