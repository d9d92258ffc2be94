import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.transitions import state_constraint


def _upload_to(instance, filename: str) -> str:
    # The stored name is random: the user's file name may carry personal names and is
    # kept apart in `original_name`.
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.xlsx"


def _rows_to(instance, filename: str) -> str:
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.rows.json.gz"


class BatchStatus(models.TextChoices):
    PREVIEW = "preview", _("Chờ xác nhận")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Nhập không thành công")


class ImportBatch(models.Model):
    """One uploaded Excel file and what became of it.

    States: `preview` (parsed, waiting for the uploader to confirm) → `running` (being
    applied, now or by the task worker; `progress` says how far) → `done` (every row
    applied in one transaction) or `failed` (applying raised; everything was rolled back,
    `result["message"]` says why). A confirmation that found the data changed meanwhile
    puts the batch back in `preview`. Only `preview` batches can be confirmed, so a second
    confirmation never imports twice. A batch is visible to its creator only.

    `rows_file` keeps the rows as the preview parsed them (before any lookup), so a
    confirmation checks them against the database again without reading the file again.
    """

    class Kind(models.TextChoices):
        PEOPLE = "people", _("Danh sách cá nhân và xếp loại")
        AWARDS = "awards", _("Khen thưởng đã có (lịch sử)")
        INITIATIVES = "initiatives", _("Sáng kiến")
        REGISTRATIONS = "registrations", _("Đăng ký thi đua")

    Status = BatchStatus

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    kind = models.CharField(_("loại dữ liệu"), max_length=16, choices=Kind.choices, default=Kind.PEOPLE)
    file = models.FileField(_("tệp Excel"), upload_to=_upload_to)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    rows_file = models.FileField(_("các dòng đã đọc"), upload_to=_rows_to, blank=True)
    unit_scope = models.CharField(_("phạm vi đơn vị"), max_length=255, blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PREVIEW)
    rows_total = models.PositiveIntegerField(_("số dòng đọc được"), default=0)
    rows_ok = models.PositiveIntegerField(_("số dòng hợp lệ"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)
    progress = models.JSONField(_("tiến độ"), default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lần nhập Excel")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="imports_batch_creator_idx")]
        constraints = [state_constraint("imports_importbatch", BatchStatus)]

    def __str__(self) -> str:
        return gettext("Nhập Excel số %(pk)s: %(name)s") % {"pk": self.pk, "name": self.original_name}

    @property
    def summary(self) -> dict:
        return self.result.get("summary", {})

    @property
    def applied(self) -> dict:
        return self.result.get("applied", {})

    @property
    def can_confirm(self) -> bool:
        return self.confirmable

    # A confirmation takes seconds; one still running after this has lost its process
    # (a worker stopped or restarted midway), and nothing of it was written.
    RUN_LIMIT = dt.timedelta(minutes=30)

    @property
    def running(self) -> bool:
        return self.state == self.Status.RUNNING and not self.stalled

    @property
    def stalled(self) -> bool:
        since = self.progress.get("since")
        return self.state == self.Status.RUNNING and bool(since) and \
            dt.datetime.fromisoformat(since) < timezone.now() - self.RUN_LIMIT

    @property
    def confirmable(self) -> bool:
        """Waiting for its uploader's confirmation: a clean preview, or a stalled run."""
        return (self.state == self.Status.PREVIEW or self.stalled) and not self.errors and self.rows_ok > 0

    @property
    def stage_label(self) -> str:
        return str(STAGES.get(self.progress.get("stage", ""), STAGES["queued"]))


# What a running batch is doing, as its page says it.
STAGES = {
    "queued": _("Đang chờ đến lượt xử lý"),
    "check": _("Đang kiểm tra lại các dòng với dữ liệu hiện có"),
    "prepare": _("Đang chuẩn bị dữ liệu để ghi"),
    "write": _("Đang ghi vào cơ sở dữ liệu"),
}
