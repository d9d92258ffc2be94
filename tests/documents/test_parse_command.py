"""`thidua documents parse FILE|-` through the real console entry point (no database)."""

import json
import os
import subprocess
import sys
import unicodedata

import docx

from thidua.documents.extract import SCANNED_PDF

ARTICLE = ("Thứ sáu, 05/07/2024 12:56\n"
           "Tại Công văn số 2563/UBND-TH ngày 4/7, Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương đã phát động phong trào "
           "thi đua với chủ đề: “Ra sức thi đua”, thực hiện từ nay đến ngày 30/6/2025, theo tinh thần Chỉ thị số "
           "35-CT/TW ngày 14/6/2024 của Bộ Chính trị.")
EXPECTED = {
    "kind": "cong_van", "number": "2563/UBND-TH", "date": "2024-07-04", "issuer": "Chủ tịch UBND tỉnh Lai Châu",
    "summary": None, "theme": "Ra sức thi đua", "movements": [], "end_date": "2025-06-30",
    "references": [{"kind": "chi_thi", "number": "35-CT/TW", "date": "2024-06-14", "issuer": "Bộ Chính trị",
                    "title": None}],
    # "phát động phong trào thi đua với chủ đề…" names no movement of its own.
    "movement": None, "movement_kind": None, "registration_deadline": None, "milestones": [],
}


def run(*args, stdin=None):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    return subprocess.run([sys.executable, "-m", "thidua", "documents", "parse", *args], input=stdin,
                          capture_output=True, env=env, timeout=120)


def test_reads_stdin_and_prints_the_json_fields():
    result = run("-", stdin=ARTICLE.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    out = json.loads(result.stdout.decode("utf-8"))
    assert list(out) == list(EXPECTED)
    assert out == EXPECTED
    assert "Chủ tịch UBND tỉnh Lai Châu" in result.stdout.decode("utf-8")  # ensure_ascii=False


def test_reads_a_word_file(tmp_path):
    document = docx.Document()
    for line in ARTICLE.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "cong-van.docx"
    document.save(path)
    result = run(str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout) == EXPECTED


def test_any_other_path_is_read_as_utf8_text(tmp_path):
    path = tmp_path / "bai-bao.html.part"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 0 and json.loads(result.stdout) == EXPECTED


def test_missing_file_exits_2_with_a_message(tmp_path):
    missing = tmp_path / "khong-co.txt"
    result = run(str(missing))
    assert result.returncode == 2
    assert f"không đọc được tệp {missing}" in result.stderr.decode("utf-8")
    assert result.stdout == b""


def test_scanned_pdf_exits_2_with_the_extractors_message(tmp_path):
    import weasyprint

    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(weasyprint.HTML(string="<div></div>").write_pdf())
    result = run(str(path))
    assert result.returncode == 2 and SCANNED_PDF in result.stderr.decode("utf-8")


def test_text_not_in_utf8_exits_2():
    result = run("-", stdin=unicodedata.normalize("NFD", "Chỉ thị").encode("cp1258"))
    assert result.returncode == 2 and "UTF-8" in result.stderr.decode("utf-8")
