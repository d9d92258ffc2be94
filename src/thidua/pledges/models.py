"""Bloc pledges (giao ước thi đua) and their scoring rounds (chấm điểm, xếp hạng).

One `Pledge` per bloc and year holds the scoring table (`CriterionGroup` → `Criterion`)
that every member unit signs (`PledgeSignature`). A `ScoringRound` (the 6-month review or
the year-end scoring) gives every member unit a `ScoreSheet`: one `Score` per criterion,
self-scored with `Evidence` files, then reviewed — by the bloc leader (`mode=leader`) or as
the mean of a panel of member units (`mode=panel`, `PanelScore`). Ranking the year-end
round writes `Proposal` rows: the table the dossier workflow reads.

Points are stored as positive numbers for every kind of criterion; a deduction criterion's
points are subtracted: total = standard + bonus − deductions (see `ranking.py`).
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core import uploads
from thidua.core.concurrency import Versioned
from thidua.core.models import AuditEvent, Uploaded
from thidua.core.transitions import state_constraint

POINTS = {"max_digits": 7, "decimal_places": 2}

# What evidence may be (`core.uploads` checks it, the size limit included).
EVIDENCE_TYPES = uploads.OFFICE_FILES
EVIDENCE_EXTENSIONS = uploads.extensions(EVIDENCE_TYPES)


def _user(verbose_name) -> models.ForeignKey:
    """Who created, signed, scored or locked: the row outlives the account (SET_NULL)."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn thảo")
    OPEN = "open", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class Pledge(Versioned):
    """The giao ước thi đua of a bloc for one year, with its scoring table.

    States (`state`, its machine `machines.PLEDGES`):
    - `draft`: the organiser's secretariat or the bloc leader builds the scoring table;
    - `open`: the table is frozen; member units sign and scoring rounds run;
    - `closed`: the year is over, every round is locked; nothing changes any more.
    `draft → open` needs at least one standard criterion; `open → draft` only while nobody
    has signed and no round exists; `open → closed` only when every round is locked.
    """

    bloc = models.ForeignKey("org.Bloc", verbose_name=_("khối thi đua"), on_delete=models.PROTECT,
                             related_name="pledges")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên giao ước"), max_length=255)
    content = models.TextField(
        _("nội dung giao ước"), blank=True,
        help_text=_("Các nội dung thi đua các đơn vị cam kết thực hiện (mỗi nội dung một dòng)."),
    )
    signed_on = models.DateField(_("ngày ký kết"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("văn bản giao ước đã ký"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    state = models.CharField(_("trạng thái"), max_length=16, choices=PledgeStatus.choices,
                             default=PledgeStatus.DRAFT)
    created_by = _user(_("người tạo"))
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("giao ước thi đua")
        ordering = ["-year", "bloc__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="pledges_pledge_one_per_bloc_year"),
            state_constraint("pledges_pledge", PledgeStatus),
        ]

    def __str__(self) -> str:
        return self.title


class CriterionGroup(Versioned):
    """A heading of the scoring table, e.g. "I. Thực hiện nhiệm vụ chính trị được giao"."""

    pledge = models.ForeignKey(Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("số thứ tự"), max_length=16, help_text=_("Ví dụ: I, II, III"))
    name = models.CharField(_("tên nhóm tiêu chí"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "code"], name="pledges_criteriongroup_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def change_events(self):
        # A group's changes are recorded on its pledge (`services.criterion_group_save`).
        return AuditEvent.objects.filter(target_type="pledges.pledge", target_id=self.pledge_id)


class CriterionKind(models.TextChoices):
    STANDARD = "standard", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    DEDUCTION = "deduction", _("Điểm trừ")


class Criterion(Versioned):
    """One line of the scoring table with its maximum points.

    For a deduction criterion `max_points` is the most that can be taken off; the points
    given are entered as a positive number and subtracted from the total.
    """

    pledge = models.ForeignKey(Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(CriterionGroup, verbose_name=_("nhóm tiêu chí"), on_delete=models.CASCADE,
                              related_name="criteria")
    code = models.CharField(_("số thứ tự"), max_length=16, help_text=_("Ví dụ: 1.2"))
    name = models.CharField(_("nội dung tiêu chí"), max_length=500)
    guidance = models.TextField(_("cách chấm điểm"), blank=True,
                                help_text=_("Hướng dẫn chấm: khi nào đạt tối đa, trừ bao nhiêu cho mỗi thiếu sót."))
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS)
    kind = models.CharField(_("loại"), max_length=16, choices=CriterionKind.choices, default=CriterionKind.STANDARD)
    evidence_required = models.BooleanField(
        _("bắt buộc có minh chứng"), default=False,
        help_text=_("Đơn vị phải đính kèm tài liệu minh chứng khi chấm điểm tiêu chí này."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("tiêu chí")
        ordering = ["group__order", "group_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "code"], name="pledges_criterion_unique_code"),
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="pledges_criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class PledgeSignature(models.Model):
    """A member unit's acceptance of the pledge (ký giao ước), by whom and when."""

    pledge = models.ForeignKey(Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE,
                               related_name="signatures")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    signed_by = _user(_("người ký xác nhận"))
    signed_at = models.DateTimeField(_("thời điểm ký"))

    class Meta:
        verbose_name = verbose_name_plural = _("chữ ký giao ước")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="pledges_pledgesignature_one_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.pledge}: {self.unit}"


class RoundKind(models.TextChoices):
    MID_YEAR = "so_ket", _("Sơ kết 6 tháng")
    YEAR_END = "tong_ket", _("Tổng kết năm")


class RoundMode(models.TextChoices):
    LEADER = "leader", _("Khối trưởng thẩm định")
    PANEL = "panel", _("Tổ chấm chéo")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang chấm điểm")
    LOCKED = "locked", _("Đã chốt kết quả")


class ScoringRound(models.Model):
    """One scoring of the bloc's members against the pledge's table.

    Phases, from `state` (machine `machines.ROUNDS`) and the two deadlines (dates, inclusive,
    `timezone.localdate()`):
    - self-scoring: to `self_score_deadline`, members fill and send their sheet;
    - review: to `review_deadline`, the leader (the deputy for the leader's own unit) or
      the panel set the accepted points of each sent sheet; it may start as soon as a
      sheet is sent;
    - after `review_deadline` no score changes; the leader or the secretariat ranks;
    - `locked` (round_lock): the final ranking and proposals are written and frozen.
    The secretariat may reopen (new deadlines, a reason, audited) until the pledge closes.
    Only the year-end round (`tong_ket`, one per pledge) proposes flags and Bằng khen.
    """

    pledge = models.ForeignKey(Pledge, verbose_name=_("giao ước"), on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("tên đợt chấm điểm"), max_length=255)
    kind = models.CharField(_("loại đợt"), max_length=16, choices=RoundKind.choices, default=RoundKind.YEAR_END)
    self_score_deadline = models.DateField(_("hạn tự chấm điểm"))
    review_deadline = models.DateField(_("hạn thẩm định, chấm chéo"))
    mode = models.CharField(_("hình thức thẩm định"), max_length=16, choices=RoundMode.choices,
                            default=RoundMode.LEADER)
    state = models.CharField(_("trạng thái"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    bk_proposals = models.PositiveSmallIntegerField(
        _("số đơn vị đề nghị Bằng khen"), default=2,
        help_text=_("Số đơn vị xếp ngay sau các đơn vị được đề nghị Cờ thi đua sẽ được đề nghị Bằng khen của "
                    "Chủ tịch UBND tỉnh. Số lượng do quy chế cụm, khối thi đua của tỉnh quy định."),
    )
    opened_by = _user(_("người mở đợt"))
    opened_at = models.DateTimeField(_("ngày mở đợt"), auto_now_add=True)
    ranked_at = models.DateTimeField(_("thời điểm xếp hạng"), null=True, blank=True)
    ranked_by = _user(_("người xếp hạng"))
    locked_at = models.DateTimeField(_("thời điểm chốt"), null=True, blank=True)
    locked_by = _user(_("người chốt"))

    class Meta:
        verbose_name = verbose_name_plural = _("đợt chấm điểm")
        ordering = ["pledge", "self_score_deadline", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(review_deadline__gte=models.F("self_score_deadline")),
                                   name="pledges_scoringround_deadlines_in_order"),
            models.UniqueConstraint(fields=["pledge"], condition=models.Q(kind="tong_ket"),
                                    name="pledges_scoringround_one_year_end"),
            state_constraint("pledges_scoringround", RoundStatus),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def proposes_awards(self) -> bool:
        return self.kind == RoundKind.YEAR_END

    def self_scoring_open(self, today) -> bool:
        return self.state == RoundStatus.OPEN and today <= self.self_score_deadline

    def review_open(self, today) -> bool:
        return self.state == RoundStatus.OPEN and today <= self.review_deadline

    def phase(self, today) -> str:
        """`self` (self-scoring), `review`, `closed` (deadlines passed, not locked) or `locked`."""
        if self.state == RoundStatus.LOCKED:
            return "locked"
        if today <= self.self_score_deadline:
            return "self"
        return "review" if today <= self.review_deadline else "closed"


class PanelMember(models.Model):
    """A member unit designated to cross-score the others in a panel-mode round."""

    round = models.ForeignKey(ScoringRound, verbose_name=_("đợt chấm điểm"), on_delete=models.CASCADE,
                              related_name="panel")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị chấm"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("đơn vị trong tổ chấm chéo")
        verbose_name_plural = _("tổ chấm chéo")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="pledges_panelmember_unique")]

    def __str__(self) -> str:
        return f"{self.round}: {self.unit}"


class ScoreSheet(models.Model):
    """A member unit's score sheet (bảng chấm điểm) in one round; sent once self-scored.

    Created for every member when the round opens (and for a unit that joins later, on its
    first save), with one blank `Score` per criterion.
    """

    round = models.ForeignKey(ScoringRound, verbose_name=_("đợt chấm điểm"), on_delete=models.CASCADE,
                              related_name="sheets")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("thời điểm gửi bảng tự chấm"), null=True, blank=True)
    submitted_by = _user(_("người gửi"))

    class Meta:
        verbose_name = verbose_name_plural = _("bảng chấm điểm")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="pledges_scoresheet_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.round} — {self.unit}"


class Score(models.Model):
    """The points of one unit on one criterion: its own, then the accepted ones.

    `version` grows by one on every write; a save carries the version its user loaded and
    is refused when it changed (optimistic concurrency, services.SCORE_STALE).
    """

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE,
                              related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT,
                                  related_name="scores")
    self_points = models.DecimalField(_("điểm tự chấm"), null=True, blank=True, **POINTS)
    self_note = models.TextField(_("giải trình của đơn vị"), blank=True)
    accepted_points = models.DecimalField(_("điểm thẩm định"), null=True, blank=True, **POINTS)
    review_comment = models.TextField(_("nhận xét thẩm định"), blank=True)
    reviewed_by = _user(_("người thẩm định"))
    reviewed_at = models.DateTimeField(_("thời điểm thẩm định"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = _user(_("người sửa"))
    updated_at = models.DateTimeField(_("thời điểm sửa"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="pledges_score_one_per_criterion"),
            models.CheckConstraint(condition=models.Q(self_points__gte=0), name="pledges_score_self_not_negative"),
            models.CheckConstraint(condition=models.Q(accepted_points__gte=0),
                                   name="pledges_score_accepted_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.sheet}: {self.criterion.code}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    # The stored name is random: files are served by a view that checks scope, never by URL.
    return f"pledges/{timezone.localdate():%Y}/{get_random_string(20)}.{ext}"


class Evidence(Uploaded):
    """A file proving a self-score (báo cáo, quyết định, hình ảnh…); served by a scoped view."""

    score = models.ForeignKey(Score, verbose_name=_("điểm tiêu chí"), on_delete=models.CASCADE,
                              related_name="evidence")
    file = models.FileField(
        _("tệp minh chứng"), upload_to=evidence_path, max_length=255,
        validators=[FileExtensionValidator(
            EVIDENCE_EXTENSIONS,
            message=_("Không nhận tệp đuôi «%(extension)s»; chỉ nhận: %(allowed_extensions)s."),
        )],
    )
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class PanelScore(models.Model):
    """Points one panel unit gives another member on one criterion (chấm chéo).

    `unit` repeats `sheet.unit` so that the database itself refuses a unit scoring itself.
    """

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE,
                              related_name="panel_scores")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT,
                             related_name="+")
    reviewer_unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị chấm"), on_delete=models.PROTECT,
                                      related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm chấm chéo"), **POINTS)
    comment = models.TextField(_("nhận xét"), blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = _user(_("người chấm"))
    updated_at = models.DateTimeField(_("thời điểm chấm"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("điểm chấm chéo")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "reviewer_unit", "criterion"],
                                    name="pledges_panelscore_one_per_reviewer"),
            models.CheckConstraint(condition=~models.Q(reviewer_unit=models.F("unit")),
                                   name="pledges_panelscore_not_self"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="pledges_panelscore_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_unit} → {self.unit}: {self.criterion.code}"


class ProposalCode(models.TextChoices):
    CO_TINH = "CO_TINH", _("Cờ thi đua cấp tỉnh")
    BK_TINH = "BK_TINH", _("Bằng khen của Chủ tịch UBND tỉnh")


class Proposal(models.Model):
    """A bloc's proposal of one member for the provincial flag or Bằng khen (LAW.md §B7, §C).

    The contract with the dossier workflow: a proposal is final only when its round is
    locked (`selectors.proposals_final`); `code` is a stable award code (DESIGN.md §4),
    `rank` the unit's place in the round's ranking, `total` its accepted points, `note`
    what the bloc must still settle (a tie at the cut). Ranking again rewrites the rows of
    an unlocked round; a reopened round's rows stay but are not final until it is locked.
    """

    round = models.ForeignKey(ScoringRound, verbose_name=_("đợt chấm điểm"), on_delete=models.PROTECT,
                              related_name="proposals")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("hình thức đề nghị"), max_length=16, choices=ProposalCode.choices)
    rank = models.PositiveSmallIntegerField(_("thứ hạng"))
    total = models.DecimalField(_("tổng điểm"), **POINTS)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("thời điểm đề nghị"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("đề nghị khen thưởng của khối")
        ordering = ["round", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="pledges_proposal_one_per_unit"),
            models.CheckConstraint(condition=models.Q(code__in=["CO_TINH", "BK_TINH"]),
                                   name="pledges_proposal_code_known"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.code}"
