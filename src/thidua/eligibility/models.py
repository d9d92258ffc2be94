"""What the eligibility app stores: stored verdicts, so a list pages in the database (ADR 0016),
the exports of long lists, and which draft rule sets an administrator switched on."""


from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned
from thidua.core.transitions import state_constraint


class StoredVerdict(models.Model):
    """The award kinds PERSON qualifies for in YEAR under RULESET, as the engine judged them
    from the facts of the moment. Any change to those facts deletes the row
    (`eligibility.verdicts.forget`), and the next list judges the person again."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    ruleset = models.CharField(max_length=40)
    # ",LDTT,CSTDCS,": one LIKE filter on both databases finds the holders of a code.
    codes = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "ruleset", "person"], name="stored_verdict_once")]
        indexes = [models.Index(fields=["person"], name="stored_verdict_person")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year} {self.ruleset}: {self.codes}"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Đang tạo tệp")
    READY = "ready", _("Đã tạo xong")
    FAILED = "failed", _("Không tạo được tệp")


class ListExport(models.Model):
    """A qualified list too long to write in a request, written to Excel by the task worker
    (`eligibility.tasks.build_list_export`) with the rights of the officer who asked.

    States: queued → ready | failed. The file is kept in the default storage under a random
    name, handed out only to its requester until `expires_at`, then deleted with its row."""

    State = ExportState

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=255)
    q = models.CharField(max_length=200, blank=True)
    by_unit = models.BooleanField(default=False)
    count = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=ExportState.choices, default=ExportState.QUEUED)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="eligibility/exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [state_constraint("eligibility_listexport", ExportState)]

    def __str__(self) -> str:
        return f"{self.code} {self.year} {self.unit_id}: {self.state}"

    @property
    def pending(self) -> bool:
        return self.state == self.State.QUEUED

    @property
    def ready(self) -> bool:
        return self.state == self.State.READY

    @property
    def expired(self) -> bool:
        return self.expires_at < timezone.now()

    @property
    def filename(self) -> str:
        return f"du-dieu-kien-{self.code}-{self.year}-{self.unit.code}.xlsx"


class RulesetSwitch(Versioned):
    """A draft rule set (`RuleSet.draft`) switched on or off for the whole province. No row
    means off: a draft is never judged with until an administrator says so, on the record."""

    ruleset_id = models.CharField(_("bộ quy tắc"), max_length=40, unique=True)
    enabled = models.BooleanField(_("đang dùng"), default=False, db_default=False)

    class Meta:
        verbose_name = _("bật/tắt bộ quy tắc dự thảo")
        verbose_name_plural = _("bật/tắt bộ quy tắc dự thảo")

    def __str__(self) -> str:
        return str(_("Bộ quy tắc %(id)s") % {"id": self.ruleset_id})
