"""The emulation and commendation council (Hội đồng Thi đua – Khen thưởng) of an awarding
authority, its members, its meetings and their secret ballots (LAW.md §D6).

A meeting's agenda is built from the dossier items that reached "to council". Voting is
secret: `VoteCast` records that a member voted on an item (so nobody votes twice) and
`Ballot` records a choice with no member, no time and a random key, so the two cannot be
joined back. The tallies are computed when the chair closes the meeting and written to the
agenda item, then to the dossier items (`dossiers.services.dossier_record_votes`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.concurrency import Versioned
from thidua.core.transitions import state_constraint


class VoteBasis(models.TextChoices):
    MEMBERS = "members", _("tổng số thành viên Hội đồng")
    PRESENT = "present", _("số thành viên có mặt")


class Council(Versioned):
    authority_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("cơ quan có thẩm quyền khen thưởng"), on_delete=models.PROTECT,
        related_name="councils",
    )
    name = models.CharField(_("tên hội đồng"), max_length=255)
    established_by = models.ForeignKey(
        "documents.Document", verbose_name=_("quyết định thành lập, kiện toàn"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    active = models.BooleanField(_("đang hoạt động"), default=True)
    # The council's own regulation (quy chế hoạt động): where it sets a threshold, that one
    # replaces the rule set's general one for the council's meetings (`councils.counting`).
    regulation_number = models.CharField(_("số văn bản ban hành quy chế hoạt động"), max_length=64, blank=True,
                                         db_default="", default="")
    regulation_date = models.DateField(_("ngày ban hành quy chế hoạt động"), null=True, blank=True)
    vote_basis = models.CharField(_("tỷ lệ biểu quyết tính trên"), max_length=8, choices=VoteBasis.choices,
                                  blank=True, db_default="", default="")
    vote_share = models.DecimalField(_("tỷ lệ đồng ý cần đạt"), max_digits=5, decimal_places=4, null=True,
                                     blank=True)
    count_written = models.BooleanField(_("tính ý kiến bằng văn bản của thành viên vắng mặt"), null=True,
                                        blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("hội đồng thi đua – khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["authority_unit"], condition=models.Q(active=True),
                                    name="councils_council_one_active_per_authority"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    STANDING_VICE = "standing_vice", _("Phó Chủ tịch Thường trực")
    VICE = "vice", _("Phó Chủ tịch")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Ủy viên, Thư ký")


class CouncilMember(models.Model):
    """A member, with the unit they lead: a member never votes on that unit's items."""

    council = models.ForeignKey(Council, verbose_name=_("hội đồng"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="council_memberships")
    full_name = models.CharField(_("họ và tên"), max_length=128)
    position = models.CharField(_("chức vụ"), max_length=255)
    role = models.CharField(_("vai trò trong hội đồng"), max_length=16, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    home_unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị công tác"), on_delete=models.PROTECT,
                                  related_name="+")
    active = models.BooleanField(_("đang là thành viên"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "role", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], condition=models.Q(user__isnull=False, active=True),
                                    name="councils_member_once_per_council"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.position}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    OPEN = "open", _("Đang họp, bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc")


class Meeting(Versioned):
    council = models.ForeignKey(Council, verbose_name=_("hội đồng"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("nội dung phiên họp"), max_length=255)
    starts_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255)
    state = models.CharField(_("trạng thái"), max_length=16, choices=MeetingStatus.choices,
                             default=MeetingStatus.PLANNED)
    opened_at = models.DateTimeField(_("khai mạc lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    conclusion = models.TextField(_("kết luận của chủ trì"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người triệu tập"), null=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("phiên họp hội đồng")
        ordering = ["-starts_at"]
        constraints = [state_constraint("councils_meeting", MeetingStatus)]

    def __str__(self) -> str:
        return self.title


class TellerRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban kiểm phiếu")
    MEMBER = "member", _("Thành viên ban kiểm phiếu")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"), default=False)
    written_opinion = models.TextField(_("ý kiến bằng văn bản (khi vắng mặt)"), blank=True)
    teller = models.CharField(_("ban kiểm phiếu"), max_length=8, choices=TellerRole.choices, blank=True,
                              db_default="", default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="councils_attendance_once")]

    def __str__(self) -> str:
        return f"{self.member}: {'có mặt' if self.present else 'vắng mặt'}"


class Outcome(models.TextChoices):
    PENDING = "pending", _("Chưa biểu quyết")
    APPROVED = "approved", _("Nhất trí")
    APPROVED_LOWER = "approved_lower", _("Nhất trí hình thức thấp hơn")
    REJECTED = "rejected", _("Không nhất trí")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    item = models.ForeignKey("dossiers.DossierItem", verbose_name=_("trường hợp đề nghị"), on_delete=models.PROTECT,
                             related_name="agenda_entries")
    order = models.PositiveIntegerField(default=0)
    lower_kind = models.CharField(_("hình thức thấp hơn đưa ra biểu quyết"), max_length=32, blank=True)
    agree = models.PositiveIntegerField(default=0)
    disagree = models.PositiveIntegerField(default=0)
    lower = models.PositiveIntegerField(default=0)
    voters = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(db_default=0, default=0)
    # The paper ballots of the room, entered by the secretariat as totals only (never per
    # member, so the vote stays secret), and the written opinions of absent members, also
    # as totals. Kept apart from the online ballots: the minutes show each source.
    paper_agree = models.PositiveIntegerField(db_default=0, default=0)
    paper_disagree = models.PositiveIntegerField(db_default=0, default=0)
    paper_lower = models.PositiveIntegerField(db_default=0, default=0)
    paper_invalid = models.PositiveIntegerField(db_default=0, default=0)
    written_agree = models.PositiveIntegerField(db_default=0, default=0)
    written_disagree = models.PositiveIntegerField(db_default=0, default=0)
    written_lower = models.PositiveIntegerField(db_default=0, default=0)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    threshold = models.CharField(_("mức biểu quyết áp dụng"), max_length=255, blank=True)

    class Meta:
        ordering = ["meeting", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "item"], name="councils_agenda_item_once")]

    def __str__(self) -> str:
        return str(self.item)

    @property
    def paper_total(self) -> int:
        return self.paper_agree + self.paper_disagree + self.paper_lower + self.paper_invalid

    @property
    def written_total(self) -> int:
        return self.written_agree + self.written_disagree + self.written_lower


class Recusal(models.Model):
    """A member who does not vote on an item: their own unit's, or declared."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=255)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agenda_item", "member"], name="councils_recusal_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason}"


class VoteCast(models.Model):
    """That MEMBER voted on AGENDA_ITEM; what they chose is in an unlinked Ballot."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="casts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agenda_item", "member"], name="councils_votecast_once")]

    def __str__(self) -> str:
        return f"{self.member} đã bỏ phiếu"


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    LOWER = "lower", _("Đồng ý hình thức thấp hơn")


class Ballot(models.Model):
    # A random key and no timestamp: the order of ballots says nothing about who cast them.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=16, choices=Choice.choices)

    def __str__(self) -> str:
        return self.get_choice_display()
