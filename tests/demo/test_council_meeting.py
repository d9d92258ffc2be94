"""The demo holds a council meeting as councils hold them (issue 12): closed, its results
from online and paper ballots, a vote-counting committee, the council's regulation."""

from thidua.councils.models import AgendaItem, Attendance, Ballot, Council, Meeting, MeetingStatus, Outcome
from thidua.demo.council_meeting import REGULATION


def test_the_demo_holds_a_closed_meeting_counted_online_and_on_paper(small):
    council = Council.objects.get(active=True, authority_unit__depth=1)  # the province's (a Sở has its own)
    assert council.regulation_number == REGULATION and council.regulation_date is not None
    meeting = Meeting.objects.get(state=MeetingStatus.CLOSED, council=council)
    entries = AgendaItem.objects.filter(meeting=meeting)
    assert entries and all(e.paper_total > 0 for e in entries)
    assert Ballot.objects.filter(agenda_item__meeting=meeting).exists()  # the member with an account
    assert any(e.written_agree for e in entries)
    assert all(e.outcome == Outcome.APPROVED for e in entries)
    assert "Quy chế hoạt động của Hội đồng số 15/QĐ-HĐTĐKT" in entries[0].threshold
    tellers = Attendance.objects.filter(meeting=meeting).exclude(teller="")
    assert sorted(tellers.values_list("teller", flat=True)) == ["head", "member"]
