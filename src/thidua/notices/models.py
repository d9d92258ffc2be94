from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    # Computed again every day from what is due (`due`, `reminders_refresh`).
    REMINDER = "reminder", _("nhắc hạn")
    # A handoff that asks something of its reader (`handoffs`): closed by the record's next move.
    TASK = "task", _("việc chờ xử lý")
    # A handoff that only tells: closed by the record's next move or when read.
    INFO = "info", _("thông báo")


class Notification(models.Model):
    """A reminder for one user; `key` names what it is about, so an item computed again
    every day is stored (and e-mailed) once.

    The open rows (`closed_at` empty) are what the user has due now. For reminders,
    `reminders_refresh` keeps them equal to what the providers answer, closing a row once its item is no longer
    due (done, or past the reminder window) and opening it again if it comes back. Closed
    rows stay as the user's history. Handoff notices (`kind` task or info, `handoffs`) are
    written when a record changes hands and closed by its next move; the refresh leaves them be.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)
    title = models.CharField(_("nội dung"), max_length=300)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("không còn phải làm từ"), null=True, blank=True)
    kind = models.CharField(_("loại"), max_length=8, choices=NoticeKind.choices, default=NoticeKind.REMINDER,
                            db_default=NoticeKind.REMINDER)

    class Meta:
        verbose_name = verbose_name_plural = _("nhắc việc")
        ordering = ["read_at", "due_on", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notices_notification_once_per_key")]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notices_user_unread_idx"),
            models.Index(fields=["user", "closed_at", "due_on"], name="notices_user_open_idx"),
            # The refresh reads every open row of the installation.
            models.Index(fields=["closed_at"], name="notices_open_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class DueRefresh(models.Model):
    """The one row saying how current the stored notifications are: computed for `day`,
    from the data as of audit event `mark` (every service write records one), with `holes`
    the event ids at or below the mark that were not yet visible then — a transaction still
    running, whose events a reader must not miss when it commits."""

    day = models.DateField(null=True, blank=True)
    mark = models.BigIntegerField(default=0)
    holes = models.JSONField(default=list, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần cập nhật nhắc việc")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="notices_duerefresh_single_row")]

    def __str__(self) -> str:
        return f"{self.day} #{self.mark}"
