"""The year-end report (báo cáo tổng kết): a hand-made year 2025 on the shared small tree
whose figures are worked out below, on the page and in the Word draft; who may read it.

The reporting period of 2025 runs from 01/12/2024 to 30/11/2025 (docs/statistics.md).

Awards counted for the province (T), by level (catalog authority levels):
  Nhà nước  BK_TTG    Một (A, lãnh đạo sở)                        1 individual
  tỉnh      CSTD_TINH Hai (A1, direct)                            1 individual (title)
            BK_TINH   Hai (A1, direct), Một (A), A1 (collective),  2 ind., 1 coll., 1 household
                      Hai's household (A1)
  cơ sở     LDTT      Sáu (A, no group), Hai (A1, direct)          2 individuals (title)
            GK        Bảy (B, direct)                              1 individual
  total 9 = 1 collective + 1 household + 7 individuals; direct 4 of 7 = 57,1 %; 1 unclassified.
  By level: Nhà nước 0 of 1 (0 %), tỉnh 2 of 3 (66,7 %), cơ sở 2 of 3 (66,7 %).
  Biểu 0602.N total 1 (BK_TTG); 0603.N total 5 (four BK_TINH, one CSTD_TINH).
Not counted: a BK_TINH of 30/11/2024, a revoked one, a GK of 01/12/2025.
Sở Nội vụ (A) alone: Bảy's GK is out: 8 awards, direct 3 of 6 = 50 %.
"""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as WordDocument

from tests.conftest import login, make_person, make_user
from tests.printing.conftest import docx_text
from tests.reports.conftest import award
from thidua.core.errors import ApplicationError
from thidua.core.roles import Role
from thidua.decisions.models import Decision, EntryKind, FundEntry, Recipient
from thidua.exemplars.models import Congress, Exemplar, Honour
from thidua.movements.models import Movement, Review
from thidua.printing import contexts, word
from thidua.printing.models import DocTemplate
from thidua.registrations.models import Registration, RegistrationSheet
from thidua.reports import yearend

D = dt.date


def _fund(unit, number, on, entries):
    """A decision of UNIT with one fund entry a (award, kind, amount) of ENTRIES."""
    decision = Decision.objects.create(authority=unit, authority_name=unit.name, unit=unit, symbol="QĐ-UBND",
                                       year=on.year, number=number, issued_on=on)
    for a, kind, amount in entries:
        line = Recipient.objects.create(decision=decision, subject_kind=a.subject_kind, person=a.person, unit=a.unit,
                                        kind=a.kind, year=a.year)
        FundEntry.objects.create(unit=unit, year=on.year, kind=kind, decision=decision, recipient=line, award=a,
                                 amount=amount)


@pytest.fixture
def year(tree):
    root, a, a1, b = tree["root"], tree["a"], tree["a1"], tree["b"]
    hai = make_person(a1, "Trần Thị Hai", position_group="truc_tiep")
    mot = make_person(a, "Nguyễn Văn Một", position_group="lanh_dao_so")
    sau = make_person(a, "Vũ Văn Sáu")
    bay = make_person(b, "Đỗ Thị Bảy", position_group="truc_tiep")
    bk_hai = award("BK_TINH", person=hai, held=a1, on=D(2025, 3, 10), group="truc_tiep")
    bk_mot = award("BK_TINH", person=mot, held=a, on=D(2025, 6, 1), group="lanh_dao_so")
    award("CSTD_TINH", person=hai, held=a1, on=D(2025, 11, 30), title=True, group="truc_tiep")
    award("BK_TINH", unit=a1, held=a1, on=D(2025, 4, 4))
    award("BK_TINH", person=hai, held=a1, on=D(2025, 7, 7), household=True)
    award("LDTT", person=sau, held=a, on=D(2025, 11, 28), title=True)
    ldtt_hai = award("LDTT", person=hai, held=a1, on=D(2024, 12, 1), title=True, group="truc_tiep", year=2025)
    gk_bay = award("GK", person=bay, held=b, on=D(2025, 5, 5), group="truc_tiep")
    award("BK_TTG", person=mot, held=a, on=D(2025, 9, 2), group="lanh_dao_so")
    old = award("BK_TINH", person=mot, held=a, on=D(2024, 11, 30))
    award("BK_TINH", person=sau, held=a, on=D(2025, 10, 10), revoked=True)
    award("GK", person=sau, held=a, on=D(2025, 12, 1))
    # Movements: the province's yearly one (no dates: its year), Sở Nội vụ's thematic one
    # with a sơ kết, Sở Y tế's campaign; the province's of 2024 is not counted.
    Movement.objects.create(organiser=root, name="Phong trào thi đua yêu nước năm 2025", kind="thuong_xuyen",
                            year=2025)
    digital = Movement.objects.create(organiser=a, name="Thi đua chuyển đổi số", kind="chuyen_de", year=2025,
                                      starts_on=D(2025, 3, 1), ends_on=D(2025, 12, 31))
    Review.objects.create(movement=digital, kind="so_ket", held_on=D(2025, 7, 1), figures={
        "participants": 3, "registered": {"LDTT": 4}, "titles": {}, "awards": {"BK_TINH": 1}})
    Movement.objects.create(organiser=b, name="Đợt thi đua 100 ngày", kind="dot", year=2025,
                            starts_on=D(2025, 5, 1), ends_on=D(2025, 8, 8))
    Movement.objects.create(organiser=root, name="Phong trào thi đua năm 2024", kind="thuong_xuyen", year=2024)
    # Registrations of 2025: LĐTT of Hai and Sáu (no sheet: counted) and of Bảy on a draft
    # sheet (not yet counted); TTLĐTT of A1; one of 2024.
    draft = RegistrationSheet.objects.create(unit=b, year=2025)
    Registration.objects.create(person=hai, unit=a1, year=2025, code="LDTT")
    Registration.objects.create(person=sau, unit=a, year=2025, code="LDTT")
    Registration.objects.create(person=bay, unit=b, year=2025, code="LDTT", sheet=draft)
    Registration.objects.create(unit=a1, year=2025, code="TTLDTT")
    Registration.objects.create(person=mot, unit=a, year=2024, code="LDTT")
    # Exemplars of 2025: Hai (approved, published, honoured at the province's conference),
    # A1 (nominated), Bảy (approved).
    common = {"field": "hanh_chinh", "year": 2025, "source": "award"}
    e_hai = Exemplar.objects.create(subject_kind="individual", person=hai, unit=a1, name="Trần Thị Hai",
                                    state="approved", published_at=dt.datetime(2025, 11, 1, tzinfo=dt.UTC),
                                    source_award=bk_hai, **common)
    Exemplar.objects.create(subject_kind="collective", collective=a1, unit=a1, name="Phòng Công chức, viên chức",
                            source_award=bk_hai, **common)
    Exemplar.objects.create(subject_kind="individual", person=bay, unit=b, name="Đỗ Thị Bảy", state="approved",
                            source_award=gk_bay, **common)
    congress = Congress.objects.create(kind="hoi_nghi", unit=root, name="Hội nghị điển hình tiên tiến tỉnh năm 2025",
                                       held_on=D(2025, 11, 20))
    Honour.objects.create(congress=congress, exemplar=e_hai)
    # The fund: the province paid 3.040.000 đ under one decision and recovered 1.520.000 đ
    # under another; Sở Nội vụ paid 380.000 đ; a payment of 2024 is another budget year.
    _fund(root, 10, D(2025, 6, 10), [(bk_hai, EntryKind.PAYMENT, 1_520_000), (bk_mot, EntryKind.PAYMENT, 1_520_000)])
    _fund(root, 11, D(2025, 8, 1), [(bk_mot, EntryKind.RECOVERY, 1_520_000)])
    _fund(a, 12, D(2025, 12, 5), [(ldtt_hai, EntryKind.PAYMENT, 380_000)])
    _fund(root, 13, D(2024, 12, 20), [(old, EntryKind.PAYMENT, 500_000)])
    # Receipts of 2025: the province's 100 million from the budget (5 million contributed,
    # recorded wrongly and reversed, count for nothing), Sở Nội vụ's 2 million; 2024's are
    # another budget year.
    _income(root, D(2025, 2, 1), 100_000_000)
    wrong = _income(root, D(2025, 3, 1), 5_000_000, source="contribution")
    FundEntry.objects.create(unit=root, year=2025, kind=EntryKind.INCOME_REVERSAL, amount=5_000_000,
                             source="contribution", received_on=D(2025, 3, 2), reverses=wrong, note="Ghi nhầm")
    _income(a, D(2025, 4, 1), 2_000_000, source="other")
    _income(root, D(2024, 2, 1), 9_000_000)
    return tree


def _income(unit, on, amount, source="budget"):
    return FundEntry.objects.create(unit=unit, year=on.year, kind=EntryKind.INCOME, amount=amount, source=source,
                                    received_on=on, reference="Giao dự toán")


def _page(client, user, unit, y=2025):
    login(client, user)
    return client.get(reverse("reports:yearend"), {"don-vi": unit.pk, "nam": y})


def _docx(client, unit, y=2025):
    response = client.get(reverse("reports:yearend_docx", args=[unit.pk, y]))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == word.DOCX
    return response


def test_the_figures_of_the_province(year, secretariat):
    r = yearend.report(secretariat, year["root"], 2025)
    assert (r.awards_total, r.subject_total("collective"), r.subject_total("household"), r.individuals) == (9, 1, 1, 7)
    assert (r.direct, r.unclassified, r.share) == (4, 1, "57,1 %")
    by_level = {lv.key: (lv.total, lv.individuals, lv.direct, lv.share) for lv in r.levels}
    assert by_level == {"nha_nuoc": (1, 1, 0, "0 %"), "tinh": (5, 3, 2, "66,7 %"), "co_so": (3, 3, 2, "66,7 %")}
    tinh = next(lv for lv in r.levels if lv.key == "tinh")
    # Titles first, then forms: CSTĐ cấp tỉnh, then Bằng khen by subject.
    assert [(ln.code, ln.counts) for ln in tinh.lines] == [
        ("CSTD_TINH", {"collective": 0, "household": 0, "individual": 1}),
        ("BK_TINH", {"collective": 1, "household": 1, "individual": 2})]
    assert (r.state_total, r.province_total) == (1, 5)
    assert r.movements_total == 3
    assert [(row.code, counts) for row, counts in r.movement_rows()] == [
        ("12", [("total", 0, 1), ("province", 2, 1), ("unit", 3, 0)]),
        ("11", [("total", 0, 2), ("province", 2, 0), ("unit", 3, 2)])]
    digital = next(m for m in r.movement_lines if m.movement.name == "Thi đua chuyển đổi số")
    assert digital.reviews == "Sơ kết ngày 01/07/2025: 3 đơn vị tham gia, 4 lượt đăng ký, 1 lượt khen thưởng"
    assert [(x.code, x.collective, x.registered, x.approved) for x in r.registrations] == [
        ("LDTT", False, 3, 2), ("TTLDTT", True, 1, 1)]
    ex = r.exemplars
    assert (ex.total, ex.approved, ex.published, ex.honoured) == (3, 2, 1, 1)
    assert [(c.name, n) for c, n in ex.congresses] == [("Hội nghị điển hình tiên tiến tỉnh năm 2025", 1)]
    fund = r.fund
    assert fund.shown and (fund.paid, fund.recovered, fund.net, fund.decisions) == (3_420_000, 1_520_000, 1_900_000, 3)
    assert (fund.income, fund.difference) == (102_000_000, 100_100_000)
    assert [(x.unit.code, x.income, x.paid, x.recovered, x.difference) for x in fund.lines] == [
        ("T", 100_000_000, 3_040_000, 1_520_000, 98_480_000), ("T.A", 2_000_000, 380_000, 0, 1_620_000)]


def test_a_department_counts_its_subtree(year, officer_a, head_a):
    r = yearend.report(officer_a, year["a"], 2025)
    assert (r.awards_total, r.individuals, r.direct, r.share) == (8, 6, 3, "50 %")
    assert r.movements_total == 1 and r.state_total == 1 and r.province_total == 5
    assert [(x.code, x.registered, x.approved) for x in r.registrations] == [("LDTT", 2, 2), ("TTLDTT", 1, 1)]
    assert (r.exemplars.total, r.exemplars.honoured) == (2, 1)
    # A unit officer keeps no fund; the head, who signs for Sở Nội vụ, reads its own.
    assert not r.fund.shown
    fund = yearend.fund_figures(head_a, year["a"], 2025)
    assert fund.shown and (fund.income, fund.paid, fund.decisions) == (2_000_000, 380_000, 1)


def test_the_word_draft_carries_the_figures_and_leaves_the_prose(client, year, secretariat):
    _page(client, secretariat, year["root"])
    response = _docx(client, year["root"])
    assert "bao-cao-tong-ket-T-2025.docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    lines = text.splitlines()
    assert "BÁO CÁO" in lines and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Tổng kết công tác thi đua, khen thưởng năm 2025 và phương hướng, nhiệm vụ năm 2026" in text
    assert "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in text and "Số:       /BC-UBND" in text
    assert "Trong năm đã phát động 3 phong trào thi đua:" in text
    assert "- Thi đua chuyển đổi số (Chuyên đề; Sở Nội vụ phát động ngày 01/03/2025). Sơ kết ngày 01/07/2025: " \
           "3 đơn vị tham gia, 4 lượt đăng ký, 1 lượt khen thưởng;" in lines
    assert "Có 4 lượt đăng ký danh hiệu thi đua, trong đó 3 lượt trên bản đăng ký đã được duyệt." in text
    assert "đã khen thưởng 9 lượt tập thể, hộ gia đình và cá nhân (1 lượt tập thể, 1 lượt hộ gia đình, 7 lượt cá " \
           "nhân); trong đó khen thưởng cấp Nhà nước 1 lượt, khen thưởng cấp bộ, cấp tỉnh 5 lượt" in text
    assert "Trong 7 lượt cá nhân được khen thưởng có 4 lượt là người trực tiếp" in text
    assert "chiếm 57,1 %; 1 lượt chưa xác định nhóm chức vụ." in text
    assert "Năm 2025 có 3 điển hình tiên tiến được đề cử, 2 điển hình được duyệt, 1 điển hình được công bố công " \
           "khai; 1 điển hình được tuyên dương" in text
    assert "- Trần Thị Hai, Phòng Công chức, viên chức (Cải cách hành chính, công vụ; Đã duyệt, đã công bố; " \
           "tuyên dương tại Hội nghị điển hình tiên tiến tỉnh năm 2025);" in lines
    assert "Năm ngân sách 2025, quỹ thu 102.000.000 đồng (ngân sách nhà nước cấp, đóng góp của tổ chức, cá nhân và " \
           "nguồn thu hợp pháp khác); quỹ đã chi thưởng 3.420.000 đồng theo 3 quyết định, thu hồi 1.520.000 đồng; " \
           "số tiền thưởng đã chi sau thu hồi là 1.900.000 đồng; chênh lệch thu, chi trong năm 100.100.000 đồng." \
        in text
    for prose in ("[Đánh giá chung: cán bộ viết]", "[Hạn chế, nguyên nhân: cán bộ viết]",
                  "[Phương hướng, nhiệm vụ trọng tâm: cán bộ viết]", "[Kiến nghị, đề xuất: cán bộ viết]"):
        assert prose in lines
    assert "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026" in text
    # A collective named once; the People's Committee signs as a body.
    assert "- Phòng Công chức, viên chức (Cải cách hành chính, công vụ; Đề cử);" in lines
    assert "TM. ỦY BAN NHÂN DÂN" in lines and "CHỦ TỊCH" in lines
    # The tables: awards by level and kind, the share by level, the fund per unit.
    assert "Khen thưởng cấp bộ, cấp tỉnh: 5 lượt" in text
    rows = [[c.text for c in row.cells] for t in WordDocument(io.BytesIO(response.content)).tables
            for row in t.rows]
    assert ["Bằng khen cấp bộ, ban, ngành, tỉnh (Hình thức khen thưởng)", "1", "1", "2", "4"] in rows
    assert ["Khen thưởng cấp bộ, cấp tỉnh", "3", "2", "66,7 %"] in rows
    assert ["Khen thưởng cấp Nhà nước", "1", "0", "0 %"] in rows
    assert ["1", "Lao động tiên tiến", "Cá nhân", "3", "2"] in rows
    assert ["UBND tỉnh Thử Nghiệm", "100.000.000", "3.040.000", "1.520.000", "98.480.000"] in rows
    assert ["Sở Nội vụ", "2.000.000", "380.000", "0", "1.620.000"] in rows
    leftovers = [line for line in lines if "{{" in line or "{%" in line]
    assert not leftovers


def test_a_year_without_fund_entries_says_so(client, year, secretariat):
    _page(client, secretariat, year["root"], 2026)
    text = docx_text(_docx(client, year["root"], 2026).content)
    assert "Năm ngân sách 2026, quỹ không có khoản thu, chi thưởng, thu hồi nào." in text
    assert "Trong năm đã phát động 0 phong trào thi đua:" in text


def test_a_unit_officer_gets_a_draft_without_the_fund(client, year, officer_a):
    page = _page(client, officer_a, year["a"])
    assert page.status_code == 200 and 'data-testid="fund-hidden"' in page.content.decode()
    text = docx_text(_docx(client, year["a"]).content)
    assert "[Số liệu chi quỹ thi đua, khen thưởng: cán bộ ghi]" in text
    assert "SỞ NỘI VỤ" in text and "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in text and "/BC-SNV" in text
    assert "chiếm 50 %" in text


def test_the_page_shows_the_figures_each_linking_to_its_list(client, year, secretariat):
    root = year["root"]
    page = _page(client, secretariat, root)
    text = page.content.decode()
    assert page.status_code == 200
    awards_url = reverse("reports:yearend_awards", args=[root.pk, 2025])
    assert f'href="{awards_url}?ma=BK_TINH&amp;doi-tuong=individual" data-figure="BK_TINH-individual">2</a>' in text
    assert f'href="{awards_url}?cap=tinh&amp;doi-tuong=individual&amp;truc-tiep=1" data-figure="direct-tinh">2</a>' \
        in text
    assert 'data-figure="share-co_so">66,7 %' in text and "57,1 %" in text
    cell = reverse("reports:cell", args=[root.pk, 2025, "0601", "01", 0])
    assert f'href="{cell}" data-figure="movements-total">3</a>' in text
    assert reverse("reports:cell", args=[root.pk, 2025, "0603", "01", 0]) in text
    by_title = reverse("registrations:by_title", args=[root.pk])
    assert f'href="{by_title}?nam=2025&amp;ma=LDTT&amp;da-duyet=1" data-figure="approved-LDTT">2</a>' in text
    assert f'{reverse("exemplars:register")}?nam=2025&amp;don-vi={root.pk}&amp;trang-thai=published' in text
    assert reverse("decisions:fund_year", args=[year["a"].pk, 2025]) in text
    assert 'data-figure="fund-net">1.900.000' in text
    assert 'data-figure="fund-income">102.000.000 đ' in text and 'data-figure="fund-difference">100.100.000 đ' in text
    assert reverse("reports:yearend_docx", args=[root.pk, 2025]) in text
    # A figure's list: the people working directly rewarded at the province level.
    listed = client.get(awards_url, {"cap": "tinh", "doi-tuong": "individual", "truc-tiep": "1"})
    assert listed.status_code == 200 and listed.context["page_obj"].paginator.count == 2
    names = {a.person.full_name for a in listed.context["page_obj"]}
    assert names == {"Trần Thị Hai"}
    assert client.get(awards_url, {"ma": "GK"}).context["page_obj"].paginator.count == 1
    assert client.get(awards_url, {"cap": "co_so"}).context["page_obj"].paginator.count == 3
    assert client.get(awards_url).context["page_obj"].paginator.count == 9
    assert client.get(awards_url, {"cap": "vu_tru"}).status_code == 404


def _urls(unit):
    return [f"{reverse('reports:yearend')}?don-vi={unit.pk}&nam=2025",
            reverse("reports:yearend_docx", args=[unit.pk, 2025]),
            reverse("reports:yearend_awards", args=[unit.pk, 2025])]


def test_it_refuses_out_of_scope(client, year, officer_b):
    login(client, officer_b)
    for unit in (year["a"], year["root"]):
        for url in _urls(unit):
            assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_sign_in(client, year):
    for url in _urls(year["root"]):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_a_user_without_award_rights_is_refused(client, year):
    council_member = make_user("hoidong", Role.COUNCIL_MEMBER, year["root"], "Đỗ Văn Hội")
    login(client, council_member)
    for url in _urls(year["root"]):
        assert client.get(url).status_code == 403, url


def test_the_menu_leads_to_the_report(client, year, officer_a):
    link = f'href="{reverse("reports:yearend")}">Báo cáo tổng kết năm</a>'
    assert link in login(client, officer_a).get(reverse("home:dashboard")).content.decode()


def test_the_shipped_template_and_an_upload_are_validated_with_the_sample(db):
    assert "bao_cao" in contexts.KINDS
    assert word.validate_template(word.default_bytes("bao_cao"), "bao_cao")
    # A template naming a key the report does not have is refused, naming it.
    broken = _replace_in_docx(word.default_bytes("bao_cao"), "{{ movements_total }}", "{{ movements_count }}")
    with pytest.raises(ApplicationError, match="movements_count"):
        word.validate_template(broken, "bao_cao", filename="bao-cao.docx")


def test_an_authority_uploads_its_own_report_template(client, year, secretariat):
    """The upload page checks a report template with the kind's sample: a field the report
    does not have is refused, naming it, and nothing is stored; a good one is stored and the
    province's draft is then made from it."""
    login(client, secretariat)
    root = year["root"]
    url = reverse("printing:template_upload", args=["bao_cao"]) + f"?don-vi={root.pk}"
    assert "Báo cáo tổng kết công tác thi đua, khen thưởng" in client.get(url).content.decode()
    shipped = word.default_bytes("bao_cao")
    broken = _replace_in_docx(shipped, "{{ awards_total }}", "{{ tong_khen_thuong }}")
    response = client.post(url, {"file": SimpleUploadedFile("bc.docx", broken), "note": ""})
    assert response.status_code == 200
    assert "trường trộn «tong_khen_thuong» không có trong dữ liệu của «Báo cáo tổng kết công tác thi đua, khen " \
           "thưởng»" in response.content.decode()
    assert not DocTemplate.objects.exists()
    own = _replace_in_docx(shipped, "[Đánh giá chung: cán bộ viết]", "[Đánh giá chung của tỉnh: cán bộ viết]")
    response = client.post(url, {"file": SimpleUploadedFile("bc.docx", own), "note": ""})
    assert response.status_code == 302
    assert DocTemplate.objects.get().kind == "bao_cao"
    text = docx_text(_docx(client, root).content)
    assert "[Đánh giá chung của tỉnh: cán bộ viết]" in text and "[Đánh giá chung: cán bộ viết]" not in text
    assert "Trong 7 lượt cá nhân được khen thưởng có 4 lượt" in text


def _replace_in_docx(data: bytes, old: str, new: str) -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in content
                content = content.replace(old.encode(), new.encode())
            dst.writestr(item, content)
    return out.getvalue()


def test_the_page_takes_a_fixed_number_of_queries(client, year, secretariat, django_assert_max_num_queries):
    url = f"{reverse('reports:yearend')}?don-vi={year['root'].pk}&nam=2025"
    _page(client, secretariat, year["root"])
    # Session, user, grants, the unit, the catalog, then a query or two a part (movements
    # and their reviews, registrations, awards grouped, the two forms, exemplars and
    # honours, the fund and its units), the menu's checks: however much the year holds.
    with django_assert_max_num_queries(23):
        assert client.get(url).status_code == 200
