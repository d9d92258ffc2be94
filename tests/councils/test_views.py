from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import login, make_user
from thidua.core.roles import Role
from thidua.councils.models import AgendaItem, Ballot, Meeting


def _attend_and_open(client, meeting, keys, council):
    members = council.test_members
    client.post(reverse("councils:attendance", args=[meeting.pk]), {"present": [members[k].pk for k in keys]})
    return client.post(reverse("councils:transition", args=[meeting.pk, "khai-mac"]))


def test_secretariat_convenes_runs_and_counts_a_meeting(client, council, items, secretariat):
    login(client, secretariat)
    page = client.get(reverse("councils:detail", args=[council.pk])).content.decode()
    assert "Đinh Thị Sáu" in page and "Triệu tập phiên họp" in page
    response = client.post(reverse("councils:detail", args=[council.pk]), {
        "form": "meeting", "ph-title": "Phiên họp xét khen thưởng năm 2025", "ph-starts_at": "15/01/2026 08:00",
        "ph-place": "Phòng họp số 1", "ph-items": [i.pk for i in items]})
    meeting = Meeting.objects.get()
    assert response.url == reverse("councils:meeting", args=[meeting.pk])
    too_few = _attend_and_open(client, meeting, ["chutich", "gd_syt"], council)
    assert too_few.status_code == 302
    body = client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    assert "Chưa đủ số thành viên dự họp" in body
    _attend_and_open(client, meeting, ["chutich", "gd_snv", "gd_syt", "uyvien"], council)
    meeting.refresh_from_db()
    assert meeting.state == "open"
    # Each line of the agenda leads the secretariat to its dossier (the next step is there).
    dossier_url = reverse("dossiers:detail", args=[items[0].dossier_id])
    assert f'href="{dossier_url}"' in client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()


def test_a_member_votes_on_the_ballot_page(client, council, meeting, secretariat):
    login(client, secretariat)
    _attend_and_open(client, meeting, ["chutich", "gd_snv", "gd_syt", "uyvien"], council)
    client.logout()
    login(client, get_user_model().objects.get(username="gd_snv"))
    page = client.get(reverse("councils:ballot", args=[meeting.pk])).content.decode()
    # The director of Sở A sees both items of Sở A as not theirs to vote on.
    assert page.count("Không bỏ phiếu") == 2
    # A member reads the agenda, without links to dossiers they may not see.
    dossier_url = reverse("dossiers:detail", args=[meeting.agenda.first().item.dossier_id])
    assert f'href="{dossier_url}"' not in client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    client.logout()
    login(client, get_user_model().objects.get(username="gd_syt"))
    cstd, bk = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    response = client.post(reverse("councils:ballot", args=[meeting.pk]), {f"vote-{cstd.pk}": "disagree",
                                                                          f"vote-{bk.pk}": "agree"})
    assert response.status_code == 302
    assert Ballot.objects.count() == 2
    after = client.get(reverse("councils:ballot", args=[meeting.pk])).content.decode()
    assert "Đã bỏ phiếu" in after and "Gửi phiếu" not in after
    assert "Bạn đã bỏ phiếu cho mọi trường hợp bạn được bỏ phiếu." in after


def test_it_refuses_out_of_scope(client, council, meeting, officer_b, secretariat, tree):
    login(client, officer_b)
    for url in (reverse("councils:detail", args=[council.pk]), reverse("councils:meeting", args=[meeting.pk]),
                reverse("councils:ballot", args=[meeting.pk])):
        assert client.get(url).status_code == 404, url
    for url in (reverse("councils:attendance", args=[meeting.pk]),
                *(reverse("councils:transition", args=[meeting.pk, slug]) for slug in ("khai-mac", "ket-thuc"))):
        assert client.post(url).status_code == 404, url
    # A council member reads the council's meetings but does not run them.
    outsider = make_user("hoidong_khac", Role.COUNCIL_MEMBER, tree["root"], "Vũ Thị Khác")
    client.logout()
    login(client, outsider)
    assert client.get(reverse("councils:meeting", args=[meeting.pk])).status_code == 404  # not of this council
    client.logout()
    login(client, get_user_model().objects.get(username="chutich"))
    assert client.get(reverse("councils:meeting", args=[meeting.pk])).status_code == 200
    assert client.post(reverse("councils:transition", args=[meeting.pk, "khai-mac"])).status_code == 403
    assert client.post(reverse("councils:detail", args=[council.pk]), {"form": "member"}).status_code == 403


def test_minutes_of_a_closed_meeting_carry_the_tallies(client, council, meeting, secretariat):
    import io

    import docx

    from thidua.councils import services

    members = council.test_members
    services.attendance_set(actor=secretariat, meeting=meeting,
                            present={members[k].pk for k in ("chutich", "gd_snv", "gd_syt", "uyvien")})
    services.meeting_open(actor=secretariat, meeting=meeting)
    cstd, bk = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    for key in ("chutich", "gd_syt", "uyvien"):
        services.ballot_cast(actor=members[key].user, meeting=meeting, choices={bk.pk: "agree", cstd.pk: "agree"})
    login(client, secretariat)
    assert client.get(reverse("councils:minutes", args=[meeting.pk])).status_code == 404  # not counted yet
    services.meeting_close(actor=secretariat, meeting=meeting, conclusion="Đề nghị Chủ tịch UBND tỉnh khen thưởng.")
    response = client.get(reverse("councils:minutes", args=[meeting.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    tables = " ".join(c.text for t in docx.Document(io.BytesIO(response.content)).tables for r in t.rows
                      for c in r.cells)
    assert "Nguyễn Văn Chủ" in text + tables and "Lý Văn Bảy" in tables
    assert "Có mặt 4/5 thành viên" in text
    assert "Đề nghị Chủ tịch UBND tỉnh khen thưởng." in text
    # The meeting as convened (08:00 UTC is 15:00 in Việt Nam), dated at the province.
    assert "15 giờ 00 phút, ngày 15 tháng 01 năm 2026" in text and "Thử Nghiệm, ngày" in text + tables
