"""Certificates as PDF: the text with its diacritics, one page per award, the QR code, the
verification token, the layouts found up the tree, and the printer's offset."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import segno
from PIL import Image

from tests.printing.conftest import PUBLIC, give, pdf_pages, pdf_text
from thidua.awards import services as award_services
from thidua.core.errors import ApplicationError
from thidua.printing import certificates, layouts, services
from thidua.printing.layouts import Layout
from thidua.printing.models import AwardVerification, PrinterProfile

MM = 72 / 25.4


def _layout_fields(layout: Layout) -> list[dict]:
    return [f.as_json() for f in layout.fields]


def text_at(content: bytes, needle: str, page: int = 0) -> tuple[float, float]:
    """Where (x, baseline y from the top, in mm) the PDF draws the line holding NEEDLE."""
    reader_page = pdf_pages(content)[page]
    height = float(reader_page.mediabox.height)
    hits = []

    def visit(text, cm, tm, _font, _size):
        if needle in text:
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            hits.append((x / MM, (height - y) / MM))

    reader_page.extract_text(visitor_text=visit)
    assert hits, f"{needle!r} not drawn"
    return hits[0]


def qr_matrix(content: bytes, page: int = 0) -> list[list[bool]]:
    """The QR image of a page, one pixel per module, as rows of dark (True) modules."""
    images = pdf_pages(content)[page].images
    assert len(images) == 1
    image = Image.open(io.BytesIO(images[0].data)).convert("L")
    return [[image.getpixel((x, y)) < 128 for x in range(image.width)] for y in range(image.height)]


def test_the_certificate_carries_the_name_exactly_and_the_decision(award_a):
    content = certificates.certificate_pdf([award_a])
    pages = pdf_pages(content)
    assert len(pages) == 1
    assert (round(float(pages[0].mediabox.width) / MM), round(float(pages[0].mediabox.height) / MM)) == (400, 300)
    text = pdf_text(content)
    assert "Ông Nguyễn Văn Phóng" in text
    assert "Phòng Công chức, viên chức, Sở Nội vụ" in text
    assert "Quyết định số 125/QĐ-UBND" in text and "ngày 02/07/2026" in text
    assert "Thử Nghiệm, ngày 02 tháng 7 năm 2026" in text  # the province's place name, from its root unit
    assert "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025" in text


def test_the_qr_code_encodes_the_public_verification_url(award_a):
    content = certificates.certificate_pdf([award_a])
    token = AwardVerification.objects.get(award=award_a).token
    url = f"{PUBLIC}/xac-minh/{token}/"
    expected = [[bool(m) for m in row] for row in segno.make(url, error="m").matrix]
    assert qr_matrix(content) == expected
    assert len(token) >= 22  # 128 random bits


def test_one_page_per_award_in_order_and_one_token_each(award_a, award_b, secretariat, tree):
    collective = give(secretariat, unit=tree["a1"], kind="GK", number="31/QĐ-SNV", issuer="Giám đốc Sở Nội vụ")
    content = certificates.certificate_pdf([award_b, collective, award_a])
    pages = pdf_pages(content)
    assert len(pages) == 3
    assert "Bà Nguyễn Thị Phong" in pages[0].extract_text()
    second = pages[1].extract_text()
    assert "Phòng Công chức, viên chức" in second and "Sở Nội vụ" in second and "31/QĐ-SNV" in second
    assert round(float(pages[1].mediabox.width) / MM) == 297  # a Giấy khen blank
    assert "Ông Nguyễn Văn Phóng" in pages[2].extract_text()
    tokens = set(AwardVerification.objects.values_list("token", flat=True))
    assert len(tokens) == 3
    certificates.certificate_pdf([award_a])
    assert set(AwardVerification.objects.values_list("token", flat=True)) == tokens  # printed again: same token


def test_a_title_prints_its_name_on_a_certificate(secretariat, person_a):
    award = give(secretariat, person=person_a, kind="CSTDCS", number="40/QĐ-SNV", issuer="Giám đốc Sở Nội vụ")
    text = pdf_text(certificates.certificate_pdf([award]))
    assert "Chiến sĩ thi đua cơ sở" in text and "Đã đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2025" in text


def test_revoked_awards_and_kinds_without_certificate_are_refused(secretariat, person_a, award_a, revocation):
    ldtt = give(secretariat, person=person_a, kind="LDTT", number="41/QĐ-SNV")
    with pytest.raises(ApplicationError) as caught:
        certificates.certificate_pdf([ldtt])
    assert caught.value.message == certificates.NO_CERTIFICATE % "Lao động tiên tiến"
    award_services.award_revoke(actor=secretariat, award=award_a, document=revocation, reason="Kê khai sai")
    with pytest.raises(ApplicationError) as caught:
        certificates.certificate_pdf([award_a])
    assert str(certificates.REVOKED).split("«")[0] in caught.value.message
    with pytest.raises(ApplicationError):
        certificates.certificate_pdf([])
    assert not AwardVerification.objects.exists()


def test_a_layout_saved_at_the_province_serves_the_whole_tree(secretariat, tree, award_a):
    default = layouts.effective_layout("BK_TINH", tree["a1"])
    assert default.source == "default"
    fields = _layout_fields(default)
    for f in fields:
        if f["key"] == "recipient_name":
            f.update(x=30, y=100, width=340, size=28, font="dejavu_serif")
    services.layout_save(actor=secretariat, unit=tree["root"], kind="BK_TINH", name="Phôi Bằng khen 2026",
                         page_width=400, page_height=300, fields=fields, place="Thử Nghiệm",
                         signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", signer_name="Trần Quốc Hùng")
    used = layouts.effective_layout("BK_TINH", tree["a1"])
    assert (used.source, used.owner, used.name) == ("inherited", tree["root"], "Phôi Bằng khen 2026")
    content = certificates.certificate_pdf([award_a])
    text = pdf_text(content)
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in text and "Trần Quốc Hùng" in text
    x, y = text_at(content, "Nguyễn Văn Phóng")
    assert 30 < x < 370 and 100 < y < 115  # centred in its box, baseline one line below its top
    html = certificates.sheets_html(certificates.award_sheets([award_a]))
    assert "font-family:'DejaVu Serif', serif" in html and "font-size:28pt" in html


def test_the_printer_offset_moves_every_field(secretariat, tree, award_a):
    printer = PrinterProfile.objects.create(unit=tree["root"], name="Canon phòng TĐKT", offset_x=Decimal("5"),
                                            offset_y=Decimal("-2"))
    plain = certificates.certificate_pdf([award_a])
    shifted = certificates.certificate_pdf([award_a], printer=printer)
    (x0, y0), (x1, y1) = text_at(plain, "Quyết định số"), text_at(shifted, "Quyết định số")
    assert x0 == pytest.approx(50, abs=0.3)  # the default layout's decision field is left-aligned at x = 50 mm
    assert (x1 - x0, y1 - y0) == (pytest.approx(5, abs=0.05), pytest.approx(-2, abs=0.05))


def test_user_text_cannot_inject_markup(secretariat, person_a):
    award = give(secretariat, person=person_a, kind="GK", number="42/QĐ-SNV",
                 achievement='<img src="file:///etc/passwd"> & <b>đậm</b>')
    html = certificates.sheets_html(certificates.award_sheets([award]))
    assert '<img src="file:///etc/passwd">' not in html and "&lt;b&gt;đậm&lt;/b&gt;" in html
    assert '<img src="file:///etc/passwd"> & <b>đậm</b>' in pdf_text(certificates.certificate_pdf([award]))


def test_the_calibration_sheet_shows_grid_fields_and_offset(tree):
    layout = layouts.effective_layout("GK", tree["a"])
    printer = PrinterProfile(unit=tree["a"], name="HP 1020", offset_x=Decimal("-3.5"), offset_y=Decimal("4"))
    html = certificates.calibration_html(layout, award_name="Giấy khen", printer=printer)
    assert 'data-offset="-3.5,4"' in html and "left:-3.5mm;top:4mm" in html
    assert html.count('class="box"') == sum(1 for f in layout.fields if f.enabled)
    content = certificates.calibration_pdf(layout, award_name="Giấy khen", printer=printer)
    text = pdf_text(content)
    assert "Tên cá nhân, tập thể (x=30.0, y=82.0)" in text and "Ông Nguyễn Văn Phóng" in text
    assert "máy in: HP 1020 (lệch ngang -3.5 mm, dọc 4 mm)" in text
    plain = certificates.calibration_pdf(layout, award_name="Giấy khen")
    (x0, y0), (x1, y1) = text_at(plain, "Quyết định số"), text_at(content, "Quyết định số")
    assert (x1 - x0, y1 - y0) == (pytest.approx(-3.5, abs=0.05), pytest.approx(4, abs=0.05))


def test_unit_text_names_the_unit_and_its_parent_but_not_the_province(tree, person_a):
    parents = certificates.parents_of([tree["a1"], tree["a"]])
    assert certificates.unit_text(tree["a1"], parents) == "Phòng Công chức, viên chức, Sở Nội vụ"
    assert certificates.unit_text(tree["a"], parents) == "Sở Nội vụ"


def test_households_are_named_as_families(secretariat, person_b):
    award = give(secretariat, person=person_b, household=True, kind="GK", number="43/QĐ-SYT",
                 decided_on=dt.date(2026, 8, 1))
    assert "Gia đình bà Nguyễn Thị Phong" in pdf_text(certificates.certificate_pdf([award]))
