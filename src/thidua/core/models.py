from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Authored(models.Model):
    """Who created a record and when, set once by the service that creates it."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Uploaded(models.Model):
    """Who uploaded a stored file and when."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One change to one record, written by the service that made it, in its transaction.

    `unit_path` is the tree path of the unit the record belonged to at the time, so the
    history of a record stays visible to the same scope that could see the record.
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.BigIntegerField()
    target_label = models.CharField(max_length=255, blank=True)
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nhật ký thay đổi")
        indexes = [models.Index(fields=["target_type", "target_id", "-at"], name="core_audit_target_idx")]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}#{self.target_id}"


class FormSubmission(models.Model):
    """The one-time token of a create form, spent by its first successful submission.

    The unique `token` is what stops a double click from creating two records: the second
    request's insert waits for the first's transaction and then fails (`core.once`). `url`
    is the page of the record the first submission created, where the second one lands.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="core_formsubmission_user_idx")]

    def __str__(self) -> str:
        return self.token
