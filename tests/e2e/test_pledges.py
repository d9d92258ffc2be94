"""A bloc runs a full scoring round in the browser: a member self-scores with an evidence
file, the bloc leader reviews and ranks, and the ranking shows the flag proposal."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_unit, make_user
from tests.e2e.conftest import sign_in
from tests.pledges.conftest import build_table, entries
from thidua.core.roles import Role
from thidua.org.models import Bloc, BlocMembership
from thidua.pledges import services
from thidua.pledges.models import Proposal, Score, ScoreSheet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _self_and_review(rnd, unit, member, reviewer, points):
    sheet = ScoreSheet.objects.get(round=rnd, unit=unit)
    score = Score.objects.get(sheet=sheet, criterion__code="1.1")
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.evidence_add(actor=member, score=score, file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4"))
    services.score_self_set(actor=member, sheet=sheet, entries=entries(sheet, points), submit=True)
    services.score_review_set(actor=reviewer, sheet=sheet, entries=entries(sheet, points))


def test_a_bloc_runs_a_full_scoring_round(page, tree, secretariat, officer_a, officer_b, tmp_path):
    year = timezone.localdate().year
    root = tree["root"]
    sotc = make_unit(root, "T.C", "Sở Tài chính")
    officer_c = make_user("canbo_c", Role.UNIT_OFFICER, sotc, "Đỗ Thị Cúc")
    bloc = Bloc.objects.create(code="K01", name="Khối các cơ quan tổng hợp", organiser=root)
    for unit, role in ((tree["a"], "leader"), (tree["b"], "deputy"), (sotc, "member")):
        BlocMembership.objects.create(bloc=bloc, unit=unit, year=year, role=role)
    pledge = services.pledge_create(actor=secretariat, bloc=bloc, year=year, title=f"Giao ước thi đua năm {year}")
    build_table(secretariat, pledge)
    services.pledge_open(actor=secretariat, pledge=pledge)
    today = timezone.localdate()
    rnd = services.round_open(actor=secretariat, pledge=pledge, name=f"Chấm điểm, xếp hạng năm {year}",
                              self_score_deadline=today + dt.timedelta(days=7),
                              review_deadline=today + dt.timedelta(days=14))
    base = {"1.1": 28, "1.2": 27, "2.1": 18, "2.2": 16, "3.1": 0, "4.1": 0}
    _self_and_review(rnd, tree["a"], officer_a, officer_b, base)  # the deputy reviews the leader: 89
    _self_and_review(rnd, sotc, officer_c, officer_a, {**base, "3.1": 1})  # 90

    # Sở Y tế: from the bloc page to its pledge, signs, self-scores with evidence, sends.
    sign_in(page, "canbo_b", PASSWORD)
    page.goto(f"/don-vi/khoi/{bloc.pk}/")
    page.get_by_role("link", name=f"Giao ước, chấm điểm năm {year}").click()
    expect(page.get_by_role("heading", name=f"Giao ước thi đua năm {year}")).to_be_visible()
    expect(page.get_by_test_id("criteria-table")).to_contain_text("Hoàn thành các chỉ tiêu kế hoạch năm được giao")
    signatures = page.get_by_test_id("signatures")
    signatures.get_by_role("button", name="Ký giao ước").click()
    expect(page.get_by_text("Sở Y tế đã ký giao ước.")).to_be_visible()
    expect(signatures).to_contain_text("Phạm Thị Bình, lúc")
    page.get_by_role("link", name=f"Chấm điểm, xếp hạng năm {year}").click()
    page.get_by_role("link", name="Tự chấm điểm").click()

    for name, value in (("Hoàn thành các chỉ tiêu kế hoạch năm được giao", "30"),
                        ("Cải cách hành chính, chuyển đổi số", "29"),
                        ("Tổ chức phát động, ký kết giao ước thi đua", "20"),
                        ("Phát hiện, nhân rộng điển hình tiên tiến", "19,5"),
                        ("Được Chính phủ, bộ, ngành khen thưởng đột xuất", "2")):
        page.get_by_label(name, exact=True).fill(value)
    page.get_by_label("Giải trình tiêu chí 1.1").fill("Hoàn thành 20/20 chỉ tiêu, vượt 3 chỉ tiêu")
    evidence = tmp_path / "bao-cao-tong-ket-so-y-te.pdf"
    evidence.write_bytes(b"%PDF-1.4 bao cao tong ket")
    file_input = page.get_by_label("Tệp minh chứng tiêu chí 1.1")
    file_input.set_input_files(evidence)
    page.locator("td", has=file_input).get_by_role("button", name="Tải lên").click()
    expect(page.get_by_test_id("evidence-1.1")).to_contain_text("bao-cao-tong-ket-so-y-te.pdf")
    expect(page.get_by_label("Hoàn thành các chỉ tiêu kế hoạch năm được giao", exact=True)).to_have_value("30")
    page.get_by_role("button", name="Gửi bảng tự chấm điểm").click()
    expect(page.get_by_text("Đã gửi bảng tự chấm điểm.")).to_be_visible()
    expect(page.get_by_test_id("sheet-status")).to_contain_text("Đã gửi lúc")
    expect(page.get_by_test_id("self-total")).to_have_text("100,5")

    # The leader (Sở Nội vụ) reviews Sở Y tế's sheet and cuts one criterion, with a comment.
    page.context.clear_cookies()
    sign_in(page, "canbo_a", PASSWORD)
    page.goto(f"/giao-uoc/dot/{rnd.pk}/")
    progress = page.get_by_test_id("progress")
    expect(progress).to_contain_text("Sở Y tế")
    progress.get_by_role("link", name="Mở bảng điểm Sở Y tế").click()
    with page.expect_download() as download:
        page.get_by_test_id("evidence-1.1").get_by_role("link", name="bao-cao-tong-ket-so-y-te.pdf").click()
    assert download.value.suggested_filename == "bao-cao-tong-ket-so-y-te.pdf"
    page.get_by_label("Cải cách hành chính, chuyển đổi số", exact=True).fill("28")
    page.get_by_label("Nhận xét thẩm định tiêu chí 1.2").fill("Chưa hoàn thành chỉ tiêu số hóa hồ sơ")
    page.get_by_role("button", name="Lưu kết quả thẩm định").click()
    expect(page.get_by_text("Đã lưu kết quả thẩm định.")).to_be_visible()

    # ... then ranks the bloc and sees the proposal.
    page.get_by_role("link", name="Về đợt chấm điểm").click()
    page.get_by_role("button", name="Xếp hạng").click()
    expect(page.get_by_text("Đã xếp hạng 3 đơn vị.")).to_be_visible()
    ranking = page.get_by_test_id("ranking")
    first = ranking.locator("tbody tr").first
    expect(first).to_contain_text("Sở Y tế")
    expect(first).to_contain_text("99,5")
    expect(first).to_contain_text("Cờ thi đua cấp tỉnh")
    expect(page.get_by_text("Tổng điểm cao hơn xếp trên.")).to_be_visible()
    expect(page.get_by_test_id("proposals")).to_contain_text("Sở Y tế — Cờ thi đua cấp tỉnh")
    assert Proposal.objects.get(round=rnd, code="CO_TINH").unit == tree["b"]

    # The member sees the ranking too, with its own row marked.
    page.context.clear_cookies()
    sign_in(page, "canbo_b", PASSWORD)
    page.goto(f"/giao-uoc/dot/{rnd.pk}/ket-qua/")
    expect(page.get_by_test_id("ranking").locator("tr.table-primary")).to_contain_text("Sở Y tế")
