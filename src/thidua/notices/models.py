from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app reminder for one user; `key` names what it is about, so a reminder
    computed again every day is stored (and e-mailed) once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)
    title = models.CharField(_("nội dung"), max_length=300)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")
        ordering = ["read_at", "due_on", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notices_notification_once_per_key")]
        indexes = [models.Index(fields=["user", "read_at"], name="notices_user_unread_idx")]

    def __str__(self) -> str:
        return self.title
