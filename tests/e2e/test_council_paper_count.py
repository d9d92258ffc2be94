"""A council of seven meets as councils do: six present, two vote online, the secretariat
enters the paper count of the four others; the results follow the thresholds, the lower
form agreed becomes the dossier's line, a partial ballot is warned, closing with missing
votes asks for confirmation, and a case with no lower form at the authority offers none."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.conftest import make_person, make_unit, make_user
from thidua.core.roles import Role
from thidua.councils import services
from thidua.councils.models import AgendaItem, CouncilMember, Meeting, Outcome
from thidua.decisions import services as decisions
from thidua.dossiers.models import Dossier, DossierItem, DossierState, ItemState

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalog_and_media")]

MEMBERS = [("hd_chu", "Nguyễn Văn Chủ", "Chủ tịch UBND tỉnh", "chair"),
           ("hd_pho", "Lê Thị Phó", "Giám đốc Sở Nội vụ", "standing_vice"),
           (None, "Trần Văn Ba", "Phó Chủ tịch UBND tỉnh", "vice"),
           (None, "Phạm Thị Bốn", "Chủ tịch Ủy ban MTTQ tỉnh", "vice"),
           (None, "Hoàng Văn Năm", "Giám đốc Sở Tài chính", "member"),
           (None, "Vũ Thị Sáu", "Giám đốc Sở Y tế", "member"),
           (None, "Đỗ Văn Bảy", "Chánh Văn phòng UBND tỉnh", "secretary")]


def _meeting(tree, secretariat) -> Meeting:
    council = services.council_create(actor=secretariat, authority_unit=tree["root"],
                                      name="Hội đồng Thi đua – Khen thưởng tỉnh Thử Nghiệm")
    for username, name, position, role in MEMBERS:
        user = make_user(username, Role.COUNCIL_MEMBER, tree["root"], name) if username else None
        services.member_add(actor=secretariat, council=council, full_name=name, position=position, role=role,
                            home_unit=tree["root"], user=user)
    office = make_unit(tree["root"], "T.VP", "Văn phòng UBND tỉnh")
    tree["root"].refresh_from_db()
    person = make_person(office, "Lý Thị Mười")
    dossier = Dossier.objects.create(unit=tree["root"], title="Đề nghị khen thưởng năm 2025", authority_level="tinh",
                                     authority_unit=tree["root"], commendation_type="cong_trang", year=2025,
                                     state=DossierState.TO_COUNCIL)
    DossierItem.objects.create(dossier=dossier, subject_kind="collective", unit=office, held_unit=office,
                               subject_name=office.name, kind="CO_TINH", year=2025, period_from=2025,
                               period_to=2025, state=ItemState.ACCEPTED)
    DossierItem.objects.create(dossier=dossier, subject_kind="individual", person=person, held_unit=office,
                               subject_name=person.full_name, kind="BK_TINH", year=2025, period_from=2024,
                               period_to=2025, state=ItemState.ACCEPTED)
    return services.meeting_create(actor=secretariat, council=council, title="Phiên họp xét khen thưởng năm 2025",
                                   starts_at=dt.datetime(2026, 1, 15, 1, 0, tzinfo=dt.UTC), place="Phòng họp số 1",
                                   items=list(dossier.items.all()))


def test_a_council_of_seven_counts_online_and_paper_ballots(open_as, tree, secretariat):
    meeting = _meeting(tree, secretariat)
    flag, bk = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    url = f"/hoi-dong/phien/{meeting.pk}/"

    # Planned: the lower form is confirmed for the flag; the Bằng khen has none at the province.
    sec = open_as("thuky")
    sec.goto(url)
    expect(sec.get_by_label("Hình thức thấp hơn đưa ra biểu quyết")).to_have_value("TTLDXS")
    expect(sec.get_by_test_id("no-lower")).to_contain_text("không quyết định hình thức nào thấp hơn «Bằng khen")
    sec.get_by_role("button", name="Lưu hình thức thấp hơn").click()
    expect(sec.get_by_text("Đã lưu hình thức thấp hơn đưa ra biểu quyết.")).to_be_visible()
    # Six of seven present; two of them count the ballots.
    for _username, name, _position, _role in MEMBERS[:6]:
        sec.get_by_label(f"{name} —").check()
    tellers = {m.full_name: m.pk for m in CouncilMember.objects.filter(full_name__in=["Trần Văn Ba", "Phạm Thị Bốn"])}
    sec.locator(f"#t{tellers['Trần Văn Ba']}").select_option("head")
    sec.locator(f"#t{tellers['Phạm Thị Bốn']}").select_option("member")
    sec.get_by_role("button", name="Lưu điểm danh").click()
    expect(sec.get_by_text("Đã lưu điểm danh.")).to_be_visible()
    sec.get_by_role("button", name="Khai mạc, bắt đầu bỏ phiếu").click()
    expect(sec.get_by_test_id("meeting-status")).to_have_text("Đang họp, bỏ phiếu")

    # Two members vote online; the second leaves the Bằng khen blank and is warned first.
    chair = open_as("hd_chu")
    chair.goto(f"{url}bo-phieu/")
    chair.get_by_role("radio", name="Đồng ý", exact=True).first.check()
    chair.get_by_role("radio", name="Đồng ý", exact=True).nth(1).check()
    chair.get_by_role("button", name="Gửi phiếu").click()
    expect(chair.get_by_text("Đã ghi nhận phiếu của bạn cho 2 trường hợp.")).to_be_visible()
    vice = open_as("hd_pho")
    vice.goto(f"{url}bo-phieu/")
    # Only the flag offers the lower form: the province has none below its Bằng khen.
    expect(vice.get_by_role("radio", name="Đồng ý hình thức thấp hơn")).to_have_count(1)
    vice.get_by_role("radio", name="Đồng ý hình thức thấp hơn (Tập thể lao động xuất sắc)").check()
    vice.get_by_role("button", name="Gửi phiếu").click()
    expect(vice.get_by_test_id("partial-warning")).to_contain_text("Lý Thị Mười")
    vice.get_by_label("Vẫn gửi phiếu, để trống các trường hợp chưa chọn").check()
    vice.get_by_role("button", name="Gửi phiếu").click()
    expect(vice.get_by_text("Đã ghi nhận phiếu của bạn cho 1 trường hợp.")).to_be_visible()

    # The secretariat enters the paper totals of the four others present.
    sec.goto(url)
    count = sec.get_by_test_id("paper-count")
    expect(count.locator(f'[data-paper="{bk.item_id}"]')).not_to_contain_text("Tập thể lao động xuất sắc")
    expect(count.locator(f'input[name="paper_lower-{bk.pk}"]')).to_have_count(0)
    count.get_by_label("Đồng ý — Văn phòng UBND tỉnh", exact=True).fill("2")
    count.get_by_label("Đồng ý hình thức thấp hơn — Văn phòng UBND tỉnh").fill("2")
    count.get_by_label("Đồng ý — Lý Thị Mười", exact=True).fill("3")
    count.get_by_label("Không đồng ý — Lý Thị Mười", exact=True).fill("1")
    count.get_by_role("button", name="Lưu kết quả kiểm phiếu giấy").click()
    expect(sec.get_by_text("Đã lưu kết quả kiểm phiếu giấy.")).to_be_visible()

    # Closing lists the missing vote (the blank one) and closes only once confirmed.
    sec.get_by_label("Kết luận của chủ trì").fill("Thống nhất đề nghị.")
    sec.get_by_role("button", name="Kết thúc và kiểm phiếu…").click()
    expect(sec.get_by_test_id("missing-votes")).to_contain_text("Còn 1 phiếu")
    expect(sec.get_by_test_id("close-summary")).to_contain_text("Lý Thị Mười")
    assert Meeting.objects.get().state == "open"
    sec.get_by_role("button", name="Xác nhận kết thúc và kiểm phiếu").click()
    expect(sec.get_by_test_id("meeting-status")).to_have_text("Đã kết thúc")
    agenda = sec.get_by_test_id("agenda")
    # The flag: 3 agree + 3 for the lower form reach 80 % of seven (6) → the lower form.
    expect(agenda.locator(f'[data-item="{flag.item_id}"]')).to_contain_text("Nhất trí hình thức thấp hơn")
    # The Bằng khen: 4 agree of the 6 present is a majority.
    expect(agenda.locator(f'[data-item="{bk.item_id}"]')).to_contain_text("Nhất trí")
    flag.refresh_from_db()
    bk.refresh_from_db()
    assert (flag.agree, flag.lower, flag.outcome) == (3, 3, Outcome.APPROVED_LOWER)
    assert (bk.agree, bk.disagree, bk.outcome) == (4, 1, Outcome.APPROVED)
    item = DossierItem.objects.get(pk=flag.item_id)
    assert (item.state, item.approved_kind) == (ItemState.APPROVED, "TTLDXS")
    # The decision drafted from the dossier awards the lower form to the office.
    draft = decisions.decision_draft(actor=secretariat, authority=tree["root"],
                                     summary="Về việc khen thưởng năm 2025")
    lines = decisions.decision_add_dossier(actor=secretariat, decision=draft, dossier=item.dossier)
    assert {(line.unit_id, line.kind) for line in lines} >= {(item.unit_id, "TTLDXS")}
