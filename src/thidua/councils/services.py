"""Council writes: membership, meetings, attendance, the secret ballot and the count.

The secretariat of the authority (`dossier.review` over its unit) sets the council up and
runs its meetings; members vote for themselves only. Every service checks, locks what it
changes and writes an audit event in its transaction.
"""

import datetime as dt
import math
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua import rules
from thidua.catalog.selectors import current_kinds, kind_names
from thidua.core import audit, concurrency
from thidua.core.access import REFUSED
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.councils import audit_actions as A
from thidua.councils import counting, links, machines, policy
from thidua.councils.machines import NOT_OPEN, NOT_PLANNED  # the machine's refusals, worded here too
from thidua.councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Choice,
    Council,
    CouncilMember,
    Meeting,
    MeetingStatus,
    Recusal,
    TellerRole,
    VoteCast,
)
from thidua.dossiers.models import DossierItem, DossierState, ItemState
from thidua.eligibility.selectors import ruleset_for
from thidua.notices import handoffs
from thidua.org.models import Unit

ITEM_NOT_READY = _("«%(item)s» chưa sẵn sàng trình hội đồng (hồ sơ phải ở bước «Trình Hội đồng TĐKT» và "
                   "trường hợp đã được thẩm định đạt).")
ITEM_OTHER_AUTHORITY = _("«%(item)s» thuộc hồ sơ gửi cơ quan khác, không thuộc hội đồng này.")
EMPTY_AGENDA = _("Phiên họp cần ít nhất một trường hợp để xét.")
NO_QUORUM = _("Chưa đủ số thành viên dự họp: có mặt %(present)d/%(total)d, cần ít nhất %(needed)d "
              "(%(share)s%% tổng số thành viên đối với phiên họp xét khen thưởng).")
NOT_A_MEMBER = _("Bạn không phải thành viên của hội đồng này.")
ABSENT = _("Bạn không có tên trong danh sách có mặt của phiên họp, nên không bỏ phiếu được.")
RECUSED = _("Bạn không bỏ phiếu cho «%(item)s»: %(reason)s.")
ALREADY_VOTED = _("Bạn đã bỏ phiếu cho «%(item)s»; mỗi thành viên chỉ bỏ một phiếu.")
NO_LOWER = _("«%(item)s» không có hình thức thấp hơn để biểu quyết.")
BAD_CHOICE = _("Lựa chọn không hợp lệ.")
OWN_UNIT = _("thành viên công tác tại đơn vị có trường hợp được xét")
NOT_ON_AGENDA = _("Trường hợp không có trong chương trình phiên họp.")
PAPER_COUNTED = _("Phiếu giấy của «%(item)s» đã được kiểm cho mọi thành viên có mặt chưa bỏ phiếu trực tuyến; "
                  "không bỏ phiếu trực tuyến thêm được.")
TELLER_ABSENT = _("%(name)s vắng mặt nên không thể ở trong Ban kiểm phiếu.")
ONE_HEAD = _("Ban kiểm phiếu chỉ có một Trưởng ban.")
LOWER_NOT_OFFERED = _("Hình thức thấp hơn chọn cho «%(item)s» không thuộc các hình thức cơ quan này được quyết định "
                      "cho đối tượng.")
REGULATION_NEEDED = _("Nhập số và ngày ban hành quy chế hoạt động trước khi ghi tỷ lệ biểu quyết riêng của Hội đồng.")
BAD_SHARE = _("Tỷ lệ đồng ý cần đạt phải lớn hơn 0 và không quá 100%.")
HOME_OUTSIDE = _("Đơn vị công tác của thành viên phải thuộc phạm vi của cơ quan «%(unit)s».")


def _require_runs(actor, council: Council) -> None:
    if not policy.runs(actor, council):
        raise PermissionDenied(REFUSED)


@transaction.atomic
def council_create(*, actor, authority_unit: Unit, name: str, established_by=None) -> Council:
    council = Council(authority_unit=authority_unit, name=name, established_by=established_by)
    _require_runs(actor, council)
    Council.objects.filter(authority_unit=authority_unit, active=True).update(active=False)
    council.full_clean()
    council.save()
    audit.record(actor=actor, action=A.COUNCIL_CREATE, target=council, unit_path=authority_unit.path,
                 after=audit.snapshot(council))
    return council


@transaction.atomic
def member_add(*, actor, council: Council, full_name: str, position: str, role: str, home_unit: Unit,
               user=None) -> CouncilMember:
    _require_runs(actor, council)
    if not home_unit.path.startswith(council.authority_unit.path):
        raise ApplicationError(HOME_OUTSIDE % {"unit": council.authority_unit}, {"field": "home_unit"})
    member = CouncilMember(council=council, full_name=full_name, position=position, role=role,
                           home_unit=home_unit, user=user)
    member.full_clean()
    member.save()
    audit.record(actor=actor, action=A.MEMBER_SET, target=council, unit_path=council.authority_unit.path,
                 after={"thêm": str(member), "vai trò": member.get_role_display()})
    return member


@transaction.atomic
def member_remove(*, actor, member: CouncilMember, reason: str = "") -> None:
    _require_runs(actor, member.council)
    CouncilMember.objects.filter(pk=member.pk).update(active=False)
    audit.record(actor=actor, action=A.MEMBER_SET, target=member.council,
                 unit_path=member.council.authority_unit.path, before={"thành viên": str(member)}, reason=reason)


def _recusal_reason(member: CouncilMember, item: DossierItem, council: Council) -> str | None:
    """A member who leads a unit inside the authority does not vote on that unit's items
    (the proposing unit, or the unit the subject worked in). Members whose unit is the
    authority itself represent all of it and vote on everything."""
    home = member.home_unit.path
    if home == council.authority_unit.path:
        return None
    if item.dossier.unit.path.startswith(home) or item.held_unit.path.startswith(home):
        return str(OWN_UNIT)
    return None


@transaction.atomic
def meeting_create(*, actor, council: Council, title: str, starts_at: dt.datetime, place: str,
                   items: list[DossierItem]) -> Meeting:
    """Convene a meeting on ITEMS (accepted items of dossiers sent to the council's authority);
    every member is listed absent until the secretariat records the attendance."""
    _require_runs(actor, council)
    if not items:
        raise ApplicationError(EMPTY_AGENDA, {"field": "items"})
    # A dossier is voted on as a whole (its result is recorded at once): choosing one of its
    # items brings the dossier's other accepted items onto the agenda.
    chosen = DossierItem.objects.filter(pk__in=[i.pk for i in items])
    whole = DossierItem.objects.filter(dossier__in=chosen.values("dossier"), state=ItemState.ACCEPTED)
    locked = list(DossierItem.objects.select_for_update(of=("self",))
                  .filter(Q(pk__in=[i.pk for i in items]) | Q(pk__in=whole.values("pk")))
                  .select_related("dossier__unit", "held_unit", "unit").order_by("dossier_id", "id"))
    for item in locked:
        if item.dossier.authority_unit_id != council.authority_unit_id:
            raise ApplicationError(ITEM_OTHER_AUTHORITY % {"item": item}, {"field": "items"})
        if item.dossier.state != DossierState.TO_COUNCIL or item.state != ItemState.ACCEPTED:
            raise ApplicationError(ITEM_NOT_READY % {"item": item}, {"field": "items"})
    meeting = Meeting.objects.create(council=council, title=title, starts_at=starts_at, place=place,
                                     created_by=actor if actor.pk else None)
    kinds = current_kinds()
    AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, item=item, order=i,
                                              lower_kind=links.lower_kind(item, kinds))
                                   for i, item in enumerate(locked, start=1))
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member=m) for m in council.members.filter(active=True))
    audit.record(actor=actor, action=A.MEETING_CREATE, target=meeting, unit_path=council.authority_unit.path,
                 after={**audit.snapshot(meeting), "số trường hợp": len(locked)})
    handoffs.announce(machines.MEETINGS.name, meeting, f"{machines.MEETINGS.name}.convene", actor=actor)
    return meeting


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("council__authority_unit").get(pk=meeting.pk)


@transaction.atomic
def attendance_set(*, actor, meeting: Meeting, present: set[int], opinions: dict[int, str] | None = None,
                   tellers: dict[int, str] | None = None, version: int | None = None) -> None:
    """Who is present, the written opinions of those absent, and the vote-counting
    committee (Ban kiểm phiếu: members present, one of them its head)."""
    meeting = _lock_meeting(meeting)
    _require_runs(actor, meeting.council)
    if meeting.state != MeetingStatus.PLANNED:
        raise ApplicationError(NOT_PLANNED)
    concurrency.require_version(meeting, version)
    opinions, tellers = opinions or {}, tellers or {}
    rows = list(meeting.attendance.select_related("member"))
    for row in rows:
        row.present = row.member_id in present
        row.written_opinion = "" if row.present else opinions.get(row.member_id, "").strip()
        row.teller = tellers.get(row.member_id, "")
        if row.teller not in ("", *TellerRole.values):
            raise ApplicationError(BAD_CHOICE, {"field": "teller"})
        if row.teller and not row.present:
            raise ApplicationError(TELLER_ABSENT % {"name": row.member.full_name}, {"field": "teller"})
    if sum(r.teller == TellerRole.HEAD for r in rows) > 1:
        raise ApplicationError(ONE_HEAD, {"field": "teller"})
    Attendance.objects.bulk_update(rows, ["present", "written_opinion", "teller"])
    Meeting.objects.filter(pk=meeting.pk).update(**concurrency.bump())
    audit.record(actor=actor, action=A.ATTENDANCE_SET, target=meeting, unit_path=meeting.council.authority_unit.path,
                 after={"có mặt": sorted(r.member.full_name for r in rows if r.present),
                        "vắng mặt": sorted(r.member.full_name for r in rows if not r.present),
                        "ý kiến bằng văn bản": sorted(r.member.full_name for r in rows if r.written_opinion),
                        "ban kiểm phiếu": sorted(r.member.full_name for r in rows if r.teller)})


def _needed(share: Decimal, total: int) -> int:
    return math.ceil(share * total)


@transaction.atomic
def meeting_open(*, actor, meeting: Meeting) -> Meeting:
    """Open the vote once enough members are present (a session that decides awards needs
    the rule set's `council_award_attendance` share), recording each member's recusals."""
    meeting = _lock_meeting(meeting)
    council = meeting.council
    row = machines.check(actor, meeting, machines.OPEN)
    _quorum, attendance_share = rules.quorum(ruleset_for(timezone.localdate().year))
    total = council.members.filter(active=True).count()
    present = meeting.attendance.filter(present=True).count()
    needed = _needed(attendance_share, total)
    if present < needed:
        raise ApplicationError(NO_QUORUM % {"present": present, "total": total, "needed": needed,
                                            "share": f"{attendance_share * 100:.0f}"})
    members = list(council.members.filter(active=True).select_related("home_unit"))
    recusals = []
    for entry in meeting.agenda.select_related("item__dossier__unit", "item__held_unit"):
        for member in members:
            reason = _recusal_reason(member, entry.item, council)
            if reason:
                recusals.append(Recusal(agenda_item=entry, member=member, reason=reason))
    Recusal.objects.bulk_create(recusals, ignore_conflicts=True)
    meeting.opened_at = timezone.now()
    return machines.MEETINGS.move(actor, meeting, row, fields=["opened_at"], after={
        "có mặt": present, "tổng số thành viên": total, "số phiếu không tham gia": len(recusals)})


@transaction.atomic
def ballot_cast(*, actor, meeting: Meeting, choices: dict[int, str]) -> int:
    """ACTOR's secret ballot: one choice per agenda item (by agenda item id). Refused as a
    whole when any line is not allowed, so a member never half-votes."""
    meeting = _lock_meeting(meeting)
    if meeting.state != MeetingStatus.OPEN:
        raise ApplicationError(NOT_OPEN)
    member = policy.membership(actor, meeting.council)
    if member is None:
        raise PermissionDenied(NOT_A_MEMBER)
    if not meeting.attendance.filter(member=member, present=True).exists():
        raise ApplicationError(ABSENT)
    entries = {e.pk: e for e in meeting.agenda.select_related("item")}
    recused = dict(Recusal.objects.filter(agenda_item__meeting=meeting, member=member)
                   .values_list("agenda_item_id", "reason"))
    done = set(VoteCast.objects.filter(agenda_item__meeting=meeting, member=member)
               .values_list("agenda_item_id", flat=True))
    room = counting.seats(meeting)
    casts, ballots = [], []
    for entry_pk, choice in choices.items():
        entry = entries.get(entry_pk)
        if entry is None:
            raise ApplicationError(NOT_ON_AGENDA)
        if choice not in Choice.values:
            raise ApplicationError(BAD_CHOICE)
        if entry_pk in recused:
            raise ApplicationError(RECUSED % {"item": entry.item, "reason": recused[entry_pk]})
        if entry_pk in done:
            raise ApplicationError(ALREADY_VOTED % {"item": entry.item})
        if choice == Choice.LOWER and not entry.lower_kind:
            raise ApplicationError(NO_LOWER % {"item": entry.item})
        # Once the paper count is in, it may already hold this member's vote.
        if entry.paper_total and entry.paper_total >= room[entry_pk].room():
            raise ApplicationError(PAPER_COUNTED % {"item": entry.item})
        casts.append(VoteCast(agenda_item=entry, member=member))
        ballots.append(Ballot(agenda_item=entry, choice=choice))
    VoteCast.objects.bulk_create(casts)
    Ballot.objects.bulk_create(ballots)
    # The audit says who voted and on how many items, never what.
    audit.record(actor=actor, action=A.BALLOT_CAST, target=meeting, unit_path=meeting.council.authority_unit.path,
                 after={"thành viên": member.full_name, "số trường hợp đã bỏ phiếu": len(casts)})
    return len(casts)


@transaction.atomic
def meeting_close(*, actor, meeting: Meeting, conclusion: str = "") -> Meeting:
    """Count online ballots, paper totals and written opinions (where they count), decide
    each case by its threshold and pass the results to the dossiers; the meeting and its
    tallies are final from then on."""
    meeting = _lock_meeting(meeting)
    council = meeting.council
    row = machines.check(actor, meeting, machines.CLOSE)
    entries = list(meeting.agenda.select_related("item__dossier"))
    online = counting.online_counts(meeting)
    room = counting.seats(meeting)
    for entry in entries:
        rule = counting.threshold(council, ruleset_for(entry.item.dossier.year), entry.item.kind)
        counting.tally(entry, online, rule.count_written)
        entry.outcome, label = counting.outcome(entry, room[entry.pk], rule)
        entry.threshold = label[:255]
    AgendaItem.objects.bulk_update(entries, ["agree", "disagree", "lower", "invalid", "voters", "outcome",
                                             "threshold"])
    meeting.closed_at, meeting.conclusion = timezone.now(), conclusion
    machines.MEETINGS.move(actor, meeting, row, reason=conclusion, fields=["closed_at", "conclusion"], after={
        "kết quả": {str(e.item): f"{e.get_outcome_display()} ({e.agree}/{e.disagree}/{e.lower}/{e.invalid})"
                    for e in entries}})
    links.record_votes(actor, meeting, entries)
    return meeting


PAPER_FIELDS = ("paper_agree", "paper_disagree", "paper_lower", "paper_invalid", "written_agree", "written_disagree",
                "written_lower")


@transaction.atomic
def paper_count_set(*, actor, meeting: Meeting, counts: dict[int, dict[str, int]], version: int | None = None) -> None:
    """The totals of the paper ballots of the room and of the written opinions, per case
    (COUNTS: agenda item id → PAPER_FIELDS), never per member. Refused as a whole, naming
    the case, when a total would count someone twice or more voters than the case has."""
    meeting = _lock_meeting(meeting)
    _require_runs(actor, meeting.council)
    if meeting.state != MeetingStatus.OPEN:
        raise ApplicationError(NOT_OPEN)
    concurrency.require_version(meeting, version)
    entries = {e.pk: e for e in meeting.agenda.select_related("item").select_for_update(of=("self",))}
    room = counting.seats(meeting)
    changed = []
    for entry_pk, values in counts.items():
        entry = entries.get(entry_pk)
        if entry is None:
            raise ApplicationError(NOT_ON_AGENDA)
        for name in PAPER_FIELDS:
            setattr(entry, name, int(values.get(name) or 0))
        counting.check_counts(entry, room[entry_pk])
        changed.append(entry)
    AgendaItem.objects.bulk_update(changed, list(PAPER_FIELDS))
    Meeting.objects.filter(pk=meeting.pk).update(**concurrency.bump())
    audit.record(actor=actor, action=A.PAPER_COUNT, target=meeting, unit_path=meeting.council.authority_unit.path,
                 after={e.item.subject_name: (
                     f"phiếu giấy: {e.paper_agree} đồng ý, {e.paper_disagree} không đồng ý, {e.paper_lower} "
                     f"thấp hơn, {e.paper_invalid} không hợp lệ; ý kiến bằng văn bản: {e.written_agree} đồng ý, "
                     f"{e.written_disagree} không đồng ý, {e.written_lower} thấp hơn") for e in changed})


@transaction.atomic
def agenda_lower_set(*, actor, meeting: Meeting, lower: dict[int, str], version: int | None = None) -> None:
    """The lower form put to the vote for each case (LOWER: agenda item id → kind code, ""
    for none), chosen among the forms the authority may decide (`links.lower_options`)."""
    meeting = _lock_meeting(meeting)
    _require_runs(actor, meeting.council)
    if meeting.state != MeetingStatus.PLANNED:
        raise ApplicationError(NOT_PLANNED)
    concurrency.require_version(meeting, version)
    entries = {e.pk: e for e in meeting.agenda.select_related("item__dossier", "item__unit")}
    kinds = current_kinds()
    changed = []
    for entry_pk, code in lower.items():
        entry = entries.get(entry_pk)
        if entry is None:
            raise ApplicationError(NOT_ON_AGENDA)
        if code and code not in links.lower_options(entry.item, kinds):
            raise ApplicationError(LOWER_NOT_OFFERED % {"item": entry.item}, {"field": "lower_kind"})
        entry.lower_kind = code
        changed.append(entry)
    AgendaItem.objects.bulk_update(changed, ["lower_kind"])
    names = kind_names()
    Meeting.objects.filter(pk=meeting.pk).update(**concurrency.bump())
    audit.record(actor=actor, action=A.LOWER_SET, target=meeting, unit_path=meeting.council.authority_unit.path,
                 after={e.item.subject_name: names.get(e.lower_kind, e.lower_kind) or "không" for e in changed})


@transaction.atomic
def council_regulation_set(*, actor, council: Council, regulation_number: str, regulation_date=None,
                           vote_basis: str = "", vote_share: Decimal | None = None,
                           count_written: bool | None = None, version: int | None = None) -> Council:
    """The council's own regulation (quy chế hoạt động), with the figures it sets where it
    departs from the rule set; the number and date are required for any figure of its own."""
    council = Council.objects.select_for_update().select_related("authority_unit").get(pk=council.pk)
    _require_runs(actor, council)
    concurrency.require_version(council, version)
    own = bool(vote_basis) or vote_share is not None or count_written is not None
    if own and not (regulation_number.strip() and regulation_date):
        raise ApplicationError(REGULATION_NEEDED, {"field": "regulation_number"})
    if vote_share is not None and not (Decimal(0) < vote_share <= 1):
        raise ApplicationError(BAD_SHARE, {"field": "vote_share"})
    before = audit.snapshot(council)
    council.regulation_number, council.regulation_date = regulation_number.strip(), regulation_date
    council.vote_basis, council.vote_share, council.count_written = vote_basis, vote_share, count_written
    council.full_clean()
    council.save()
    audit.record(actor=actor, action=A.REGULATION_SET, target=council, unit_path=council.authority_unit.path,
                 before=before, after=audit.snapshot(council))
    return council
