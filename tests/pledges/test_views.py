import datetime as dt
import io
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import login
from tests.pledges.conftest import FULL, VN, YEAR, attach, review, self_score, sheet_of
from tests.xlsx_cells import NAME, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.core.xlsx import XLSX_MIME
from thidua.pledges import services
from thidua.pledges.models import (
    Criterion,
    CriterionGroup,
    Evidence,
    Pledge,
    PledgeSignature,
    Proposal,
    Score,
    ScoreSheet,
    ScoringRound,
)


@pytest.fixture
def ranked(rnd, units, officer_a, officer_b, officer_c):
    """Every member sent and reviewed; Sở Nội vụ leads; ranked, not locked."""
    self_score(officer_a, rnd, units["a"], {"1.1": 30})
    self_score(officer_b, rnd, units["b"])
    self_score(officer_c, rnd, units["c"], {"3.1": 2})
    review(officer_a, rnd, units["b"], {"1.2": 25})
    review(officer_a, rnd, units["c"])
    review(officer_b, rnd, units["a"])
    services.round_rank(actor=officer_a, round=rnd)
    return rnd


def all_urls(pledge, rnd, units):
    evidence = Evidence.objects.first()
    criterion = Criterion.objects.get(pledge=pledge, code="1.1")
    b = units["b"].pk
    return [
        ("GET", reverse("pledges:bloc_year", args=[pledge.bloc_id, YEAR])),
        ("POST", reverse("pledges:bloc_year", args=[pledge.bloc_id, YEAR])),
        ("GET", reverse("pledges:detail", args=[pledge.pk])),
        ("GET", reverse("pledges:edit", args=[pledge.pk])),
        ("GET", reverse("pledges:criteria", args=[pledge.pk])),
        ("POST", reverse("pledges:sign", args=[pledge.pk])),
        ("GET", reverse("pledges:round_create", args=[pledge.pk])),
        ("POST", reverse("pledges:transition", args=[pledge.pk, "ket-thuc"])),
        ("POST", reverse("pledges:copy", args=[pledge.pk])),
        ("GET", reverse("pledges:round", args=[rnd.pk])),
        ("GET", reverse("pledges:round_panel", args=[rnd.pk])),
        ("POST", reverse("pledges:round_rank", args=[rnd.pk])),
        ("POST", reverse("pledges:round_transition", args=[rnd.pk, "chot"])),
        ("GET", reverse("pledges:round_transition", args=[rnd.pk, "mo-lai"])),
        ("GET", reverse("pledges:ranking", args=[rnd.pk])),
        ("GET", reverse("pledges:ranking_export", args=[rnd.pk])),
        ("GET", reverse("pledges:sheet", args=[rnd.pk, b])),
        ("POST", reverse("pledges:sheet", args=[rnd.pk, b])),
        ("POST", reverse("pledges:evidence_upload", args=[rnd.pk, b, criterion.pk])),
        ("GET", reverse("pledges:evidence", args=[evidence.pk])),
        ("POST", reverse("pledges:evidence_delete", args=[evidence.pk])),
    ]


def test_it_refuses_out_of_scope(client, ranked, pledge, units, officer_d):
    """A member of another bloc gets 404 on every page of this bloc's pledge, and changes nothing."""
    login(client, officer_d)
    events = AuditEvent.objects.count()
    for method, url in all_urls(pledge, ranked, units):
        response = client.get(url) if method == "GET" else client.post(url, {"unit": units["b"].pk})
        assert response.status_code == 404, (method, url, response.status_code)
    assert AuditEvent.objects.count() == events
    assert reverse("pledges:detail", args=[pledge.pk]) not in client.get(reverse("pledges:list")).content.decode()


def test_an_officer_of_a_non_member_unit_is_refused_too(client, ranked, pledge, units):
    from tests.conftest import make_user
    from thidua.core.roles import Role

    login(client, make_user("canbo_a1", Role.UNIT_OFFICER, units["a1"], "Lý Thị Mai"))  # under the leader's unit
    for method, url in all_urls(pledge, ranked, units):
        response = client.get(url) if method == "GET" else client.post(url)
        assert response.status_code == 404, (method, url)


def test_a_member_sees_only_its_own_sheet_and_evidence(client, rnd, units, officer_b, officer_c):
    self_score(officer_b, rnd, units["b"], {"1.2": "27.5"})
    evidence = Evidence.objects.get()
    login(client, officer_c)
    assert client.get(reverse("pledges:sheet", args=[rnd.pk, units["b"].pk])).status_code == 404
    assert client.get(reverse("pledges:evidence", args=[evidence.pk])).status_code == 404
    page = client.get(reverse("pledges:round", args=[rnd.pk])).content.decode()
    assert "Sở Y tế" in page and "Đã gửi" in page and "27,5" not in page  # progress, never points
    assert client.get(reverse("pledges:sheet", args=[rnd.pk, units["c"].pk])).status_code == 200
    # members never act on the organisers' pages
    for url in (reverse("pledges:criteria", args=[rnd.pledge_id]), reverse("pledges:round_create",
                                                                          args=[rnd.pledge_id])):
        assert client.get(url).status_code == 403
    assert client.post(reverse("pledges:round_rank", args=[rnd.pk])).status_code == 403


def test_members_see_the_ranking_only_once_ranked(client, rnd, units, officer_a, officer_b, officer_c):
    url = reverse("pledges:ranking", args=[rnd.pk])
    login(client, officer_c)
    page = client.get(url).content.decode()
    assert "Khối chưa xếp hạng đợt chấm điểm này" in page and 'data-testid="ranking"' not in page
    assert client.get(reverse("pledges:ranking_export", args=[rnd.pk])).status_code == 404


def test_pledge_pages_for_the_leader(client, bloc, units, officer_a, secretariat):
    login(client, officer_a)
    url = reverse("pledges:bloc_year", args=[bloc.pk, YEAR])
    assert "Tạo giao ước" in client.get(url).content.decode()
    response = client.post(url, {"title": "Giao ước thi đua năm 2025", "content": "1. Hoàn thành chỉ tiêu."})
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and response.url == reverse("pledges:detail", args=[pledge.pk])
    criteria_url = reverse("pledges:criteria", args=[pledge.pk])
    assert client.post(criteria_url, {"form": "group", "g-code": "I", "g-name": "Nhiệm vụ chính trị"}).status_code \
        == 302
    group = CriterionGroup.objects.get()
    response = client.post(criteria_url, {"form": "criterion", "c-group": group.pk, "c-code": "1.1",
                                          "c-name": "Hoàn thành chỉ tiêu", "c-max_points": "30", "c-kind": "standard",
                                          "c-evidence_required": "on"})
    assert response.status_code == 302
    assert Criterion.objects.get().evidence_required
    response = client.post(criteria_url, {"form": "criterion", "c-group": group.pk, "c-code": "1.1",
                                          "c-name": "Trùng số", "c-max_points": "5", "c-kind": "standard"})
    assert "Số thứ tự tiêu chí «1.1» đã có trong bảng." in response.content.decode()
    client.post(reverse("pledges:transition", args=[pledge.pk, "ban-hanh"]))
    page = client.get(reverse("pledges:detail", args=[pledge.pk])).content.decode()
    assert "Đang thực hiện" in page and "Hoàn thành chỉ tiêu" in page and "Ký giao ước" in page
    client.post(reverse("pledges:sign", args=[pledge.pk]), {"unit": units["a"].pk})
    assert PledgeSignature.objects.get().signed_by == officer_a
    assert client.post(reverse("pledges:sign", args=[pledge.pk]), {"unit": units["b"].pk}).status_code == 403


def test_copy_last_year_from_the_pledge_page(client, bloc, secretariat, units):
    from tests.pledges.conftest import build_table

    old = services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR - 1, title="GƯ 2024")
    build_table(secretariat, old)
    new = services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR, title="GƯ 2025")
    login(client, secretariat)
    assert "Sao chép bảng tiêu chí năm trước" in client.get(reverse("pledges:detail", args=[new.pk])).content.decode()
    client.post(reverse("pledges:copy", args=[new.pk]))
    assert Criterion.objects.filter(pledge=new).count() == 6


def test_round_create_page(client, pledge, secretariat, units):
    login(client, secretariat)
    url = reverse("pledges:round_create", args=[pledge.pk])
    assert "Chấm điểm, xếp hạng năm 2025" in client.get(url).content.decode()
    response = client.post(url, {"name": "Chấm điểm, xếp hạng năm 2025", "kind": "tong_ket",
                                 "self_score_deadline": "10/12/2025", "review_deadline": "20/12/2025",
                                 "mode": "leader", "bk_proposals": "2"})
    rnd = ScoringRound.objects.get()
    assert response.status_code == 302 and rnd.self_score_deadline == dt.date(2025, 12, 10)
    assert ScoreSheet.objects.filter(round=rnd).count() == 3


def test_self_scoring_through_the_sheet_page(client, rnd, units, officer_b):
    login(client, officer_b)
    url = reverse("pledges:sheet", args=[rnd.pk, units["b"].pk])
    page = client.get(url).content.decode()
    assert "Gửi bảng tự chấm điểm" in page and "Bắt buộc có minh chứng" in page
    criteria = {c.code: c.pk for c in Criterion.objects.filter(pledge=rnd.pledge)}
    data = {"action": "save"}
    for code, pk in criteria.items():
        data |= {f"p_{pk}": str(FULL[code]).replace(".", ","), f"n_{pk}": "", f"v_{pk}": "0"}
    data[f"p_{criteria['1.2']}"] = "27,5"
    assert client.post(url, data).status_code == 302
    assert Score.objects.get(sheet__unit=units["b"], criterion__code="1.2").self_points == Decimal("27.5")
    data = {k: ("1" if k.startswith("v_") else v) for k, v in data.items()} | {"action": "submit"}
    response = client.post(url, data)
    assert "Tiêu chí 1.1 bắt buộc có minh chứng" in response.content.decode()
    attach(officer_b, sheet_of(rnd, units["b"]))
    assert client.post(url, data).status_code == 302
    assert ScoreSheet.objects.get(round=rnd, unit=units["b"]).submitted_at is not None


def test_a_stale_save_shows_the_message_and_keeps_the_first_value(client, rnd, units, officer_b):
    from django.test import Client

    from tests.conftest import make_user
    from thidua.core.roles import Role

    head_b = make_user("thutruong_b", Role.UNIT_HEAD, units["b"], "Ngô Thị Hạnh")
    url = reverse("pledges:sheet", args=[rnd.pk, units["b"].pk])
    pk = Criterion.objects.get(pledge=rnd.pledge, code="1.2").pk
    first, second = login(client, officer_b), login(Client(), head_b)
    assert first.get(url).status_code == second.get(url).status_code == 200  # both load version 0
    assert first.post(url, {"action": "save", f"p_{pk}": "27", f"v_{pk}": "0"}).status_code == 302
    response = second.post(url, {"action": "save", f"p_{pk}": "29", f"v_{pk}": "0"})
    assert response.status_code == 200
    assert "Điểm tiêu chí 1.2 vừa được Phạm Thị Bình sửa (lúc " in response.content.decode()
    assert Score.objects.get(sheet__unit=units["b"], criterion__code="1.2").self_points == Decimal(27)


def test_the_leader_reviews_through_the_sheet_page(client, rnd, units, officer_a, officer_b):
    self_score(officer_b, rnd, units["b"])
    login(client, officer_a)
    url = reverse("pledges:sheet", args=[rnd.pk, units["b"].pk])
    page = client.get(url).content.decode()
    assert "Lưu kết quả thẩm định" in page and "bao-cao-tong-ket.pdf" in page
    scores = {s.criterion.code: s for s in Score.objects.filter(sheet__unit=units["b"]).select_related("criterion")}
    data = {"action": "review"}
    for s in scores.values():
        data |= {f"p_{s.criterion_id}": str(s.self_points), f"n_{s.criterion_id}": "", f"v_{s.criterion_id}":
                 str(s.version)}
    data[f"p_{scores['1.2'].criterion_id}"] = "25"
    response = client.post(url, data)
    assert "cần ghi nhận xét nêu lý do" in response.content.decode()
    data[f"n_{scores['1.2'].criterion_id}"] = "Chỉ số cải cách hành chính giảm"
    assert client.post(url, data).status_code == 302
    assert Score.objects.get(pk=scores["1.2"].pk).accepted_points == Decimal(25)
    # the evidence of a sent sheet is open to its reviewer
    evidence = Evidence.objects.get()
    response = client.get(reverse("pledges:evidence", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 minh chung"
    assert 'filename="bao-cao-tong-ket.pdf"' in response["Content-Disposition"]


def _docx() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()


def test_evidence_upload_htmx_partial(client, rnd, units, officer_b):
    login(client, officer_b)
    criterion = Criterion.objects.get(pledge=rnd.pledge, code="1.1")
    url = reverse("pledges:evidence_upload", args=[rnd.pk, units["b"].pk, criterion.pk])
    response = client.post(url, {"file": SimpleUploadedFile("Báo cáo năm.pdf", b"%PDF-1.4")},
                           headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Báo cáo năm.pdf" in body and f'form="ev-{criterion.pk}"' in body
    response = client.post(url, {"file": SimpleUploadedFile("anh.exe", b"MZ")}, headers={"HX-Request": "true"})
    assert "không nhận tệp «anh.exe»" in unescape(response.content.decode())
    evidence = Evidence.objects.get()
    response = client.post(reverse("pledges:evidence_delete", args=[evidence.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Báo cáo năm.pdf" not in response.content.decode()
    assert not Evidence.objects.exists()
    # without htmx the upload redirects back to the sheet
    response = client.post(url, {"file": SimpleUploadedFile("ke-hoach.docx", _docx())})
    assert response.status_code == 302 and Evidence.objects.get().name == "ke-hoach.docx"


def test_ranking_page_shows_rules_tie_breaks_and_proposals(client, ranked, units, officer_c,
                                                            django_assert_max_num_queries):
    login(client, officer_c)
    url = reverse("pledges:ranking", args=[ranked.pk])
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert "Bằng tổng điểm: tổng điểm các tiêu chí chấm điểm" in page
    assert "Bằng tổng điểm với Sở Nội vụ (91); xếp sau vì điểm các tiêu chí chấm điểm thấp hơn (89 so với 91)." \
        in page
    assert "Cờ thi đua cấp tỉnh" in page and "Đề nghị chỉ chính thức khi kết quả được chốt." in page
    response = client.get(reverse("pledges:ranking_export", args=[ranked.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX_MIME


def test_rank_and_lock_buttons(client, ranked, units, officer_a):
    login(client, officer_a)
    assert client.post(reverse("pledges:round_rank", args=[ranked.pk])).status_code == 302
    response = client.post(reverse("pledges:round_transition", args=[ranked.pk, "chot"]), follow=True)
    assert "Đã chốt kết quả đợt chấm điểm." in response.content.decode()
    assert Proposal.objects.filter(round=ranked, round__state="locked").count() == 3


def test_reopen_page_for_the_secretariat_only(client, ranked, secretariat, officer_a, time_machine):
    login(client, officer_a)
    assert client.get(reverse("pledges:round_transition", args=[ranked.pk, "mo-lai"])).status_code == 403
    login(client, secretariat)
    response = client.post(reverse("pledges:round_transition", args=[ranked.pk, "mo-lai"]), {
        "self_score_deadline": "12/12/2025", "review_deadline": "24/12/2025", "reason": "Gia hạn theo đề nghị"})
    assert response.status_code == 302
    assert ScoringRound.objects.get(pk=ranked.pk).review_deadline == dt.date(2025, 12, 24)


def test_hot_pages_have_a_bounded_query_count(client, ranked, units, secretariat, django_assert_max_num_queries):
    """Counts measured at 9–14 queries with three members; no page may loop over members with queries."""
    login(client, secretariat)
    for name, args in (("pledges:detail", [ranked.pledge_id]), ("pledges:round", [ranked.pk]),
                       ("pledges:ranking", [ranked.pk]), ("pledges:sheet", [ranked.pk, units["b"].pk])):
        with django_assert_max_num_queries(18):
            assert client.get(reverse(name, args=args)).status_code == 200


def test_panel_page_and_cross_scoring_form(client, pledge, units, secretariat, officer_a, officer_b):
    from tests.pledges.conftest import REVIEW_DEADLINE, SELF_DEADLINE

    rnd = services.round_open(actor=secretariat, pledge=pledge, name="Chấm chéo", mode="panel",
                              self_score_deadline=SELF_DEADLINE, review_deadline=REVIEW_DEADLINE)
    login(client, secretariat)
    response = client.post(reverse("pledges:round_panel", args=[rnd.pk]), {"units": [units["a"].pk, units["b"].pk]})
    assert response.status_code == 302
    self_score(officer_b, rnd, units["b"])
    login(client, officer_a)
    url = reverse("pledges:sheet", args=[rnd.pk, units["b"].pk])
    assert "Lưu điểm chấm chéo" in client.get(url).content.decode()
    data = {"action": "panel", "reviewer": units["a"].pk}
    for c in Criterion.objects.filter(pledge=pledge):
        data |= {f"p_{c.pk}": str(FULL[c.code]), f"v_{c.pk}": "0"}
    assert client.post(url, data).status_code == 302
    assert Score.objects.get(sheet__unit=units["b"], criterion__code="1.1").accepted_points == Decimal(28)
    # Sở Y tế may not cross-score itself: it gets no form on its own sheet
    login(client, officer_b)
    assert "Lưu điểm chấm chéo" not in client.get(url).content.decode()


def test_after_the_deadline_the_unit_sees_a_notice(client, rnd, units, officer_c, time_machine):
    time_machine.move_to(dt.datetime(2025, 12, 11, 9, tzinfo=VN))
    login(client, officer_c)
    page = client.get(reverse("pledges:sheet", args=[rnd.pk, units["c"].pk])).content.decode()
    assert "Đã hết hạn tự chấm điểm (10/12/2025)" in page and "Gửi bảng tự chấm điểm" not in page


def test_a_page_left_open_past_the_deadline_explains_why_it_cannot_save(client, rnd, units, officer_c,
                                                                         time_machine):
    time_machine.move_to(dt.datetime(2025, 12, 10, 20, 0, tzinfo=VN))  # an evening's session, past midnight
    login(client, officer_c)
    url = reverse("pledges:sheet", args=[rnd.pk, units["c"].pk])
    pk = Criterion.objects.get(pledge=rnd.pledge, code="1.2").pk
    time_machine.move_to(dt.datetime(2025, 12, 11, 0, 5, tzinfo=VN))
    response = client.post(url, {"action": "save", f"p_{pk}": "20", f"v_{pk}": "0"}, follow=True)
    assert "Không lưu được: Đã hết hạn tự chấm điểm (10/12/2025)." in response.content.decode()
    assert Score.objects.get(sheet__unit=units["c"], criterion__code="1.2").self_points is None


def test_criterion_points_typed_with_a_comma(client, draft, secretariat):
    login(client, secretariat)
    url = reverse("pledges:criteria", args=[draft.pk])
    client.post(url, {"form": "group", "g-code": "I", "g-name": "Nhiệm vụ chính trị"})
    group = CriterionGroup.objects.get(pledge=draft)
    client.post(url, {"form": "criterion", "c-group": group.pk, "c-code": "1.1", "c-name": "Chỉ tiêu",
                      "c-max_points": "27,5", "c-kind": "standard"})
    criterion = Criterion.objects.get(pledge=draft)
    assert criterion.max_points == Decimal("27.5")
    assert 'value="27,5"' in client.get(f"{url}?sua={criterion.pk}").content.decode()


def test_withdraw_a_sent_sheet_from_its_page(client, rnd, units, officer_b):
    self_score(officer_b, rnd, units["b"])
    login(client, officer_b)
    url = reverse("pledges:sheet", args=[rnd.pk, units["b"].pk])
    assert "Rút bảng tự chấm để sửa" in client.get(url).content.decode()
    client.post(url, {"action": "withdraw", "reason": "Bổ sung minh chứng tiêu chí 1.2"})
    assert ScoreSheet.objects.get(round=rnd, unit=units["b"]).submitted_at is None
    assert AuditEvent.objects.get(action="score.withdraw").reason == "Bổ sung minh chứng tiêu chí 1.2"


def test_the_excel_ranking(client, ranked, officer_a):
    import io

    from openpyxl import load_workbook

    login(client, officer_a)
    response = client.get(reverse("pledges:ranking_export", args=[ranked.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Kết quả chấm điểm, xếp hạng — Khối các cơ quan tổng hợp")
    assert rows[1][:4] == ("Thứ hạng", "Đơn vị", "Nhóm I", "Nhóm II")
    assert rows[2][:2] == (1, "Sở Nội vụ") and rows[2][-3:-1] == (91, "Cờ thi đua cấp tỉnh")
    assert "xếp sau vì điểm các tiêu chí chấm điểm thấp hơn" in rows[3][-1]


def test_the_excel_ranking_writes_user_text_as_text(client, ranked, units, officer_a):
    from thidua.org.models import Unit

    Unit.objects.filter(pk=units["b"].pk).update(name=NAME)
    response = login(client, officer_a).get(reverse("pledges:ranking_export", args=[ranked.pk]))
    assert_text_cells(response.content, NAME)
