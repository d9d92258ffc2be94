"""The forms' PDF as WeasyPrint draws it with the renderer kept per process (its font
configuration and its own print stylesheet in place of WeasyPrint's HTML one)."""

import io
import re
from pathlib import Path

from django.urls import reverse
from pypdf import PdfReader

from tests.conftest import login
from thidua.reports import documents

TEMPLATES = Path(documents.__file__).parent / "templates" / "reports"


def _pdf(client, unit, slug):
    response = client.get(reverse("reports:form_pdf", args=[unit.pk, 2025, slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_same_pdf_twice_in_one_process_with_its_diacritics_and_fonts(client, ledger, secretariat):
    login(client, secretariat)
    first, second = _pdf(client, ledger["root"], "0602"), _pdf(client, ledger["root"], "0602")
    text = _text(first)
    assert text == _text(second)
    for words in ("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", "Bằng khen của Thủ tướng Chính phủ",
                  "Danh hiệu “Chiến sĩ thi đua toàn quốc”", "Người trực tiếp công tác",
                  "Đơn vị báo cáo: UBND tỉnh Thử Nghiệm", "Năm 2025 (số liệu từ ngày 01/12/2024 đến ngày 30/11/2025)"):
        assert words in text, words
    fonts = {str(font["/BaseFont"]).split("+", 1)[-1] for page in first.pages
             for font in page["/Resources"]["/Font"].values()}
    # The title block's number in bold, the year in italic, the rest in Liberation Serif.
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= fonts, fonts
    assert first.pages[0].mediabox.width > first.pages[0].mediabox.height  # A4 landscape


def test_the_print_stylesheet_gives_every_element_of_the_template_its_display():
    """form_pdf.css replaces WeasyPrint's HTML stylesheet: an element the template gains
    without a rule there would be laid out inline."""
    template = (TEMPLATES / "form_pdf.html").read_text(encoding="utf-8")
    stylesheet = re.sub(r"/\*.*?\*/", "", (TEMPLATES / "form_pdf.css").read_text(encoding="utf-8"), flags=re.S)
    displayed = {tag for rule in re.findall(r"([^{}]+)\{[^}]*display:", stylesheet)
                 for tag in re.findall(r"(?<![.\w-])([a-z][a-z0-9]*)\b", rule)}
    used = set(re.findall(r"<([a-z][a-z0-9]*)", template)) - {"html", "b", "br"}
    assert used <= displayed, used - displayed
