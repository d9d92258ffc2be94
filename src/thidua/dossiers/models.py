"""Proposal dossiers (hồ sơ đề nghị khen thưởng), their items, documents, timeline and the
public consultation opinions.

A `Dossier` is sent by a proposing unit to an awarding authority; each `DossierItem` is one
subject (a person, their household, or a unit) proposed for one award kind. Other apps read
these rows through `dossiers.selectors` and change them only through `dossiers.services`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import CommendationType
from thidua.catalog.models import AuthorityLevel, SubjectKind, person_xor_unit
from thidua.core import uploads
from thidua.core.concurrency import Versioned
from thidua.core.models import AuditEvent, Authored, Uploaded
from thidua.core.transitions import state_constraint
from thidua.rules.codes import AWARD_NAMES

# What a dossier's documents may be (`core.uploads` checks them, the size limit included).
FILE_TYPES = uploads.OFFICE_FILES


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    SUBMITTED = "submitted", _("Đã trình, chờ tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    UNDER_REVIEW = "under_review", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung, sửa")
    CONSULTATION = "consultation", _("Đang lấy ý kiến công khai")
    TO_COUNCIL = "to_council", _("Trình Hội đồng TĐKT")
    VOTED = "voted", _("Hội đồng đã xét")
    DECISION_DRAFTED = "decision_drafted", _("Đã dự thảo quyết định")
    DECIDED = "decided", _("Đã có quyết định khen thưởng")
    REFUSED = "refused", _("Không khen thưởng")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    SENT = "sent", _("Đã gửi cơ quan cấp trên")
    CANCELLED = "cancelled", _("Đã hủy")


# Finished dossiers: nothing more happens to them (a `sent` dossier still waits for an answer).
TERMINAL_STATES = frozenset({DossierState.DECIDED, DossierState.REFUSED, DossierState.FORWARDED,
                             DossierState.CANCELLED})
LIVE_STATES = frozenset(DossierState.values) - TERMINAL_STATES
# Where the proposing unit may change the dossier's content (all of it in a draft; what was
# returned in a returned dossier).
EDITABLE_STATES = frozenset({DossierState.DRAFT, DossierState.RETURNED})
# The authorities outside the province's tree: their dossiers are relayed by the province.
CENTRAL_LEVELS = frozenset({AuthorityLevel.THU_TUONG, AuthorityLevel.CHU_TICH_NUOC, AuthorityLevel.TRUNG_UONG})


class Dossier(Versioned, Authored):
    """A proposal dossier from `unit` to an awarding authority.

    States (the transitions, with the permission each needs and the working days each step
    may take, are data: data/workflows/dossier.yaml, read by `dossiers.workflow`):

    - ``draft`` — the unit officer builds it: items, achievement reports, documents;
    - ``submitted`` — the unit head sent it (DOSSIER_SUBMIT over the unit);
    - ``received`` — the authority's secretariat received it and assigned a reviewer
      (DOSSIER_REVIEW over `authority_unit`); the review clock starts;
    - ``under_review`` — items are accepted or excluded one by one (per-item state);
    - ``returned`` — sent back for correction, with reason codes and a comment per item (and
      for the dossier as a whole); the unit corrects only what was returned and the head
      resubmits (back to ``under_review``, the returned items pending again, the accepted
      ones kept);
    - ``consultation`` — the items whose kind requires it are on the public page for the
      configured working days; then back to ``under_review``;
    - ``to_council`` — the accepted items wait for the council (`councils` reads them);
    - ``voted`` — the council's results are recorded per item (`dossier_record_votes`);
    - ``decision_drafted`` → ``decided`` or ``refused`` — set by `decisions`;
    - ``forwarded`` — a dossier for a central authority, relayed by the province: its
      approved items were copied into an upper-level dossier (`forwarded_to`) whose state is
      ``sent`` (to `external_authority`, outside the tree) until the answer is recorded; that
      dossier holds the province's own signed tờ trình and council minutes, the unit's
      papers carried beside them (`DossierDocument.carried_from`);
    - ``cancelled`` — withdrawn by the unit before or after a return.

    `authority_level` is who awards the items (catalog authority levels); `authority_unit` is
    the unit whose secretariat receives the dossier: the deciding unit for `co_quan`, `xa`,
    `tinh`, the province for a central level proposed from inside the tree, null for the
    upper-level dossier sent out of the tree. It is always the unit itself or one of its
    ancestors, so the scope of `unit` covers the receiving secretariat too.
    `due_on` is the deadline of the current step (working days from the step's start).
    """

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                             related_name="dossiers")
    number = models.CharField(_("số tờ trình"), max_length=64, blank=True, help_text=_("Ví dụ: 15/TTr-SNV"))
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("nội dung tóm tắt"), blank=True)
    authority_level = models.CharField(_("cấp quyết định khen thưởng"), max_length=16,
                                       choices=AuthorityLevel.choices)
    authority_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("cơ quan tiếp nhận"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    external_authority = models.CharField(_("cơ quan cấp trên nhận hồ sơ"), max_length=255, blank=True)
    commendation_type = models.CharField(_("loại hình khen thưởng"), max_length=16,
                                         choices=CommendationType.choices, default=CommendationType.CONG_TRANG)
    year = models.PositiveSmallIntegerField(_("năm thành tích"),
                                            validators=[MinValueValidator(1945), MaxValueValidator(2100)])
    movement = models.ForeignKey("movements.Movement", verbose_name=_("phong trào thi đua"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="dossiers")
    state = models.CharField(_("trạng thái"), max_length=20, choices=DossierState.choices,
                             default=DossierState.DRAFT)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thẩm định"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="assigned_dossiers")
    submitted_at = models.DateTimeField(_("thời điểm trình"), null=True, blank=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    step_started_on = models.DateField(_("bước hiện tại bắt đầu"), null=True, blank=True)
    due_on = models.DateField(_("hạn xử lý bước hiện tại"), null=True, blank=True, db_index=True)
    consultation_starts_on = models.DateField(_("bắt đầu lấy ý kiến"), null=True, blank=True)
    consultation_ends_on = models.DateField(_("kết thúc lấy ý kiến"), null=True, blank=True)
    consultation_closed_at = models.DateTimeField(_("thời điểm khép lại lấy ý kiến"), null=True, blank=True)
    decided_at = models.DateTimeField(_("thời điểm có kết quả"), null=True, blank=True)
    forwarded_to = models.ForeignKey("self", verbose_name=_("hồ sơ trình cấp trên"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="forwarded_from")
    quota_justification = models.TextField(_("giải trình vượt tỷ lệ"), blank=True)
    quota_justified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    quota_justified_at = models.DateTimeField(null=True, blank=True)
    # The limits exceeded when the dossier was submitted, as the checks said then.
    quota_snapshot = models.JSONField(default=list, blank=True, editable=False)
    # The latest return for the dossier as a whole (per item: on the items).
    return_codes = models.JSONField(_("lý do trả lại"), default=list, blank=True)
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    search_key = models.CharField(max_length=800, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]
        constraints = [
            state_constraint("dossiers_dossier", DossierState),
            models.CheckConstraint(
                condition=Q(consultation_starts_on__isnull=True) | Q(consultation_ends_on__isnull=True)
                | Q(consultation_ends_on__gte=models.F("consultation_starts_on")),
                name="dossiers_dossier_consultation_in_order",
            ),
            # Only the upper-level dossier sent out of the tree has no receiving unit.
            models.CheckConstraint(
                condition=Q(authority_unit__isnull=False) | Q(state__in=["sent", "decided", "refused"]),
                name="dossiers_dossier_receiver_known",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_on"], name="dossiers_state_due_idx"),
            models.Index(fields=["authority_unit", "state"], name="dossiers_authority_state_idx"),
            models.Index(fields=["unit", "year"], name="dossiers_unit_year_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_central(self) -> bool:
        return self.authority_level in CENTRAL_LEVELS

    @property
    def authority_path(self) -> str:
        """The tree path review permissions are checked over."""
        return self.authority_unit.path if self.authority_unit_id else self.unit.path


class ItemState(models.TextChoices):
    PENDING = "pending", _("Chờ thẩm định")
    RETURNED = "returned", _("Trả lại để sửa")
    ACCEPTED = "accepted", _("Đủ điều kiện trình")
    EXCLUDED = "excluded", _("Không trình")
    WITHDRAWN = "withdrawn", _("Đơn vị rút")
    APPROVED = "approved", _("Hội đồng nhất trí")
    REJECTED = "rejected", _("Hội đồng không nhất trí")
    DECIDED = "decided", _("Đã được khen thưởng")
    REFUSED = "refused", _("Không được khen thưởng")
    FORWARDED = "forwarded", _("Đã trình cấp trên")


# The flag of a summary of achievement the record contradicts (`checks`): it is corrected,
# never covered by a justification.
CONTRADICTS = "contradicts"
UNJUSTIFIABLE_FLAGS = frozenset({CONTRADICTS})


def unjustified(codes, justified) -> list[str]:
    """The flag CODES a justification covering JUSTIFIED does not cover."""
    return [c for c in codes if c in UNJUSTIFIABLE_FLAGS or c not in (justified or [])]


# Items still in play: one per subject, kind and year across the whole system.
LIVE_ITEM_STATES = (ItemState.PENDING, ItemState.RETURNED, ItemState.ACCEPTED, ItemState.APPROVED)


class ItemSource(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Danh sách đủ điều kiện")
    BLOC = "bloc", _("Đề nghị của khối thi đua")
    MANUAL = "manual", _("Nhập trực tiếp")
    FORWARDED = "forwarded", _("Chuyển từ hồ sơ cấp dưới")


class DossierItem(Versioned, Authored):
    """One subject proposed for one award kind in a dossier.

    The subject is `person` (individual, or their household) XOR `unit` (collective), as
    in `awards.Award`; `held_unit` is the unit the subject belongs to (the unit itself for a
    collective). `kind` is the proposed award code; after a council vote "agree with a lower
    form", `approved_kind` holds the form agreed (`final_kind` reads either). `year` is the
    achievement year judged by the engine (the last year of `period_from`–`period_to`).

    `verdict_*` are the engine's answer when last checked (rule set id and time kept);
    `warnings` the flags of that check (`ineligible`, `duplicate`) with their messages. An
    item with flags is kept only with a `justification` whose `justified_flags` cover them.

    `state` moves with the dossier (see `ItemState`); the states the councils and decisions
    apps set go through `dossier_record_votes`, `dossier_mark_decided`, `dossier_refuse`.
    The partial unique constraints keep one live item per subject, kind and year in the
    whole system (the item state is kept in step with the dossier's, so the database can
    say it without a join).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="items")
    subject_kind = models.CharField(_("đối tượng"), max_length=16, choices=SubjectKind.choices)
    person = models.ForeignKey("people.Person", verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="dossier_items")
    unit = models.ForeignKey("org.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="dossier_items")
    held_unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    subject_name = models.CharField(_("tên cá nhân, tập thể"), max_length=255)
    search_key = models.CharField(max_length=255, blank=True, editable=False)
    kind = models.CharField(_("hình thức đề nghị"), max_length=32)
    approved_kind = models.CharField(_("hình thức Hội đồng nhất trí"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    period_from = models.PositiveSmallIntegerField(_("thành tích từ năm"))
    period_to = models.PositiveSmallIntegerField(_("thành tích đến năm"))
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    report_text = models.TextField(_("báo cáo thành tích"), blank=True)
    source = models.CharField(_("nguồn"), max_length=16, choices=ItemSource.choices, default=ItemSource.MANUAL)
    bloc_proposal = models.ForeignKey("pledges.Proposal", verbose_name=_("đề nghị của khối"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    source_item = models.ForeignKey("self", verbose_name=_("mục của hồ sơ cấp dưới"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="forwarded_copies")
    verdict_eligible = models.BooleanField(_("đủ điều kiện theo bộ quy tắc"), null=True, blank=True)
    verdict = models.JSONField(default=dict, blank=True, editable=False)
    verdict_ruleset = models.CharField(max_length=32, blank=True, editable=False)
    verdict_at = models.DateTimeField(null=True, blank=True, editable=False)
    warnings = models.JSONField(default=list, blank=True, editable=False)
    justification = models.TextField(_("giải trình"), blank=True)
    justified_flags = models.JSONField(default=list, blank=True, editable=False)
    justified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    justified_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=ItemState.choices, default=ItemState.PENDING)
    return_codes = models.JSONField(_("lý do trả lại"), default=list, blank=True)
    return_fields = models.JSONField(_("nội dung cần sửa"), default=list, blank=True)
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # Set when a returned item comes back: the reviewer sees what to look at again.
    resubmitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    review_note = models.TextField(_("ý kiến thẩm định"), blank=True)
    published_at = models.DateTimeField(_("công khai lấy ý kiến từ"), null=True, blank=True)
    vote = models.JSONField(_("kết quả bỏ phiếu"), default=dict, blank=True)
    award = models.ForeignKey("awards.Award", verbose_name=_("khen thưởng"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("mục đề nghị")
        ordering = ["dossier", "search_key", "id"]
        constraints = [
            person_xor_unit("dossiers_dossieritem_person_xor_unit"),
            models.CheckConstraint(
                condition=Q(period_from__lte=models.F("period_to")) & Q(year=models.F("period_to")),
                name="dossiers_dossieritem_period_range",
            ),
            state_constraint("dossiers_dossieritem", ItemState),
            models.UniqueConstraint(
                fields=["person", "subject_kind", "kind", "year"],
                condition=Q(state__in=LIVE_ITEM_STATES, person__isnull=False),
                name="dossiers_dossieritem_one_live_per_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "kind", "year"], condition=Q(state__in=LIVE_ITEM_STATES, unit__isnull=False),
                name="dossiers_dossieritem_one_live_per_unit",
            ),
        ]
        indexes = [
            models.Index(fields=["dossier", "state"], name="dossiers_item_state_idx"),
            models.Index(fields=["person", "year"], name="dossiers_item_person_year_idx"),
            models.Index(fields=["unit", "year"], name="dossiers_item_unit_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {AWARD_NAMES.get(self.kind, self.kind)} {self.year}"

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    # The engine's answer is recomputed whenever the list changes; no form carries it.
    UNVERSIONED_FIELDS = Versioned.UNVERSIONED_FIELDS | {"verdict_eligible", "verdict", "verdict_ruleset",
                                                         "verdict_at", "warnings"}

    def change_events(self):
        # The services record an item's changes on its dossier, under the dossier's lock.
        return AuditEvent.objects.filter(target_type="dossiers.dossier", target_id=self.dossier_id)

    def stale_label(self) -> str:
        return _("Trường hợp «%s»") % self.subject_name

    @property
    def final_kind(self) -> str:
        return self.approved_kind or self.kind

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_ITEM_STATES

    @property
    def flags(self) -> list[str]:
        return [w["code"] for w in self.warnings or []]

    @property
    def unjustified_flags(self) -> list[str]:
        return unjustified(self.flags, self.justified_flags)


def dossier_file_path(instance, filename: str) -> str:
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    # A random stored name: files are served by a view that checks scope, never by URL.
    return f"dossiers/{timezone.localdate():%Y}/{get_random_string(20)}.{ext}"


class DossierDocument(Uploaded):
    """An uploaded document of a dossier (tờ trình, biên bản…) or of one of its items
    (báo cáo thành tích, xác nhận sáng kiến, minh chứng). `kind` is a code of the workflow
    file's `documents` table, which also says which kinds are required.

    `carried_from` is set on the documents of an upper-level dossier that came with a lower
    dossier it relays (`dossier_forward`; the file is shared, not copied). A carried
    dossier-level paper is the lower unit's own (its tờ trình, its council's minutes): it is
    attached for the upper authority to read but never stands for the relaying authority's
    paper of the same kind. A carried item document (an achievement report) stays the item's.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    item = models.ForeignKey(DossierItem, verbose_name=_("mục đề nghị"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=32)
    file = models.FileField(_("tệp"), upload_to=dossier_file_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    carried_from = models.ForeignKey(Dossier, verbose_name=_("kèm theo hồ sơ"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["kind", "uploaded_at", "id"]
        indexes = [models.Index(fields=["dossier", "kind"], name="dossiers_doc_kind_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(carried_from=models.F("dossier")),
                                   name="dossiers_dossierdocument_carried_from_another"),
        ]

    def __str__(self) -> str:
        return self.name


class DossierEvent(models.Model):
    """One line of a dossier's timeline: a transition (or another step the unit should see)
    with who, when, the comment and the deadline it set. The unit and the secretariat read
    it as the dossier's live status."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("thao tác"), max_length=32)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    detail = models.JSONField(default=dict, blank=True)
    due_on = models.DateField(_("hạn bước tiếp theo"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("diễn biến hồ sơ")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y}"


class OpinionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã đăng")
    HIDDEN = "hidden", _("Không đăng")


class ConsultationOpinion(models.Model):
    """An opinion sent from the public page about a dossier under consultation (optionally
    about one item). Pre-moderated: nothing is shown publicly until the secretariat
    publishes it; the secretariat records how each opinion was handled.
    The sender's address is kept only as a salted hash, for the rate limit."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="opinions")
    item = models.ForeignKey(DossierItem, verbose_name=_("về trường hợp"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="opinions")
    name = models.CharField(_("họ và tên"), max_length=128)
    contact = models.CharField(_("địa chỉ liên hệ (điện thoại, e-mail)"), max_length=255)
    text = models.TextField(_("nội dung ý kiến"))
    sender_hash = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True, db_index=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=OpinionStatus.choices,
                             default=OpinionStatus.PENDING)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    handling = models.TextField(_("kết quả xử lý"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("ý kiến góp ý")
        ordering = ["created_at", "id"]
        constraints = [state_constraint("dossiers_consultationopinion", OpinionStatus)]

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%d/%m/%Y})"
