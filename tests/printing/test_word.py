"""Word documents from the shipped templates: Decree 30/2020 layout, Vietnamese text."""

import datetime as dt
import io

import pytest
from docx import Document as WordDocument

from tests.printing.conftest import docx_text
from thidua.core.errors import ApplicationError
from thidua.printing import contexts, word
from thidua.printing.vnformat import date_line, money_words

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
ISSUE = {"place": "Thái Nguyên", "date": dt.date(2026, 2, 5), "archive": "VT, TĐKT"}

CASES = {
    "to_trinh": ISSUE | {
        "issuer_parent": "UBND tỉnh Thái Nguyên", "issuer": "Sở Giáo dục và Đào tạo", "number": "318/TTr-SGDĐT",
        "summary": "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "addressee": "Chủ tịch Ủy ban nhân dân tỉnh", "issuer_short": "Sở Giáo dục và Đào tạo",
        "bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
        "body": ["Năm học 2024–2025, ngành Giáo dục đã hoàn thành xuất sắc nhiệm vụ."],
        "proposals": ["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể và 03 cá nhân"],
        "closing": "Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.",
        "signer_authority": "KT. Giám đốc", "signer_title": "Phó Giám đốc", "signer_name": "Đỗ Thị Ngọc Ánh",
        "recipients_to": ["Như trên", "Ban Thi đua – Khen thưởng"],
    },
    "danh_sach": ISSUE | {
        "issuer": "Sở Giáo dục và Đào tạo", "symbol": "DS-SGDĐT",
        "subtitle": "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "attached_to": "Kèm theo Tờ trình số 318/TTr-SGDĐT ngày 05/02/2026",
        "collectives": [{"name": "Trường THPT Lương Ngọc Quyến", "position_unit": "Sở Giáo dục và Đào tạo",
                         "form": "Bằng khen", "achievement": "Hoàn thành xuất sắc nhiệm vụ năm học"}],
        "individuals": [{"name": "Bà Đỗ Thị Ngọc Ánh", "position_unit": "Giáo viên Trường THPT Chu Văn An",
                         "form": "Bằng khen", "achievement": "Giáo viên dạy giỏi cấp tỉnh"}],
        "signer_title": "Giám đốc", "signer_name": "Lường Văn Quý",
    },
    "bien_ban": ISSUE | {
        "issuer_parent": "UBND tỉnh Thái Nguyên", "issuer": "Hội đồng Thi đua – Khen thưởng", "number": "07/BB-HĐTĐKT",
        "summary": "Họp Hội đồng Thi đua – Khen thưởng tỉnh", "start": dt.datetime(2026, 2, 5, 8, 30),
        "end": dt.datetime(2026, 2, 5, 10, 0), "venue": "Hội trường tầng 3",
        "chair": {"name": "Nguyễn Huy Dũng", "title": "Chủ tịch Hội đồng"},
        "secretary": {"name": "Hà Thị Thủy", "title": "Thư ký"}, "members_total": 3,
        "present": [{"name": "Nguyễn Huy Dũng", "title": "Chủ tịch"}, {"name": "Hà Thị Thủy", "title": "Thư ký"}],
        "absent": [{"name": "Triệu Đức Lượng", "title": "Ủy viên", "reason": "ốm"}],
        "quorum": "Có mặt 2/3 thành viên.", "agenda": ["Xét Bằng khen năm 2025"],
        "ballot_note": "Phát ra 2 phiếu, thu về 2 phiếu hợp lệ.",
        "items": [{"name": "Bà Đỗ Thị Ngọc Ánh", "unit": "Trường THPT Chu Văn An", "proposed": "Bằng khen",
                   "agree": 1, "disagree": 0, "lower": 1, "lower_form": "Giấy khen", "result": "Không đủ tỷ lệ"}],
        "conclusions": ["Không đề nghị khen thưởng."],
    },
    "quyet_dinh": ISSUE | {
        "issuer": "Ủy ban nhân dân tỉnh Thái Nguyên", "number": "125/QĐ-UBND",
        "summary": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "decider": "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên", "decider_short": "Chủ tịch UBND tỉnh",
        "bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
        "proposal_basis": "Theo đề nghị của Giám đốc Sở Nội vụ",
        "award_name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "reason": "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
        "collectives": [{"name": "Trường THPT Lương Ngọc Quyến", "position_unit": "Sở Giáo dục và Đào tạo",
                         "money": 7_590_000}],
        "individuals": [{"name": "Bà Đỗ Thị Ngọc Ánh", "position_unit": "Giáo viên", "money": 3_800_000}],
        "fund_source": "Quỹ Thi đua, khen thưởng của tỉnh", "executors": "Giám đốc Sở Nội vụ",
        "signer_authority": "KT. Chủ tịch", "signer_title": "Phó Chủ tịch", "signer_name": "Nguyễn Huy Dũng",
        "recipients_to": ["Như Điều 3"],
    },
    # The year-end report: the sample's figures, dated and signed as the other cases.
    "bao_cao": contexts.SAMPLES["bao_cao"] | ISSUE,
}


@pytest.mark.parametrize("kind", contexts.KINDS)
def test_every_template_renders_in_the_state_format(db, kind):
    content = word.render_docx(kind, CASES[kind])
    text = docx_text(content)
    assert NATION in text and MOTTO in text
    assert "Thái Nguyên, ngày 05 tháng 02 năm 2026" in text  # day < 10 and month < 3 take a leading zero
    doc = WordDocument(io.BytesIO(content))
    section = doc.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert round(section.top_margin.mm) == round(section.bottom_margin.mm) == 20
    assert {round(section.page_width.mm), round(section.page_height.mm)} == {210, 297}
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
             if r.text.strip()]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}
    sizes = {r.font.size.pt for r in runs if r.font.size is not None}
    assert sizes <= {11, 12, 13, 14}
    leftovers = [line for line in text.splitlines() if "{{" in line or "{%" in line]
    assert not leftovers


def test_to_trinh_has_number_names_and_signer(db):
    text = docx_text(word.render_docx("to_trinh", CASES["to_trinh"]))
    assert "Số: 318/TTr-SGDĐT" in text and "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text and "UBND TỈNH THÁI NGUYÊN" in text
    assert "TỜ TRÌNH" in text and "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh" in text
    assert "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể và 03 cá nhân;" in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Đỗ Thị Ngọc Ánh" in text
    assert "Nơi nhận:" in text and "- Ban Thi đua – Khen thưởng;" in text and "- Lưu: VT, TĐKT." in text


def test_danh_sach_lists_collectives_then_individuals(db):
    doc = WordDocument(io.BytesIO(word.render_docx("danh_sach", CASES["danh_sach"])))
    rows = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert rows[0][:2] == ["STT", "Tên tập thể, họ và tên cá nhân"]
    assert rows[1][0] == "I. TẬP THỂ (01)" and rows[2][1] == "Trường THPT Lương Ngọc Quyến"
    assert rows[3][0] == "II. CÁ NHÂN (01)" and rows[4][:3] == ["1", "Bà Đỗ Thị Ngọc Ánh",
                                                              "Giáo viên Trường THPT Chu Văn An"]
    text = docx_text(word.render_docx("danh_sach", CASES["danh_sach"]))
    assert "Số:       /DS-SGDĐT" in text  # a list not numbered yet keeps the blank before its symbol


def test_bien_ban_carries_attendance_and_tallies(db):
    content = word.render_docx("bien_ban", CASES["bien_ban"])
    text = docx_text(content)
    assert "bắt đầu lúc 8 giờ 30 phút, ngày 05 tháng 02 năm 2026" in text
    assert "Thành phần: 2/3 thành viên Hội đồng có mặt:" in text
    assert "- Triệu Đức Lượng, Ủy viên (ốm);" in text
    doc = WordDocument(io.BytesIO(content))
    tally = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert tally[0][3:6] == ["Đồng ý", "Không đồng ý", "Đồng ý hình thức thấp hơn"]
    assert tally[1][1:] == ["Bà Đỗ Thị Ngọc Ánh, Trường THPT Chu Văn An", "Bằng khen", "1", "0", "1 (Giấy khen)",
                            "Không đủ tỷ lệ"]
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text and "Hà Thị Thủy" in text


def test_quyet_dinh_has_three_articles_and_money_in_words(db):
    content = word.render_docx("quyet_dinh", CASES["quyet_dinh"])
    text = docx_text(content)
    assert "Số: 125/QĐ-UBND" in text and "QUYẾT ĐỊNH:" in text
    assert ("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 01 cá nhân (có danh sách "
            "kèm theo)") in text
    assert "tổng số tiền thưởng là 11.390.000 đồng (Bằng chữ: Mười một triệu ba trăm chín mươi nghìn đồng)" in text
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "(Kèm theo Quyết định số 125/QĐ-UBND ngày 05/02/2026 của Chủ tịch UBND tỉnh)" in text
    doc = WordDocument(io.BytesIO(content))
    attached = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert attached[-1][-1] == "11.390.000" and ["1", "Bà Đỗ Thị Ngọc Ánh", "Giáo viên", "3.800.000"] in attached
    # Without a parent body the issuing body is the first line of the heading.
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"


def test_values_are_escaped_and_the_sandbox_holds(db):
    context = CASES["to_trinh"] | {"issuer_short": "Sở <Nội vụ> & Đào tạo"}
    assert "Sở <Nội vụ> & Đào tạo đề nghị" in docx_text(word.render_docx("to_trinh", context))


def test_unknown_kind_is_refused(db):
    with pytest.raises(ApplicationError):
        word.render_docx("cong_van", {})


def test_shipped_templates_pass_their_own_validation(db):
    for kind in contexts.KINDS:
        assert word.validate_template(word.default_bytes(kind), kind)


def test_vietnamese_numbers_and_dates():
    assert money_words(760_000) == "Bảy trăm sáu mươi nghìn đồng"
    assert money_words(2_530_000) == "Hai triệu năm trăm ba mươi nghìn đồng"
    assert money_words(20_240_000) == "Hai mươi triệu hai trăm bốn mươi nghìn đồng"
    assert money_words(1_005_000) == "Một triệu không trăm linh năm nghìn đồng"
    assert money_words(45_540_000) == "Bốn mươi lăm triệu năm trăm bốn mươi nghìn đồng"
    assert money_words(21_000) == "Hai mươi mốt nghìn đồng"
    assert money_words(1_200_000_000) == "Một tỷ hai trăm triệu đồng"
    assert date_line(dt.date(2026, 12, 1)) == "ngày 01 tháng 12 năm 2026"
    assert date_line(dt.date(2026, 1, 15)) == "ngày 15 tháng 01 năm 2026"

