"""Each authority has its own desk (issue 12, fifth "done means"), in a real browser: a CSTĐCS
dossier of Sở Nội vụ is received by the Sở's own TĐKT desk, voted by the Sở's council,
the decision drafted by that desk and issued with the Sở's number; the provincial
secretariat reads the dossier but never finds it in its inbox nor may receive it.

The dossier is built and submitted with services, and the Sở's council set up so: that is
not the path under test. The director signs on paper; the Sở's desk records the number its
văn thư gave and the director from the Sở's leaders list."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_person, make_user
from tests.dossiers.conftest import add, complete, make_dossier, qualify
from thidua.core.roles import Role
from thidua.councils import services as council_services
from thidua.decisions.models import SignerRank
from thidua.decisions.services import signatories
from thidua.dossiers import services as dossier_services
from thidua.dossiers.models import Dossier, DossierState, ItemState

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalog_and_media")]

TITLE = "Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025"
COUNCIL = "Hội đồng Thi đua – Khen thưởng Sở Nội vụ"
NOMINEE, OTHER = "Nguyễn Văn Phóng", "Trần Thị Bích Ngọc"
MEMBERS = (("hd_giamdoc", "Hoàng Văn Cường", "Giám đốc Sở Nội vụ", "chair"),
           ("hd_phogiamdoc", "Vương Thị Hạnh", "Phó Giám đốc Sở Nội vụ", "standing_vice"),
           ("hd_congdoan", "Bùi Văn Đức", "Chủ tịch Công đoàn Sở Nội vụ", "member"))


@pytest.fixture
def desk_a(tree):
    return make_user("tdkt_a", Role.SECRETARIAT, tree["a"], "Ngô Thị Bàn")


@pytest.fixture
def submitted(tree, officer_a, head_a, person_a):
    people = [qualify(officer_a, person_a), qualify(officer_a, make_person(tree["a"], OTHER, gender="nu"))]
    dossier = make_dossier(officer_a, tree["a"], title=TITLE, number="15/TTr-SNV")
    add(officer_a, dossier, *people)
    complete(officer_a, dossier)
    return dossier_services.dossier_submit(actor=head_a, dossier=dossier)


@pytest.fixture
def director_listed(tree, desk_a):
    """The Sở's leaders list, kept by its desk: the director who signs."""
    return signatories.signatory_add(actor=desk_a, authority=tree["a"], full_name="Hoàng Văn Cường",
                                     position="Giám đốc Sở Nội vụ", rank=SignerRank.HEAD)


@pytest.fixture
def council_a(tree, desk_a):
    council = council_services.council_create(actor=desk_a, authority_unit=tree["a"], name=COUNCIL)
    for username, name, position, role in MEMBERS:
        user = make_user(username, Role.COUNCIL_MEMBER, tree["a"], name)
        council_services.member_add(actor=desk_a, council=council, full_name=name, position=position, role=role,
                                    home_unit=tree["a"], user=user)
    return council


def test_a_departments_desk_receives_votes_and_decides_its_cstdcs(open_as, tree, secretariat, desk_a, submitted,
                                                                  council_a, director_listed):
    dossier_url = f"/ho-so/{submitted.pk}/"

    # The province's secretariat: not in its inbox; it reads the dossier and is told who receives it.
    province = open_as("thuky")
    province.goto("/ho-so/?tab=tiep-nhan")
    expect(province.get_by_role("link", name=TITLE)).to_have_count(0)
    province.goto("/ho-so/?tab=tat-ca")
    province.get_by_role("link", name=TITLE).click()
    expect(province.get_by_test_id("desk")).to_have_text("Nơi tiếp nhận: Bộ phận TĐKT Sở Nội vụ")
    expect(province.get_by_role("button", name="Tiếp nhận hồ sơ")).to_have_count(0)

    # The Sở's desk receives it from its inbox, reviews it and sends it to the Sở's council.
    desk = open_as("tdkt_a")
    desk.goto("/ho-so/?tab=tiep-nhan")
    desk.get_by_role("link", name=TITLE).click()
    expect(desk.get_by_test_id("desk")).to_have_text("Nơi tiếp nhận: Bộ phận TĐKT Sở Nội vụ")
    desk.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(desk.get_by_test_id("dossier-state")).to_have_text("Đã tiếp nhận")
    desk.get_by_label(f"Chọn {NOMINEE}").check()
    desk.get_by_label(f"Chọn {OTHER}").check()
    desk.get_by_role("button", name="Nhất trí trình các trường hợp đã chọn").click()
    expect(desk.get_by_test_id("dossier-state")).to_have_text("Đang thẩm định")
    desk.get_by_role("button", name="Trình Hội đồng TĐKT").click()
    expect(desk.get_by_test_id("dossier-state")).to_have_text("Trình Hội đồng TĐKT")

    # The desk convenes the Sở's council, records who is present and opens the vote.
    desk.goto("/hoi-dong/")
    desk.get_by_role("link", name=COUNCIL).click()
    desk.get_by_label("Nội dung phiên họp").fill("Phiên họp xét danh hiệu Chiến sĩ thi đua cơ sở năm 2025")
    desk.get_by_label("Thời gian").fill(f"{dt.date.today():%d/%m/%Y} 08:00")
    desk.get_by_label("Địa điểm").fill("Phòng họp Sở Nội vụ")
    desk.get_by_label(re.compile(NOMINEE)).check()
    desk.get_by_role("button", name="Triệu tập").click()
    expect(desk.get_by_test_id("agenda").locator("tbody tr")).to_have_count(2)
    meeting_url = desk.url
    for _username, name, _position, _role in MEMBERS:
        desk.get_by_label(re.compile(name)).check()
    desk.get_by_role("button", name="Lưu điểm danh").click()
    expect(desk.get_by_text("Đã lưu điểm danh.")).to_be_visible()
    desk.get_by_role("button", name="Khai mạc, bắt đầu bỏ phiếu").click()
    expect(desk.get_by_test_id("meeting-status")).to_have_text("Đang họp, bỏ phiếu")

    # The members vote by secret ballot.
    for username, *_rest in MEMBERS:
        member = open_as(username)
        member.goto(meeting_url)
        member.get_by_role("link", name="Bỏ phiếu kín").click()
        ballot = member.get_by_test_id("ballot")
        for name in (NOMINEE, OTHER):
            ballot.get_by_role("group", name=name).get_by_label("Đồng ý", exact=True).check()
        member.get_by_role("button", name="Gửi phiếu").click()
        expect(member.get_by_text("Đã ghi nhận phiếu của bạn")).to_be_visible()

    # The desk closes the count: the dossier is voted.
    desk.goto(meeting_url)
    desk.get_by_label("Kết luận của chủ trì").fill("Nhất trí đề nghị Giám đốc Sở công nhận danh hiệu cho 02 cá nhân.")
    desk.get_by_role("button", name="Kết thúc và kiểm phiếu…").click()
    desk.get_by_role("button", name="Xác nhận kết thúc và kiểm phiếu").click()
    expect(desk.get_by_test_id("agenda").locator(f'tr:has-text("{NOMINEE}")')).to_contain_text("Nhất trí")
    desk.goto(dossier_url)
    expect(desk.get_by_test_id("dossier-state")).to_have_text("Hội đồng đã xét")

    # The province is not offered the Sở's decision; the desk drafts it.
    province.goto(dossier_url)
    expect(province.get_by_test_id("dossier-state")).to_have_text("Hội đồng đã xét")
    expect(province.get_by_test_id("draft-decision")).to_have_count(0)
    desk.get_by_test_id("draft-decision").click()
    expect(desk.locator("#id_authority + .ts-wrapper .item")).to_contain_text("Sở Nội vụ")
    desk.get_by_label("Trích yếu").fill("Về việc công nhận danh hiệu «Chiến sĩ thi đua cơ sở» năm 2025")
    desk.get_by_role("button", name="Xác nhận").click()
    desk.get_by_test_id("waiting-dossiers").get_by_role("button", name="Thêm các mục").click()
    recipients = desk.get_by_test_id("recipients")
    expect(recipients).to_contain_text(NOMINEE)
    expect(recipients).to_contain_text(OTHER)
    decision_url = desk.url

    # The director signed the paper; the Sở's desk records it as its văn thư numbered it,
    # signed by the director from the Sở's leaders list. The province is offered no issue.
    province.goto(decision_url)
    expect(province.get_by_test_id("sign")).to_have_count(0)
    desk.goto(decision_url)
    desk.get_by_test_id("sign").click()
    desk.get_by_label("Số, ký hiệu").fill("35/QĐ-SNV")
    desk.get_by_label("Ngày ban hành").fill(dt.date.today().strftime("%d/%m/%Y"))
    desk.keyboard.press("Escape")
    desk.get_by_label("Người ký").select_option(label="Hoàng Văn Cường — Giám đốc Sở Nội vụ")
    desk.get_by_label("Thẩm quyền ký").select_option(label="GIÁM ĐỐC (người đứng đầu ký)")
    desk.get_by_role("button", name="Ghi ban hành").click()
    expect(desk.get_by_test_id("decision-number")).to_have_text("35/QĐ-SNV")

    dossier = Dossier.objects.get(pk=submitted.pk)
    assert dossier.state == DossierState.DECIDED and dossier.assigned_to == desk_a
    assert set(dossier.items.values_list("state", flat=True)) == {ItemState.DECIDED}
    desk.goto(dossier_url)
    expect(desk.get_by_test_id("dossier-state")).to_have_text("Đã có quyết định khen thưởng")
    # Nowhere in the province's inbox, from the first step to the last.
    province.goto("/ho-so/?tab=tiep-nhan")
    expect(province.get_by_role("link", name=TITLE)).to_have_count(0)
