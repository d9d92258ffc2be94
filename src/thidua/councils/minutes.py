"""The biên bản of a council meeting, from the meeting's own records: attendance, quorum,
agenda and the tallies of the count (rendered by `thidua.printing` from its Word template)."""

from django.utils import timezone

from thidua.councils.models import MemberRole, Outcome, TellerRole
from thidua.councils.selectors import agenda
from thidua.printing import layouts


def _ballot_note(entries) -> str:
    """Ballots counted (online and on paper, the invalid among them) apart from the written
    opinions of absent members, which are opinions, not ballots."""
    ballots = sum(e.online + e.paper_total for e in entries)
    written = sum(e.written_total for e in entries)
    invalid = sum(e.paper_invalid for e in entries)
    note = (f"Mỗi thành viên có mặt nhận một phiếu cho mỗi trường hợp, bỏ phiếu trực tuyến hoặc phiếu giấy; "
            f"đã kiểm {ballots} phiếu, trong đó {invalid} phiếu không hợp lệ")
    return note + (f"; ngoài ra {written} ý kiến bằng văn bản của thành viên vắng mặt." if written else ".")


def minutes_context(meeting) -> dict:
    council = meeting.council
    rows = list(meeting.attendance.select_related("member").order_by("member__role", "member__full_name"))
    members_total = len(rows)
    present = [r.member for r in rows if r.present]
    chair = next((m for m in present if m.role == MemberRole.CHAIR), present[0] if present else None)
    secretary = next((m for m in present if m.role == MemberRole.SECRETARY), None)
    entries = agenda(meeting)
    tellers = sorted((r for r in rows if r.teller), key=lambda r: r.teller != TellerRole.HEAD)
    share = f"{100 * len(present) / members_total:.1f}".replace(".", ",") if members_total else "0"
    # The minutes record the meeting as convened, not the moment someone opened the vote.
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.closed_at) if meeting.closed_at else None
    if end is not None and (end.date() != start.date() or end < start):
        # The count was recorded on another day than the sitting: when the sitting ended is
        # not known here; the secretary writes it on the paper.
        end = None
    return {
        "issuer_parent": council.authority_unit.name, "issuer": council.name,
        "place": layouts.place_of(council.authority_unit),
        "date": start.date(), "summary": meeting.title,
        "start": start, "end": end, "venue": meeting.place,
        "chair": {"name": chair.full_name, "title": chair.position} if chair else {},
        "secretary": {"name": secretary.full_name, "title": secretary.position} if secretary else {},
        "members_total": members_total,
        "present": [{"name": m.full_name, "title": m.position} for m in present],
        "absent": [{"name": r.member.full_name, "title": r.member.position,
                    "reason": "có ý kiến bằng văn bản" if r.written_opinion else ""} for r in rows if not r.present],
        "quorum": f"Có mặt {len(present)}/{members_total} thành viên ({share} %).",
        "agenda": [f"Xét đề nghị khen thưởng {e.item.subject_name} ({e.kind_name})" for e in entries],
        "tellers": [{"name": r.member.full_name, "title": r.member.position, "role": r.get_teller_display()}
                    for r in tellers],
        "ballot_note": _ballot_note(entries),
        "items": [{"name": e.item.subject_name, "unit": e.item.held_unit.name, "proposed": e.kind_name,
                   "agree": e.agree, "disagree": e.disagree, "lower": e.lower, "lower_form": e.lower_name,
                   "result": e.get_outcome_display() + (f" ({e.lower_name})" if e.outcome == Outcome.APPROVED_LOWER
                                                       else "") + (f"; mức biểu quyết: {e.threshold}"
                                                                   if e.threshold else ""),
                   "sources": f"{e.online} phiếu trực tuyến, {e.paper_total} phiếu giấy, "
                              f"{e.written_total} ý kiến bằng văn bản, {e.paper_invalid} phiếu không hợp lệ"}
                  for e in entries],
        "conclusions": [line for line in meeting.conclusion.splitlines() if line.strip()],
        "signer_title": chair.position if chair else "", "signer_name": chair.full_name if chair else "",
    }
