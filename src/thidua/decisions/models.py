"""Decisions (quyết định khen thưởng, quyết định hủy bỏ), their numbering and the fund ledger.

A `Decision` goes through these states (`machines.py` holds the table, `services/` the moves):

    draft ──issue──▶ signed         (number as registered, signer from the leaders list,
      │                               Document with the signed copy, Awards written)
      └──cancel──▶ cancelled       (a draft dropped; it never had a number)

A signed award decision may be published on the public portal by the secretariat
(`published_at`, `services.publishing`); publishing is not a state: it is withdrawn and
given again without touching what was decided.

The number and symbol are typed at issue as the văn thư registered them, unique per
(authority, symbol, year) (Nghị định 30/2020/NĐ-CP, Art. 15); a unique constraint is the
last line of defence. A revocation decision (`kind=revocation`) is created issued in one
step, numbered and signed the same way. An issued decision never changes.

`unit` is the unit that keeps the decision and pays its reward money from its fund: the
issuing authority itself for a decision issued in thidua, or the unit that records a
decision issued outside (the Prime Minister's, the President's: `authority` empty,
`authority_name` as printed) — Decree 152/2025: the level that proposed an award pays it.
The scope of a decision is its unit's subtree.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import CommendationType
from thidua.catalog.models import SubjectKind, person_xor_unit
from thidua.core.concurrency import Versioned
from thidua.core.transitions import state_constraint
from thidua.rules.money import counting_period


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Quyết định khen thưởng")
    REVOCATION = "revocation", _("Quyết định hủy bỏ khen thưởng")


def number_text(number: int, symbol: str) -> str:
    return f"{number:02d}/{symbol}"


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký ban hành")
    CANCELLED = "cancelled", _("Đã hủy dự thảo")


class Decision(Versioned):
    """One decision of one authority; see the module docstring for states and numbering."""

    kind = models.CharField(_("loại quyết định"), max_length=16, choices=DecisionKind.choices,
                            default=DecisionKind.AWARD)
    state = models.CharField(_("trạng thái"), max_length=16, choices=DecisionState.choices,
                             default=DecisionState.DRAFT)
    authority = models.ForeignKey(
        "org.Unit", verbose_name=_("cơ quan ban hành"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="issued_decisions",
    )
    authority_name = models.CharField(_("tên cơ quan ban hành"), max_length=255)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị quản lý, chi thưởng"), on_delete=models.PROTECT, related_name="decisions",
    )
    symbol = models.CharField(_("ký hiệu"), max_length=32, help_text=_("Ví dụ: QĐ-UBND"))
    year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    summary = models.TextField(_("trích yếu"))
    commendation_type = models.CharField(
        _("loại hình khen thưởng"), max_length=16, choices=CommendationType.choices,
        default=CommendationType.CONG_TRANG,
    )
    reason = models.TextField(_("lý do hủy bỏ"), blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ký"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=128, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128, blank=True,
                                    help_text=_("Ví dụ: KT. CHỦ TỊCH — PHÓ CHỦ TỊCH"))
    document = models.OneToOneField(
        "documents.Document", verbose_name=_("văn bản"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="decision",
    )
    signatory = models.ForeignKey(
        "decisions.Signatory", verbose_name=_("người ký (danh sách lãnh đạo)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decisions",
    )
    capacity = models.CharField(_("thẩm quyền ký"), max_length=8, blank=True, default="", db_default="")
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy dự thảo"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người soạn"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm soạn"), auto_now_add=True)
    # Published on the public portal by the secretariat (`services.publishing`): until then
    # an issued decision and its list stay inside thidua. Cleared when it is withdrawn.
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người công khai"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = _("quyết định")
        ordering = ["-issued_on", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "symbol", "year", "number"], condition=Q(number__isnull=False),
                name="decisions_decision_unique_number",
            ),
            # NULLs are distinct in a unique index: decisions recorded from outside are kept
            # unique by the printed authority name instead.
            models.UniqueConstraint(
                fields=["authority_name", "symbol", "year", "number"],
                condition=Q(authority__isnull=True, number__isnull=False),
                name="decisions_decision_unique_external_number",
            ),
            models.CheckConstraint(
                condition=~Q(state="signed")
                | (Q(number__isnull=False) & Q(year__isnull=False) & Q(issued_on__isnull=False)
                   & Q(document__isnull=False)),
                name="decisions_decision_signed_is_numbered",
            ),
            models.CheckConstraint(condition=~Q(kind="revocation") | ~Q(reason=""),
                                   name="decisions_decision_revocation_has_reason"),
            models.CheckConstraint(condition=Q(number__isnull=True) | Q(number__gte=1),
                                   name="decisions_decision_number_positive"),
            state_constraint("decisions_decision", DecisionState),
            # Only an issued decision reaches the public.
            models.CheckConstraint(condition=Q(published_at__isnull=True) | Q(state="signed"),
                                   name="decisions_decision_published_is_signed"),
        ]
        indexes = [
            models.Index(fields=["unit", "year"], name="decisions_dec_unit_year_idx"),
            models.Index(fields=["published_at"], condition=Q(published_at__isnull=False),
                         name="decisions_dec_published_idx"),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"{self.get_kind_display()} số {self.number_text}"
        return f"{self.get_kind_display()} ({self.get_state_display().lower()}) #{self.pk}"

    def stale_label(self) -> str:
        # The edit form is a draft's: named by its summary, as the officer wrote it.
        return str(_("Dự thảo quyết định «%s»") % self.summary) if not self.number else super().stale_label()

    @property
    def number_text(self) -> str:
        """"125/QĐ-UBND", or "" before signing. Numbers below 10 take a leading zero
        ("01/QĐ-UBND"): Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.3.c (docs/law.md D-number)."""
        return number_text(self.number, self.symbol) if self.number else ""

    @property
    def is_draft(self) -> bool:
        return self.state == DecisionState.DRAFT

    @property
    def is_external(self) -> bool:
        return self.authority_id is None


class SignerRank(models.TextChoices):
    HEAD = "head", _("Người đứng đầu")
    DEPUTY = "deputy", _("Cấp phó")
    # The head of an office of the authority (Chánh Văn phòng): signs TL. or TUQ. only.
    OFFICE_HEAD = "office_head", _("Người đứng đầu đơn vị thuộc (ký thừa lệnh, thừa ủy quyền)")


class Capacity(models.TextChoices):
    """The capacity a decision is signed in (Nghị định 30/2020/NĐ-CP, Art. 13; docs/law.md
    D-sign): `services.signatories.capacity_text` prints it for the authority and signer."""

    HEAD = "head", _("Người đứng đầu ký")
    DEPUTY_FOR = "kt", _("Cấp phó ký thay (KT.)")
    ACTING = "q", _("Quyền người đứng đầu (Q.)")
    ON_BEHALF = "tm", _("Thay mặt tập thể Ủy ban nhân dân (TM.)")
    BY_ORDER = "tl", _("Ký thừa lệnh (TL.)")
    DELEGATED = "tuq", _("Ký thừa ủy quyền (TUQ.)")


class Signatory(Versioned):
    """A leader of AUTHORITY who signs its decisions, as the authority's secretariat keeps
    the list: the name printed under the signature and the position held. Never deleted
    once a decision names them; `active` off takes them out of the choice."""

    authority = models.ForeignKey("org.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                                  related_name="signatories")
    full_name = models.CharField(_("họ và tên"), max_length=128)
    position = models.CharField(_("chức vụ"), max_length=128,
                                help_text=_("Ví dụ: Phó Chủ tịch Ủy ban nhân dân tỉnh"))
    rank = models.CharField(_("vị trí"), max_length=16, choices=SignerRank.choices, default=SignerRank.DEPUTY)
    active = models.BooleanField(_("đang giữ chức vụ"), default=True)

    class Meta:
        verbose_name = _("lãnh đạo ký quyết định")
        verbose_name_plural = _("danh sách lãnh đạo ký quyết định")
        ordering = ["authority", "-active", "rank", "full_name"]
        constraints = [models.UniqueConstraint(fields=["authority", "full_name", "position"],
                                               name="decisions_signatory_unique_name")]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.position}"


class SigningRules(Versioned):
    """Which delegated signatures AUTHORITY's working rules allow (Nghị định 30/2020/NĐ-CP,
    Art. 13): "TL." and "TUQ." are offered only where they are switched on."""

    authority = models.OneToOneField("org.Unit", verbose_name=_("cơ quan"), on_delete=models.CASCADE,
                                     related_name="signing_rules")
    by_order = models.BooleanField(_("cho phép ký thừa lệnh (TL.)"), default=False)
    delegated = models.BooleanField(_("cho phép ký thừa ủy quyền (TUQ.)"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("quy định ký thừa lệnh, thừa ủy quyền")

    def __str__(self) -> str:
        return str(self.authority)


class LineSource(models.TextChoices):
    """Where a decision line comes from (its provenance, shown on the decision and the ledger)."""

    DOSSIER = "dossier", _("Theo hồ sơ Hội đồng đã xét")
    VERDICT = "verdict", _("Đủ điều kiện theo bộ quy tắc")
    NO_CHAIN = "no_chain", _("Khen thưởng đột xuất, chuyên đề")
    MANUAL = "manual", _("Ghi trực tiếp, có giải trình")
    ISSUED_ELSEWHERE = "external", _("Theo quyết định của cấp trên")


class Recipient(models.Model):
    """One line of a decision: the subject, the award kind and the achievement (award
    decisions), or the award revoked (revocation decisions).

    `amount` is the catalog money for the kind and subject on the decision date; `paid` is
    what the fund pays after the one-title-per-period rule (see services.signing).
    Both are set at signing; `award` is the ledger row signing wrote; `dossier_item` the
    proposal the line came from, if any.

    `source` is the line's provenance: a dossier item the council passed, the engine's
    "eligible", a sudden or thematic commendation (no eligibility chain), or a direct entry.
    A direct entry keeps the engine's verdict of the moment (`verdict_eligible`, `verdict`)
    and cannot be signed until a holder of the decision right over the authority has
    justified it (`justification`, `justified_by`).
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="recipients")
    subject_kind = models.CharField(_("đối tượng"), max_length=16, choices=SubjectKind.choices)
    person = models.ForeignKey("people.Person", verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("danh hiệu, hình thức"), max_length=32)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    period_from = models.PositiveSmallIntegerField(_("thành tích từ năm"), null=True, blank=True)
    period_to = models.PositiveSmallIntegerField(_("thành tích đến năm"), null=True, blank=True)
    achievement = models.TextField(_("thành tích"), blank=True)
    amount = models.BigIntegerField(_("mức thưởng (đồng)"), null=True, blank=True)
    paid = models.BigIntegerField(_("số tiền chi (đồng)"), null=True, blank=True)
    paid_note = models.CharField(_("ghi chú chi thưởng"), max_length=255, blank=True)
    award = models.OneToOneField("awards.Award", verbose_name=_("khen thưởng đã ghi sổ"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="decision_recipient")
    revoked_award = models.ForeignKey("awards.Award", verbose_name=_("khen thưởng bị hủy bỏ"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="revocation_lines")
    dossier_item = models.ForeignKey("dossiers.DossierItem", verbose_name=_("mục hồ sơ đề nghị"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="decision_lines")
    source = models.CharField(_("căn cứ ghi vào quyết định"), max_length=16, choices=LineSource.choices,
                              default=LineSource.MANUAL)
    verdict_eligible = models.BooleanField(_("kết quả xét điều kiện"), null=True, blank=True)
    verdict = models.JSONField(_("lý do theo bộ quy tắc"), default=dict, blank=True)
    justification = models.TextField(_("giải trình"), blank=True)
    justified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người giải trình"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    justified_at = models.DateTimeField(_("thời điểm giải trình"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người, tập thể được khen thưởng")
        verbose_name_plural = _("danh sách kèm theo quyết định")
        ordering = ["id"]
        constraints = [
            person_xor_unit("decisions_recipient_person_xor_unit"),
            models.UniqueConstraint(fields=["decision", "person", "subject_kind", "kind", "year"],
                                    condition=Q(person__isnull=False), name="decisions_recipient_unique_person"),
            models.UniqueConstraint(fields=["decision", "unit", "kind", "year"],
                                    condition=Q(unit__isnull=False), name="decisions_recipient_unique_unit"),
            models.UniqueConstraint(fields=["decision", "revoked_award"], condition=Q(revoked_award__isnull=False),
                                    name="decisions_recipient_unique_revoked_award"),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True) | Q(period_to__isnull=True) | Q(period_from__lte=F("period_to")),
                name="decisions_recipient_period_range",
            ),
            models.CheckConstraint(condition=Q(paid__isnull=True) | Q(paid__gte=0),
                                   name="decisions_recipient_paid_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} — {self.subject}"

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def awaits_justification(self) -> bool:
        """A direct entry of an award decision that nobody with the decision right justified:
        the decision cannot be signed while one is left."""
        return (self.source == LineSource.MANUAL and not self.justification
                and self.decision.kind == DecisionKind.AWARD)

    @property
    def period_key(self) -> tuple[int, int]:
        """The years this title is counted over (Decree 152 Art. 49(5))."""
        return counting_period(self.kind, self.year, self.period_from, self.period_to)


class EntryKind(models.TextChoices):
    PAYMENT = "payment", _("Chi thưởng")
    RECOVERY = "recovery", _("Thu hồi")
    INCOME = "income", _("Thu vào quỹ")
    INCOME_REVERSAL = "income_reversal", _("Điều chỉnh giảm khoản thu")


# The kinds a decision causes (signing, revoking) and the kinds the fund's keeper writes.
DECISION_KINDS = (EntryKind.PAYMENT, EntryKind.RECOVERY)
INCOME_KINDS = (EntryKind.INCOME, EntryKind.INCOME_REVERSAL)


class IncomeSource(models.TextChoices):
    """Where the fund's money comes from: the state budget (up to the share of the budget
    the decree sets for each level), contributions of organisations and individuals at home
    and abroad, and other lawful sources (Nghị định 152/2025/NĐ-CP, Điều 46; before it
    Nghị định 98/2023/NĐ-CP, Điều 50)."""

    BUDGET = "budget", _("Ngân sách nhà nước cấp")
    CONTRIBUTION = "contribution", _("Đóng góp của tổ chức, cá nhân")
    OTHER = "other", _("Nguồn thu hợp pháp khác")


class FundEntry(models.Model):
    """One movement of a unit's emulation and commendation fund (quỹ thi đua, khen
    thưởng), never edited once written:

    - a reward paid by a decision (`payment`), or recovered after a revocation
      (`recovery`): `decision`, `recipient`, `award` set; `year` is the year of the
      decision that caused it;
    - money received into the fund (`income`) from a `source`, on `received_on`, under
      the voucher or budget-allocation decision `reference`; `year` is the budget year;
    - the correction of a receipt recorded wrongly (`income_reversal`): it takes back the
      whole of the receipt it `reverses`, once; the right receipt is then recorded anew.

    `amount` is positive; `signed_amount` is what the entry adds to the fund's balance."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị giữ quỹ"), on_delete=models.PROTECT,
                             related_name="fund_entries")
    year = models.PositiveSmallIntegerField(_("năm ngân sách"))
    kind = models.CharField(_("loại"), max_length=16, choices=EntryKind.choices)
    decision = models.ForeignKey(Decision, verbose_name=_("quyết định"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="fund_entries")
    recipient = models.ForeignKey(Recipient, verbose_name=_("dòng quyết định"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="fund_entries")
    award = models.ForeignKey("awards.Award", verbose_name=_("khen thưởng"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="fund_entries")
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    source = models.CharField(_("nguồn thu"), max_length=16, choices=IncomeSource.choices, blank=True)
    received_on = models.DateField(_("ngày thu"), null=True, blank=True)
    reference = models.CharField(_("số chứng từ, quyết định giao dự toán"), max_length=128, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    reverses = models.OneToOneField("self", verbose_name=_("khoản thu được điều chỉnh"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversal")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bút toán quỹ thi đua, khen thưởng")
        verbose_name_plural = _("sổ quỹ thi đua, khen thưởng")
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="decisions_fundentry_amount_positive"),
            models.UniqueConstraint(fields=["award", "kind"], name="decisions_fundentry_once_per_award"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in INCOME_KINDS])
                | (Q(decision__isnull=False) & Q(recipient__isnull=False) & Q(award__isnull=False)),
                name="decisions_fundentry_decision_entry_has_decision"),
            models.CheckConstraint(
                condition=~Q(kind__in=[k.value for k in INCOME_KINDS])
                | (Q(decision__isnull=True) & Q(recipient__isnull=True) & Q(award__isnull=True)
                   & Q(received_on__isnull=False)),
                name="decisions_fundentry_income_has_no_decision"),
            models.CheckConstraint(condition=~Q(kind=EntryKind.INCOME) | ~Q(source=""),
                                   name="decisions_fundentry_income_has_source"),
            models.CheckConstraint(condition=Q(kind=EntryKind.INCOME_REVERSAL, reverses__isnull=False)
                                   | (~Q(kind=EntryKind.INCOME_REVERSAL) & Q(reverses__isnull=True)),
                                   name="decisions_fundentry_reversal_names_income"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="decisions_fund_unit_year_idx")]

    def __str__(self) -> str:
        if self.decision_id is None:
            return f"{self.get_kind_display()} {self.amount} — {self.reference or self.get_source_display()}"
        return f"{self.get_kind_display()} {self.amount} — {self.decision}"

    @property
    def signed_amount(self) -> int:
        """What the entry adds to the fund's balance: a receipt and a recovery add, a
        payment and the correction of a receipt take away."""
        return self.amount if self.kind in (EntryKind.INCOME, EntryKind.RECOVERY) else -self.amount
