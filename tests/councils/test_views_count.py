"""The pages of the paper count, the lower form, the regulation, the confirm step and the
partial ballot; each refuses a user out of scope."""

import io
from decimal import Decimal

import docx
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import login
from thidua.councils import services
from thidua.councils.models import AgendaItem, Ballot, Council, Meeting


def _open(meeting, secretariat, tellers=None):
    members = meeting.council.test_members
    services.attendance_set(actor=secretariat, meeting=meeting,
                            present={members[k].pk for k in ("chutich", "gd_snv", "gd_syt", "uyvien")},
                            opinions={members["nam"].pk: "Đồng ý"},
                            tellers={members[k].pk: v for k, v in (tellers or {}).items()})
    services.meeting_open(actor=secretariat, meeting=meeting)
    return AgendaItem.objects.filter(meeting=meeting).order_by("order")


def test_the_secretariat_enters_the_paper_count_and_confirms_the_close(client, meeting, secretariat):
    cstd, bk = _open(meeting, secretariat, tellers={"uyvien": "head", "gd_syt": "member"})
    login(client, secretariat)
    page = client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    assert "Kiểm phiếu giấy và ý kiến bằng văn bản" in page and "Văn bản: đồng ý" in page
    bad = client.post(reverse("councils:paper", args=[meeting.pk]), {f"paper_agree-{bk.pk}": "ba"}, follow=True)
    assert "«Lý Văn Bảy», ô «Đồng ý»: nhập số phiếu là số nguyên" in bad.content.decode()
    too_many = client.post(reverse("councils:paper", args=[meeting.pk]), {f"paper_agree-{bk.pk}": "5",
                                                                           f"paper_invalid-{cstd.pk}": "1"})
    assert "5 phiếu giấy nhiều hơn số thành viên có mặt" in too_many.content.decode()
    # Refused, the tellers' figures stay in the form to correct; nothing was saved.
    assert f'name="paper_agree-{bk.pk}" value="5"' in too_many.content.decode()
    assert f'name="paper_invalid-{cstd.pk}" value="1"' in too_many.content.decode()
    assert AgendaItem.objects.get(pk=cstd.pk).paper_invalid == 0
    client.post(reverse("councils:paper", args=[meeting.pk]), {f"paper_agree-{bk.pk}": "2",
                                                                f"paper_disagree-{cstd.pk}": "1",
                                                                "version": Meeting.objects.get().version})
    bk.refresh_from_db()
    assert bk.paper_agree == 2
    # Closing first lists the missing votes and closes nothing.
    confirm = client.post(reverse("councils:transition", args=[meeting.pk, "ket-thuc"]), {"conclusion": "Nhất trí."})
    body = confirm.content.decode()
    assert confirm.status_code == 200 and "Xác nhận kết thúc và kiểm phiếu" in body
    assert "Còn 3 phiếu của thành viên có mặt" in body  # CSTĐ: 3 may vote, 1 on paper; BK: 3, 2 on paper
    # The absent member's written opinion, taken at the roll call, was not entered in the count.
    assert 'data-testid="written-left"' in body and "chưa nhập vào kết quả kiểm phiếu" in body
    assert Meeting.objects.get().state == "open"
    client.post(reverse("councils:transition", args=[meeting.pk, "ket-thuc"]), {"conclusion": "Nhất trí.",
                                                                                 "confirm": "1"})
    assert Meeting.objects.get().state == "closed"
    bk.refresh_from_db()
    assert bk.agree == 2
    closed = client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    assert "0 phiếu trực tuyến, 2 phiếu giấy, 0 ý kiến bằng văn bản, 0 phiếu không hợp lệ" in closed
    document = docx.Document(io.BytesIO(client.get(reverse("councils:minutes", args=[meeting.pk])).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ban kiểm phiếu gồm:" in text
    assert "Phạm Thị Tư, Chủ tịch Ủy ban MTTQ tỉnh — Trưởng ban kiểm phiếu" in text
    assert "Lý Văn Bảy: 0 phiếu trực tuyến, 2 phiếu giấy, 0 ý kiến bằng văn bản, 0 phiếu không hợp lệ" in text


def test_a_partial_ballot_is_warned_before_it_is_sent(client, meeting, secretariat):
    _cstd, bk = _open(meeting, secretariat)
    login(client, get_user_model().objects.get(username="gd_syt"))
    first = client.post(reverse("councils:ballot", args=[meeting.pk]), {f"vote-{bk.pk}": "agree"})
    body = first.content.decode()
    assert first.status_code == 200 and "Bạn chưa chọn cho 1 trường hợp" in body and "Đinh Thị Sáu" in body
    assert "Vẫn gửi phiếu, để trống các trường hợp chưa chọn" in body and "checked" in body
    assert not Ballot.objects.exists()
    sent = client.post(reverse("councils:ballot", args=[meeting.pk]), {f"vote-{bk.pk}": "agree", "partial": "1"})
    assert sent.status_code == 302 and Ballot.objects.count() == 1


def test_the_lower_form_and_the_regulation_are_set_on_their_pages(client, meeting, secretariat, council):
    login(client, secretariat)
    page = client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    # The province decides nothing below its Bằng khen for a person: the page says so.
    assert "không quyết định hình thức nào thấp hơn «Bằng khen" in page
    _cstd, bk = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    refused = client.post(reverse("councils:lower", args=[meeting.pk]), {f"lower-{bk.pk}": "GK"}, follow=True)
    assert "không thuộc các hình thức cơ quan này được quyết định" in refused.content.decode()
    response = client.post(reverse("councils:detail", args=[council.pk]), {
        "form": "regulation", "qc-regulation_number": "15/QĐ-HĐTĐKT", "qc-regulation_date": "01/03/2025",
        "qc-vote_basis": "present", "qc-vote_share": "60", "qc-count_written": "no", "qc-version": council.version})
    assert response.status_code == 302
    assert "Quy chế hoạt động: số 15/QĐ-HĐTĐKT, ngày 01/03/2025" in client.get(
        reverse("councils:detail", args=[council.pk])).content.decode()
    bad = client.post(reverse("councils:detail", args=[council.pk]), {
        "form": "regulation", "qc-regulation_number": "", "qc-vote_share": "60"})
    assert "Nhập số và ngày ban hành quy chế" in bad.content.decode()
    assert Council.objects.get().vote_share == Decimal("0.6")


def test_the_new_pages_refuse_out_of_scope(client, meeting, secretariat, council, officer_b):
    _open(meeting, secretariat)
    login(client, officer_b)
    for url in (reverse("councils:lower", args=[meeting.pk]), reverse("councils:paper", args=[meeting.pk])):
        assert client.post(url).status_code == 404, url
    assert client.post(reverse("councils:detail", args=[council.pk]), {"form": "regulation"}).status_code == 404
    client.logout()
    # A member reads the meeting but neither counts the paper ballots nor closes it.
    login(client, get_user_model().objects.get(username="chutich"))
    assert "Kiểm phiếu giấy" not in client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    assert client.post(reverse("councils:paper", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("councils:lower", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("councils:transition", args=[meeting.pk, "ket-thuc"])).status_code == 403
    assert client.post(reverse("councils:detail", args=[council.pk]), {"form": "regulation"}).status_code == 403
    assert Meeting.objects.get().state == "open"
