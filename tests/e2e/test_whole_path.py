"""The whole second half of the cycle in one browser run (issue 5, first "done means"):
the unit officer of Sở Nội vụ builds a CSTĐCS dossier from the eligibility list → the head
submits it → the secretariat returns one item → the officer corrects it → the head
resubmits and the secretariat sends the dossier to Sở Nội vụ's own council → the members
vote by secret ballot (the member working in the nominee's office recuses) → the
secretariat drafts the decision from the voted dossier, the director signs it on paper and
the secretariat records it as "01/QĐ-SNV" → the person's page shows the title and its money; the certificate PDF names
the person with diacritics, and its QR code opens the public verification page.

Only the council (its members and their accounts) is set up with services: that is not
the path under test."""

import datetime as dt
import io
import re

import pytest
import segno
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import make_person, make_user
from tests.dossiers.conftest import qualify
from tests.e2e.conftest import close_checked, watch_console
from tests.e2e.dossier_steps import fill_reports, upload_documents
from tests.money import reward_money
from thidua.catalog.templatetags.catalog import vnd
from thidua.core.roles import Role
from thidua.councils import services as council_services
from thidua.decisions.models import SignerRank
from thidua.decisions.services import signatory_add
from thidua.dossiers.models import Dossier, DossierState, ItemState

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalog_and_media")]

TITLE = "Đề nghị tặng «Chiến sĩ thi đua cơ sở» năm 2025"
NOMINEE, OTHER = "Nguyễn Văn Phóng", "Trần Thị Bích Ngọc"


@pytest.fixture
def council_a(tree, secretariat):
    """Sở Nội vụ's own council of five, all with voting accounts. The head of Phòng Công
    chức, viên chức (where the nominee works) sits on it and recuses from his item."""
    council = council_services.council_create(actor=secretariat, authority_unit=tree["a"],
                                              name="Hội đồng Thi đua – Khen thưởng Sở Nội vụ")
    rows = [("hd_chutich", "Đỗ Minh Quân", "Phó Giám đốc Sở", "chair", tree["a"]),
            ("hd_phochutich", "Vương Thị Hạnh", "Chánh Văn phòng Sở", "standing_vice", tree["a"]),
            ("hd_congdoan", "Bùi Văn Đức", "Chủ tịch Công đoàn Sở", "member", tree["a"]),
            ("hd_thuky", "Ngô Thị Thư", "Phó Chánh Văn phòng Sở", "secretary", tree["a"]),
            ("hd_truongphong", "Lê Quang Vũ", "Trưởng phòng Công chức, viên chức", "member", tree["a1"])]
    for username, name, position, role, home in rows:
        user = make_user(username, Role.COUNCIL_MEMBER, tree["a"], name)
        council_services.member_add(actor=secretariat, council=council, full_name=name, position=position,
                                    role=role, home_unit=home, user=user)
    return council


def test_from_the_eligibility_list_to_a_verified_certificate(open_as, browser, live_server, tmp_path, tree,
                                                            officer_a, head_a, secretariat, person_a, council_a):
    qualify(officer_a, person_a)
    qualify(officer_a, make_person(tree["a"], OTHER, gender="nu"))
    signed = tmp_path / "to-trinh.pdf"
    signed.write_bytes(b"%PDF-1.4 to trinh da ky")

    # 1. Cán bộ TĐKT của Sở lập hồ sơ đề nghị từ danh sách đủ điều kiện, đính kèm tờ trình,
    #    biên bản bình xét, kết quả bỏ phiếu và báo cáo thành tích của từng người.
    officer = open_as("canbo_a")
    officer.goto(f"/don-vi/{tree['a'].pk}/")
    officer.wait_for_load_state("networkidle")  # the page's htmx panels are in: nothing moves under a click
    officer.get_by_role("link", name="Danh sách đủ điều kiện").click()
    officer.get_by_label("Năm xét").fill("2025")
    officer.get_by_label("Danh hiệu / hình thức").select_option("CSTDCS")
    officer.get_by_role("button", name="Xem").click()
    expect(officer.get_by_test_id("qualified-count")).to_have_text("2")
    officer.get_by_role("link", name="Lập hồ sơ đề nghị").click()
    expect(officer.get_by_label("Trích yếu")).to_have_value(TITLE)
    officer.get_by_label("Số tờ trình").fill("15/TTr-SNV")
    officer.get_by_role("button", name="Lưu").click()
    officer.get_by_role("button", name="Chọn tất cả").click()
    officer.get_by_role("button", name="Thêm vào hồ sơ").click()
    # Addressed to the director of the Sở itself, not to a commune chairman.
    expect(officer.get_by_text("→ Sở Nội vụ · Thủ trưởng cơ quan, đơn vị; giám đốc sở, ngành")).to_be_visible()
    items = officer.get_by_test_id("items-table")
    expect(items).to_contain_text(NOMINEE)
    expect(items).to_contain_text(OTHER)
    dossier_url = officer.url
    upload_documents(officer, signed)
    fill_reports(officer, dossier_url, (NOMINEE, OTHER))

    # 2. Thủ trưởng đơn vị ký trình hồ sơ.
    head = open_as("thutruong_a")
    head.goto(dossier_url)
    head.get_by_role("button", name="Trình hồ sơ").click()
    expect(head.get_by_test_id("dossier-state")).to_have_text("Đã trình, chờ tiếp nhận")

    # 3. Thường trực tiếp nhận, thẩm định: nhất trí một trường hợp, trả lại trường hợp kia.
    sec = open_as("thuky")
    sec.goto("/ho-so/?tab=tiep-nhan")
    sec.get_by_role("link", name=TITLE).click()
    sec.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Đã tiếp nhận")
    sec.get_by_label(f"Chọn {OTHER}").check()
    sec.get_by_role("button", name="Nhất trí trình các trường hợp đã chọn").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Đang thẩm định")
    sec.get_by_role("link", name="Trả lại để bổ sung, sửa…").click()
    sec.get_by_label(f"Trả lại {NOMINEE}").check()
    returned = sec.get_by_test_id("return-item").filter(has_text=NOMINEE)
    returned.get_by_label("Báo cáo thành tích chưa rõ, thiếu số liệu cụ thể").check()
    returned.get_by_label("Báo cáo thành tích", exact=True).check()
    returned.get_by_label(f"Ý kiến về {NOMINEE}").fill("Bổ sung số liệu sáng kiến năm 2025.")
    sec.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Trả lại để bổ sung, sửa")

    # 4. Cán bộ TĐKT sửa đúng trường hợp bị trả lại; thủ trưởng trình lại.
    officer.goto(dossier_url)
    expect(officer.get_by_test_id("returned-banner")).to_be_visible()
    officer.get_by_test_id("item-row").filter(has_text=NOMINEE).get_by_role("link", name=NOMINEE).click()
    expect(officer.get_by_test_id("return-note")).to_contain_text("Bổ sung số liệu sáng kiến năm 2025.")
    officer.get_by_label("Báo cáo thành tích").fill(
        "BÁO CÁO THÀNH TÍCH\nNăm 2025: sáng kiến «Số hóa hồ sơ» được công nhận cấp cơ sở, áp dụng tại 12 đơn vị.")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer.get_by_text(f"Đã lưu «{NOMINEE}».")).to_be_visible()
    head.goto(dossier_url)
    head.get_by_role("button", name="Trình lại hồ sơ").click()
    expect(head.get_by_test_id("dossier-state")).to_have_text("Đang thẩm định")

    # 5. Thường trực thẩm định lại phần đã sửa và trình Hội đồng TĐKT của Sở.
    sec.goto(dossier_url + "?loc=da-sua")
    sec.get_by_label(f"Chọn {NOMINEE}").check()
    sec.get_by_role("button", name="Nhất trí trình các trường hợp đã chọn").click()
    sec.get_by_role("button", name="Trình Hội đồng TĐKT").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Trình Hội đồng TĐKT")

    # 6. Thường trực triệu tập phiên họp Hội đồng, điểm danh và khai mạc.
    sec.goto("/hoi-dong/")
    sec.get_by_role("link", name="Hội đồng Thi đua – Khen thưởng Sở Nội vụ").click()
    sec.get_by_label("Nội dung phiên họp").fill("Phiên họp xét danh hiệu Chiến sĩ thi đua cơ sở năm 2025")
    sec.get_by_label("Thời gian").fill(f"{dt.date.today():%d/%m/%Y} 08:00")
    sec.get_by_label("Địa điểm").fill("Phòng họp tầng 3, Sở Nội vụ")
    sec.get_by_label(re.compile(NOMINEE)).check()
    sec.get_by_label(re.compile(OTHER)).check()
    sec.get_by_role("button", name="Triệu tập").click()
    expect(sec.get_by_test_id("agenda").locator("tbody tr")).to_have_count(2)
    meeting_url = sec.url
    for member in ("Đỗ Minh Quân", "Vương Thị Hạnh", "Bùi Văn Đức", "Ngô Thị Thư", "Lê Quang Vũ"):
        sec.get_by_label(re.compile(member)).check()
    sec.get_by_role("button", name="Lưu điểm danh").click()
    expect(sec.get_by_text("Đã lưu điểm danh.")).to_be_visible()
    sec.get_by_role("button", name="Khai mạc, bắt đầu bỏ phiếu").click()
    expect(sec.get_by_test_id("meeting-status")).to_have_text("Đang họp, bỏ phiếu")
    expect(sec.get_by_test_id("agenda").locator(f'tr:has-text("{NOMINEE}")')).to_contain_text(
        "Lê Quang Vũ không bỏ phiếu")

    # 7. Các thành viên bỏ phiếu kín; Trưởng phòng Công chức, viên chức không bỏ phiếu cho
    #    người của phòng mình.
    for username in ("hd_chutich", "hd_phochutich", "hd_congdoan", "hd_thuky", "hd_truongphong"):
        member = open_as(username)
        member.goto("/hoi-dong/")
        member.get_by_role("link", name="Hội đồng Thi đua – Khen thưởng Sở Nội vụ").click()
        member.get_by_role("link", name="Phiên họp xét danh hiệu Chiến sĩ thi đua cơ sở năm 2025").click()
        member.get_by_role("link", name="Bỏ phiếu kín").click()
        ballot = member.get_by_test_id("ballot")
        if username == "hd_truongphong":
            expect(ballot.locator(f'tr:has-text("{NOMINEE}")')).to_contain_text(
                "Không bỏ phiếu: thành viên công tác tại đơn vị có trường hợp được xét")
            expect(ballot.get_by_role("group", name=NOMINEE)).to_have_count(0)
        else:
            ballot.get_by_role("group", name=NOMINEE).get_by_label("Đồng ý", exact=True).check()
        ballot.get_by_role("group", name=OTHER).get_by_label("Đồng ý", exact=True).check()
        member.get_by_role("button", name="Gửi phiếu").click()
        expect(member.get_by_text("Đã ghi nhận phiếu của bạn")).to_be_visible()

    # 8. Thường trực kết thúc phiên họp, kiểm phiếu: kết quả về hồ sơ.
    sec.goto(meeting_url)
    sec.get_by_label("Kết luận của chủ trì").fill("Nhất trí đề nghị Giám đốc Sở tặng danh hiệu cho 02 cá nhân.")
    sec.get_by_role("button", name="Kết thúc và kiểm phiếu…").click()
    sec.get_by_role("button", name="Xác nhận kết thúc và kiểm phiếu").click()
    agenda = sec.get_by_test_id("agenda")
    expect(agenda.locator(f'tr:has-text("{NOMINEE}")')).to_contain_text("Nhất trí")
    expect(agenda.locator(f'tr:has-text("{OTHER}")')).to_contain_text("Nhất trí")
    agenda.locator(f'tr:has-text("{NOMINEE}")').get_by_role("link", name="Sở Nội vụ").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Hội đồng đã xét")

    # 9. Thường trực dự thảo quyết định của Giám đốc Sở từ hồ sơ đã được Hội đồng xét.
    sec.get_by_role("link", name="Dự thảo quyết định khen thưởng").click()
    expect(sec.locator("#id_authority + .ts-wrapper .item")).to_contain_text("Sở Nội vụ")  # chosen already
    sec.get_by_label("Trích yếu").fill("Về việc tặng danh hiệu «Chiến sĩ thi đua cơ sở» năm 2025")
    sec.get_by_role("button", name="Xác nhận").click()
    sec.get_by_test_id("waiting-dossiers").get_by_role("button", name="Thêm các mục").click()
    recipients = sec.get_by_test_id("recipients")
    expect(recipients).to_contain_text(NOMINEE)
    expect(recipients).to_contain_text(OTHER)
    decision_url = sec.url

    # 10. Giám đốc Sở ký bản giấy, văn thư cấp số; Thường trực ghi ban hành: số, người ký trong
    # danh sách lãnh đạo ký của Sở; sổ khen thưởng và tiền thưởng được ghi.
    signatory_add(actor=secretariat, authority=tree["a"], full_name="Hoàng Văn Cường",
                  position="Giám đốc Sở Nội vụ", rank=SignerRank.HEAD)
    issued_on = dt.date.today()
    money = reward_money("CSTDCS", "individual", issued_on)
    sec.get_by_test_id("sign").click()
    sec.get_by_label("Số, ký hiệu").fill("01/QĐ-SNV")
    sec.get_by_label("Ngày ban hành").fill(issued_on.strftime("%d/%m/%Y"))
    sec.keyboard.press("Escape")
    sec.get_by_label("Người ký").select_option(label="Hoàng Văn Cường — Giám đốc Sở Nội vụ")
    sec.get_by_label("Thẩm quyền ký").select_option(label="GIÁM ĐỐC (người đứng đầu ký)")
    sec.get_by_role("button", name="Ghi ban hành").click()
    expect(sec.get_by_test_id("decision-number")).to_have_text("01/QĐ-SNV")
    expect(sec.get_by_test_id("total-paid")).to_have_text(vnd(money * 2))

    # 11. Trang cá nhân của người được khen: danh hiệu, số quyết định và tiền thưởng.
    head.goto(decision_url)
    head.get_by_test_id("recipients").get_by_role("link", name=NOMINEE).click()
    timeline = head.get_by_test_id("award-timeline")
    expect(timeline).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(timeline).to_contain_text("01/QĐ-SNV")
    expect(timeline).to_contain_text(vnd(money))
    dossier = Dossier.objects.get(title=TITLE)
    assert dossier.state == DossierState.DECIDED
    assert set(dossier.items.values_list("state", flat=True)) == {ItemState.DECIDED}
    officer.goto(dossier_url)  # the unit sees where its dossier ended
    expect(officer.get_by_test_id("dossier-state")).to_have_text("Đã có quyết định khen thưởng")

    # 12. Thường trực in giấy chứng nhận từ trang khen thưởng: PDF có họ tên có dấu.
    sec.goto(f"/ca-nhan/{person_a.pk}/")
    sec.wait_for_load_state("networkidle")  # the page's htmx panels are in: nothing moves under a click
    sec.get_by_test_id("award-timeline").get_by_role("link", name="Chiến sĩ thi đua cơ sở").click()
    sec.get_by_role("link", name="In bằng").click()
    expect(sec.get_by_test_id("print-subject")).to_have_text(NOMINEE)
    with sec.expect_download() as download_info:
        sec.get_by_role("button", name="Tải tệp PDF để in").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert NOMINEE in text and "01/QĐ-SNV" in text

    # 13. Mã QR trên giấy chứng nhận là địa chỉ trang xác minh; người ngoài mở được.
    sec.reload()
    verify_url = live_server.url + sec.get_by_test_id("verify-link").get_attribute("href")
    qr = Image.open(io.BytesIO(reader.pages[0].images[0].data)).convert("L")
    modules = [[qr.getpixel((x, y)) < 128 for x in range(qr.width)] for y in range(qr.height)]
    assert modules == [[bool(m) for m in row] for row in segno.make(verify_url, error="m").matrix]
    stranger = browser.new_context(locale="vi-VN")
    problems = watch_console(stranger)
    try:
        public = stranger.new_page()
        public.goto(verify_url)
        expect(public.get_by_test_id("verify-name")).to_have_text(NOMINEE)
        card = public.get_by_test_id("verification")
        expect(card).to_contain_text("Chiến sĩ thi đua cơ sở")
        expect(card).to_contain_text("01/QĐ-SNV")
        expect(public.get_by_test_id("verify-status")).to_contain_text("đang có hiệu lực")
    finally:
        close_checked((stranger, problems))
