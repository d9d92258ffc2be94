"""A council meeting's handoffs (docs/notices.md): one test per row of the table."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.notices.handoff_checks import assert_closed, assert_on_todo_page, assert_told, give_email
from thidua.councils import services

COUNCIL = "Hội đồng Thi đua – Khen thưởng tỉnh Thử Nghiệm"
TITLE = "Phiên họp xét khen thưởng năm 2025"


def convene(council, items, secretariat):
    return services.meeting_create(actor=secretariat, council=council, title=TITLE,
                                   starts_at=dt.datetime(2026, 1, 15, 1, 0, tzinfo=dt.UTC), place="Phòng họp số 1",
                                   items=items)


def present(meeting, secretariat, *keys):
    members = meeting.council.test_members
    services.attendance_set(actor=secretariat, meeting=meeting, present={members[k].pk for k in keys})


@pytest.mark.parametrize("row", ["convene", "open"])
def test_handoff(row, council, items, secretariat, officer_b, client, mailoutbox,
                 django_capture_on_commit_callbacks):
    users = {k: m.user for k, m in council.test_members.items() if m.user}
    give_email(secretariat, officer_b, *users.values())
    with django_capture_on_commit_callbacks(execute=True):
        meeting = convene(council, items, secretariat)
    if row == "convene":
        # 08:00 in Hà Nội: the time as the members read it.
        words = f"Triệu tập phiên họp «{TITLE}» của {COUNCIL}: 08:00 ngày 15/01/2026 tại Phòng họp số 1"
        told, not_told, url = list(users.values()), [secretariat, officer_b], reverse("councils:meeting",
                                                                                       args=[meeting.pk])
    else:
        mailoutbox.clear()
        present(meeting, secretariat, "chutich", "gd_snv", "uyvien", "nam")
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_open(actor=secretariat, meeting=meeting)
        words = f"Phiên họp «{TITLE}» đã khai mạc: mời bỏ phiếu"
        told = [users["chutich"], users["gd_snv"], users["uyvien"]]
        not_told, url = [secretariat, officer_b], reverse("councils:ballot", args=[meeting.pk])
        # The absent member was told of the meeting, not of the vote.
        assert not [n for n in users["gd_syt"].notifications.all() if n.title == words]
    assert_told(told, not_told, words, url, mailoutbox)
    assert_on_todo_page(client, told[0], words)
    with django_capture_on_commit_callbacks(execute=True):
        if row == "convene":
            present(meeting, secretariat, "chutich", "gd_snv", "gd_syt", "uyvien")
            services.meeting_open(actor=secretariat, meeting=meeting)
        else:
            services.meeting_close(actor=secretariat, meeting=meeting)
    assert_closed(told, words)
