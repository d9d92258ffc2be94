"""Text out of uploaded files: real .docx and PDF files built in the test (no database)."""

import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
import weasyprint

import thidua.documents.extract as extract_module
from thidua.documents.extract import BAD_DOCX, BAD_PDF, NOT_UTF8, SCANNED_PDF, ExtractError, text_of
from thidua.documents.parse import parse

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ SƠN", "Số: 05/KH-UBND"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Hà Sơn, ngày 15 tháng 01 năm 2026"]
BODY = ["KẾ HOẠCH", "Tổ chức phong trào thi đua “Dân vận khéo” năm 2026",
        "Căn cứ Chỉ thị số 39-CT/TW ngày 21/5/2004 của Ban Bí thư; Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 "
        "của Chính phủ."]


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Bản chính")
    header = document.add_table(rows=1, cols=2)
    for cell, lines in zip(header.rows[0].cells, (HEADER_LEFT, HEADER_RIGHT), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in BODY:
        document.add_paragraph(line)
    signatures = document.add_table(rows=2, cols=2)
    signatures.cell(0, 0).merge(signatures.cell(0, 1)).text = "Nơi nhận và chữ ký"
    signatures.cell(1, 0).text = "- Như trên;"
    signatures.cell(1, 1).text = "CHỦ TỊCH"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_file(body_html: str) -> bytes:
    return weasyprint.HTML(string=f"<html><head><meta charset='utf-8'></head><body>{body_html}</body></html>"
                           ).write_pdf()


def test_docx_gives_paragraphs_and_table_cells_in_order():
    text = text_of("ke-hoach.docx", word_file())
    assert text.split("\n") == ["Bản chính", *HEADER_LEFT, *HEADER_RIGHT, *BODY, "Nơi nhận và chữ ký", "- Như trên;",
                                "CHỦ TỊCH"]
    parsed = parse(text)
    assert (parsed.kind, parsed.number, parsed.date.isoformat(), parsed.issuer) == (
        "ke_hoach", "05/KH-UBND", "2026-01-15", "Ủy ban nhân dân tỉnh Hà Sơn")
    assert [r.number for r in parsed.references] == ["39-CT/TW", "152/2025/NĐ-CP"]


def test_pdf_text_layer_round_trips_vietnamese():
    left, right = "<br>".join(HEADER_LEFT), "<br>".join(HEADER_RIGHT)
    body = "".join(f"<p>{line}</p>" for line in BODY)
    data = pdf_file(f"<table><tr><td>{left}</td><td>{right}</td></tr></table>{body}")
    text = text_of("KE-HOACH.PDF", data)
    assert text == unicodedata.normalize("NFC", text)
    for line in [*HEADER_LEFT, *HEADER_RIGHT, BODY[0], BODY[1]]:
        assert line in text
    parsed = parse(text)
    assert (parsed.kind, parsed.number, parsed.date.isoformat(), parsed.issuer, parsed.summary) == (
        "ke_hoach", "05/KH-UBND", "2026-01-15", "Ủy ban nhân dân tỉnh Hà Sơn",
        "Tổ chức phong trào thi đua “Dân vận khéo” năm 2026")
    assert parsed.movements == ["Dân vận khéo"]
    assert {(r.number, r.issuer) for r in parsed.references} == {("39-CT/TW", "Ban Bí thư"),
                                                                 ("152/2025/NĐ-CP", "Chính phủ")}


def test_pdf_without_a_text_layer_is_refused():
    with pytest.raises(ExtractError) as refused:
        text_of("ban-quet.pdf", pdf_file("<div style='width:10cm;height:10cm;background:#ccc'></div>"))
    assert refused.value.message == SCANNED_PDF


@pytest.mark.parametrize(("name", "data", "message"), [
    ("hong.pdf", b"%PDF-1.4 not really", BAD_PDF),
    ("hong.docx", b"PK\x03\x04 not a zip", BAD_DOCX),
    ("windows.txt", unicodedata.normalize("NFD", "Chỉ thị").encode("cp1258"), NOT_UTF8),
])
def test_damaged_files_say_what_is_wrong(name, data, message):
    with pytest.raises(ExtractError) as refused:
        text_of(name, data)
    assert refused.value.message == message


@pytest.mark.parametrize("name", ["chi-thi.doc", "anh.jpg", "khong-duoi"])
def test_other_extensions_are_refused_naming_the_accepted_ones(name):
    with pytest.raises(ExtractError) as refused:
        text_of(name, b"data")
    assert name in refused.value.message
    assert all(ext in refused.value.message for ext in (".txt", ".docx", ".pdf"))
    assert refused.value.extra == {"accepted": [".txt", ".docx", ".pdf"]}


def test_plain_text_in_utf8_with_or_without_bom_and_utf16():
    text = "Chỉ thị số 01/CT-UBND"
    decomposed = unicodedata.normalize("NFD", text)
    assert text_of("a.txt", text.encode()) == text
    assert text_of("a.TXT", b"\xef\xbb\xbf" + decomposed.encode()) == text
    assert text_of("a.txt", text.encode("utf-16")) == text


def test_the_extractor_imports_nothing_of_django():
    script = ("import sys; import thidua.documents.extract as e; e.text_of('a.txt', b'x'); "
              "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(extract_module.__file__).parents[2])})
    assert done.stdout.strip() == "[]"
