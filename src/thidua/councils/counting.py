"""The count of a meeting, case by case: who may vote on it, the three sources of votes
(online ballots, the paper ballots of the room entered as totals, the written opinions of
absent members entered as totals) and the threshold that decides it.

Written opinions are kept as their own totals per choice rather than folded into the paper
count: they come from absent members (another set of eligible voters), the rule set or the
council's regulation may leave them out of the count, and the minutes show them apart.

The threshold is the rule set's (`rules.vote_rule`); where the council recorded its own
regulation with its own figures, those replace the rule set's general majority. A figure
the rule set fixes for a kind (the 80 % / 90 % of all members) stays: a council's
regulation does not lower what the law sets. The label says where the figure comes from;
an article is named only when the rule set does not list it as `unconfirmed` (LAW.md §D6).
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from thidua import rules
from thidua.core.errors import ApplicationError
from thidua.councils.models import AgendaItem, Ballot, Choice, Council, Meeting, Outcome, Recusal, VoteCast

PAPER_TOO_MANY = _("«%(item)s»: %(paper)d phiếu giấy nhiều hơn số thành viên có mặt được bỏ phiếu mà chưa bỏ "
                   "phiếu trực tuyến (%(room)d: %(present)d có mặt được bỏ phiếu, %(online)d đã bỏ phiếu "
                   "trực tuyến).")
WRITTEN_TOO_MANY = _("«%(item)s»: %(written)d ý kiến bằng văn bản nhiều hơn số thành viên vắng mặt có ý kiến "
                     "bằng văn bản được bỏ phiếu cho trường hợp này (%(allowed)d).")
NO_LOWER_PAPER = _("«%(item)s» không có hình thức thấp hơn để biểu quyết, nên không có phiếu «đồng ý hình thức "
                   "thấp hơn».")
NEGATIVE = _("«%(item)s»: số phiếu không được âm.")


@dataclass(frozen=True)
class Threshold:
    share: Decimal
    basis: str  # "members" or "present"
    count_written: bool
    source: str


def regulation_name(council: Council) -> str:
    date = f" ngày {council.regulation_date:%d/%m/%Y}" if council.regulation_date else ""
    return f"Quy chế hoạt động của Hội đồng số {council.regulation_number}{date}"


def threshold(council: Council, ruleset, kind: str) -> Threshold:
    law = rules.vote_rule(ruleset, kind)
    written = council.count_written if council.count_written is not None else rules.count_written(ruleset)
    own = council.regulation_number and (council.vote_share is not None or council.vote_basis)
    if own and not law.fixed:
        return Threshold(council.vote_share if council.vote_share is not None else law.share,
                         council.vote_basis or law.basis, written, f"theo {regulation_name(council)}")
    if law.fixed and law.article and ruleset.confirmed(law.article):
        source = f"theo {law.article}"
    elif law.fixed:
        # The share is the law's for this form; which article of the text in force says so
        # is not cited until docs/law.md confirms it.
        source = "theo mức luật định cho hình thức này"
    elif council.regulation_number:
        source = f"theo bộ quy tắc {ruleset.id} ({regulation_name(council)} không quy định khác)"
    else:
        source = f"theo bộ quy tắc {ruleset.id} (Hội đồng chưa ghi quy chế hoạt động)"
    return Threshold(law.share, law.basis, written, source)


@dataclass(frozen=True)
class Seats:
    """Who may vote on one case: `present` members present and not recused, `written`
    absent members with a written opinion and not recused, `members` all members not
    recused; `online` ballots cast; `recused_all`/`recused_present` those left out."""

    present: int
    written: int
    members: int
    online: int
    recused_all: int
    recused_present: int

    def room(self) -> int:
        """How many paper ballots the room may still hold: present voters not online."""
        return max(self.present - self.online, 0)


def seats(meeting: Meeting) -> dict[int, Seats]:
    rows = list(meeting.attendance.values_list("member_id", "present", "written_opinion"))
    present = {m for m, here, _w in rows if here}
    written = {m for m, here, text in rows if not here and text.strip()}
    members_total = meeting.council.members.filter(active=True).count()
    recused = defaultdict(set)
    for entry_pk, member_pk in Recusal.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id",
                                                                                               "member_id"):
        recused[entry_pk].add(member_pk)
    online = Counter(VoteCast.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", flat=True))
    return {pk: Seats(present=len(present - recused[pk]), written=len(written - recused[pk]),
                      members=members_total - len(recused[pk]), online=online[pk], recused_all=len(recused[pk]),
                      recused_present=len(present & recused[pk]))
            for pk in meeting.agenda.values_list("pk", flat=True)}


def check_counts(entry: AgendaItem, seat: Seats) -> None:
    """Refuse counts that would count someone twice or count more voters than the case has."""
    fields = ("paper_agree", "paper_disagree", "paper_lower", "paper_invalid", "written_agree", "written_disagree",
              "written_lower")
    if any(getattr(entry, f) < 0 for f in fields):
        raise ApplicationError(NEGATIVE % {"item": entry.item}, {"field": "paper"})
    if (entry.paper_lower or entry.written_lower) and not entry.lower_kind:
        raise ApplicationError(NO_LOWER_PAPER % {"item": entry.item}, {"field": "paper"})
    if entry.paper_total > seat.room():
        raise ApplicationError(PAPER_TOO_MANY % {"item": entry.item, "paper": entry.paper_total, "room": seat.room(),
                                                 "present": seat.present, "online": seat.online}, {"field": "paper"})
    if entry.written_total > seat.written:
        raise ApplicationError(WRITTEN_TOO_MANY % {"item": entry.item, "written": entry.written_total,
                                                   "allowed": seat.written}, {"field": "written"})


def missing(entry: AgendaItem, seat: Seats) -> int:
    """Members present who may vote on the case and whose vote is neither online nor in
    the paper count."""
    return max(seat.present - seat.online - entry.paper_total, 0)


def online_counts(meeting: Meeting) -> Counter:
    return Counter(Ballot.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", "choice"))


def tally(entry: AgendaItem, online: Counter, counted_written: bool) -> None:
    """Write the totals of ENTRY: online + paper + written (when they count); invalid
    ballots count toward turnout, never as agreement."""
    w = int(counted_written)
    entry.agree = online[(entry.pk, Choice.AGREE)] + entry.paper_agree + w * entry.written_agree
    entry.disagree = online[(entry.pk, Choice.DISAGREE)] + entry.paper_disagree + w * entry.written_disagree
    entry.lower = online[(entry.pk, Choice.LOWER)] + entry.paper_lower + w * entry.written_lower
    entry.invalid = entry.paper_invalid
    entry.voters = entry.agree + entry.disagree + entry.lower + entry.invalid


def _share_text(share: Decimal, of: str) -> str:
    if Decimal("0.5") < share < Decimal("0.51"):
        return f"quá bán {of}"
    return f"{share * 100:.0f}% {of}"


def outcome(entry: AgendaItem, seat: Seats, rule: Threshold) -> tuple[str, str]:
    """The outcome and the threshold applied: a share of all members (flags, CSTĐ…) or of
    those present (with the written opinions counted, when they count); a lower form passes
    when its votes together with the full agreement reach the threshold. Members who may not
    vote on the case are left out of the base: a recusal must not count as a "no"."""
    if rule.basis == "members":
        base, left_out, of = seat.members, seat.recused_all, "tổng số thành viên"
        extra = ""
    else:
        written = entry.written_total if rule.count_written else 0
        base, left_out, of = seat.present + written, seat.recused_present, "số thành viên có mặt"
        extra = f", cộng {written} ý kiến bằng văn bản" if written else ""
    needed = math.ceil(rule.share * base)
    less = f", trừ {left_out} thành viên không bỏ phiếu" if left_out else ""
    label = f"{_share_text(rule.share, of)}{less}{extra} ({needed}/{base}) — {rule.source}"
    if base and entry.agree >= needed:
        return Outcome.APPROVED, label
    if base and entry.lower_kind and entry.agree + entry.lower >= needed:
        return Outcome.APPROVED_LOWER, label
    return Outcome.REJECTED, label
