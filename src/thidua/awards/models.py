"""The award ledger (sổ khen thưởng) and the initiative registry.

An `Award` is one title or form given to one subject by one decision. Decided awards are
never edited or deleted: a later decision revokes one (`revoked`, with the revoking
decision — its document, or a paper decision's number and date — and the reason) and it
stays in the ledger, shown struck through, and leaves every chain the rules engine counts.
An award decided by a decision issued in thidua is revoked only by a revocation decision
of thidua (`awards.services.award_revoke` says who may revoke what).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.catalog.models import SubjectKind, person_xor_unit
from thidua.people.models import PositionGroup
from thidua.rules.codes import AWARD_NAMES


class CommendationType(models.TextChoices):
    """Law Art. 8 (DESIGN.md §6): only `cong_trang` awards found later merit awards."""

    CONG_TRANG = "cong_trang", _("Khen thưởng công trạng")
    DOT_XUAT = "dot_xuat", _("Khen thưởng đột xuất")
    PHONG_TRAO = "phong_trao", _("Khen thưởng phong trào thi đua, chuyên đề")
    CONG_HIEN = "cong_hien", _("Khen thưởng quá trình cống hiến")
    NIEN_HAN = "nien_han", _("Khen thưởng theo niên hạn")
    DOI_NGOAI = "doi_ngoai", _("Khen thưởng đối ngoại")


class InitiativeScope(models.TextChoices):
    """How widely an initiative was recognised (DESIGN.md §4)."""

    CO_SO = "co_so", _("Cấp cơ sở")
    TINH = "tinh", _("Cấp bộ, ban, ngành, tỉnh")
    TOAN_QUOC = "toan_quoc", _("Toàn quốc")


FIRST_YEAR = 1945
# The most one award may pay, in đồng: far above any amount of the law (a Hồ Chí Minh Prize
# pays 270 × the base salary, about 630 million today) and far below the column's 2⁶³, so
# a typo with extra zeros, or a number that would overflow the database, is refused.
MONEY_MAX = 10_000_000_000


class Recorded(models.Model):
    """Who wrote a ledger entry (an award, an initiative) and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    class Meta:
        abstract = True


class Award(Recorded):
    """One title or form of commendation given to a person, their household, or a unit.

    `person` (individual, household) XOR `unit` (collective) is the subject; `held_unit`
    is the unit the subject belonged to when the award was made (the unit itself for a
    collective) and carries the scope and the statistics. `year` is the year of the
    achievement (for a title, the year it was won); `period_from`/`period_to` the
    achievement period the decision names, if any. `money` is in VND, null when it could
    not be known (no base salary for the date).
    """

    subject_kind = models.CharField(_("đối tượng"), max_length=16, choices=SubjectKind.choices)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="awards",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="awards",
    )
    held_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị tại thời điểm khen thưởng"), on_delete=models.PROTECT, related_name="+",
    )
    kind = models.CharField(_("danh hiệu, hình thức"), max_length=32, db_index=True)
    is_title = models.BooleanField(_("là danh hiệu thi đua"), default=False)
    year = models.PositiveSmallIntegerField(
        _("năm thành tích"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
    )
    period_from = models.PositiveSmallIntegerField(_("thành tích từ năm"), null=True, blank=True)
    period_to = models.PositiveSmallIntegerField(_("thành tích đến năm"), null=True, blank=True)
    commendation_type = models.CharField(
        _("loại hình khen thưởng"), max_length=16, choices=CommendationType.choices,
        default=CommendationType.CONG_TRANG,
    )
    decided_on = models.DateField(_("ngày quyết định"))
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("quyết định khen thưởng"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="awards",
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    issuer = models.CharField(_("cấp quyết định"), max_length=255, blank=True)
    achievement = models.TextField(_("thành tích"), blank=True)
    movement = models.ForeignKey(
        "movements.Movement", verbose_name=_("phong trào thi đua"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="awards", help_text=_("Phong trào mà khen thưởng này tổng kết (khen theo đợt, chuyên đề)."),
    )
    money = models.BigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    # The person's position group when the award was decided: the statistics count the
    # person as they stood then, not as they stand when the report is made.
    position_group = models.CharField(_("nhóm chức vụ khi khen thưởng"), max_length=16,
                                      choices=PositionGroup.choices, blank=True, default="", db_default="")
    # A line the engine did not find eligible, awarded on the decision-maker's written grounds.
    exception_grounds = models.TextField(_("giải trình khen thưởng khi chưa đủ điều kiện"), blank=True, default="",
                                         db_default="")
    revoked = models.BooleanField(_("đã hủy bỏ, thu hồi"), default=False)
    revoked_by_document = models.ForeignKey(
        "documents.Document", verbose_name=_("quyết định hủy bỏ, thu hồi"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    # A paper decision not kept in Văn bản is recorded by its number and date, as
    # `decision_number` records one for the award itself; with a document, the document
    # carries both (see `revocation_number`, `revocation_date`).
    revoked_number = models.CharField(_("số quyết định hủy bỏ, thu hồi"), max_length=64, blank=True, default="",
                                      db_default="")
    revoked_on = models.DateField(_("ngày quyết định hủy bỏ, thu hồi"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do hủy bỏ, thu hồi"), blank=True)
    revoked_at = models.DateTimeField(_("thời điểm ghi hủy bỏ"), null=True, blank=True)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["-year", "-decided_on", "-id"]
        constraints = [
            person_xor_unit("awards_award_person_xor_unit"),
            models.UniqueConstraint(
                fields=["person", "subject_kind", "kind", "year"],
                condition=Q(is_title=True, revoked=False, person__isnull=False),
                name="awards_award_one_title_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "kind", "year"], condition=Q(is_title=True, revoked=False, unit__isnull=False),
                name="awards_award_one_title_per_unit_year",
            ),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True) | Q(period_to__isnull=True)
                | Q(period_from__lte=models.F("period_to")),
                name="awards_award_period_range",
            ),
            models.CheckConstraint(condition=Q(money__isnull=True) | Q(money__gte=0),
                                   name="awards_award_money_not_negative"),
            models.CheckConstraint(condition=Q(document__isnull=False) | ~Q(decision_number=""),
                                   name="awards_award_decision_named"),
            models.CheckConstraint(
                condition=Q(revoked=False) | (~Q(revoked_reason="") & (
                    Q(revoked_by_document__isnull=False) | (~Q(revoked_number="") & Q(revoked_on__isnull=False)))),
                name="awards_award_revoked_with_decision_and_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "year"], name="awards_award_person_year_idx"),
            models.Index(fields=["unit", "year"], name="awards_award_unit_year_idx"),
            models.Index(fields=["held_unit", "year"], name="awards_award_held_year_idx"),
            models.Index(fields=["kind", "year"], name="awards_award_kind_year_idx"),
            # The ledger's order (`ordering`): its first page is read off the index, not
            # sorted from the province's 400,000 lines.
            models.Index(fields=["year", "decided_on", "id"], name="awards_award_ledger_order_idx"),
            # A decision's lines by its number as typed on them (the search, the ledger's filter).
            models.Index(fields=["decision_number"], name="awards_award_decision_no_idx"),
        ]

    def __str__(self) -> str:
        subject = self.person if self.person_id else self.unit
        return f"{AWARD_NAMES.get(self.kind, self.kind)} {self.year} — {subject}"

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def scope_path(self) -> str:
        """The tree path whose scope covers the subject now: the person's current unit, or
        the unit itself. One award is opened and revoked through this path."""
        return self.person.current_unit.path if self.person_id else self.unit.path

    @property
    def revocation_number(self) -> str:
        """The number of the decision that revoked the award: its document's, or the paper
        decision's as recorded; "" while the award stands."""
        return self.revoked_by_document.number if self.revoked_by_document_id else self.revoked_number

    @property
    def revocation_date(self):
        """The date of the decision that revoked the award (None while it stands, or when
        its document has no date)."""
        return self.revoked_by_document.issued_on if self.revoked_by_document_id else self.revoked_on

    @property
    def period(self) -> tuple[int, int] | None:
        if self.period_from is None and self.period_to is None:
            return None
        return (self.period_from or self.period_to, self.period_to or self.period_from)


class Initiative(Recorded):
    """A recognised initiative (sáng kiến, Law Art. 3(4)) with its authors.

    `used_for` names the award code the initiative already served for: one initiative
    counts once, for a title or a form, never both (LAW.md R-P10).
    """

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị áp dụng"), on_delete=models.PROTECT,
                             related_name="initiatives")
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
    )
    scope = models.CharField(_("phạm vi công nhận"), max_length=16, choices=InitiativeScope.choices)
    recognized_on = models.DateField(_("ngày công nhận"))
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("quyết định công nhận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="initiatives",
    )
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=64, blank=True)
    issuer = models.CharField(_("cấp công nhận"), max_length=255, blank=True)
    summary = models.TextField(_("tóm tắt, hiệu quả"), blank=True)
    used_for = models.CharField(_("đã dùng để xét"), max_length=32, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "-recognized_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["co_so", "tinh", "toan_quoc"]),
                                   name="awards_initiative_scope_valid"),
            models.CheckConstraint(condition=Q(document__isnull=False) | ~Q(decision_number=""),
                                   name="awards_initiative_decision_named"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="awards_init_unit_year_idx")]

    def __str__(self) -> str:
        return self.title


class InitiativeAuthor(models.Model):
    """One author of an initiative and their share of it; the shares of an initiative add
    up to 100 (checked by `initiative_record`)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("people.Person", verbose_name=_("tác giả"), on_delete=models.PROTECT,
                               related_name="initiative_authorships")
    share = models.DecimalField(_("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="awards_initiativeauthor_unique"),
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lte=100),
                                   name="awards_initiativeauthor_share_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share} %)"
