"""The văn bản parser: every seed article, official headers, prose, dates and quotes (no database)."""

import ast
import datetime as dt
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua.documents.parse as parse_module
from thidua.documents.parse import KINDS, ParsedDocument, Reference, as_json, parse

TODAY = dt.date(2026, 3, 1)
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
EMPTY = {"kind": None, "number": None, "date": None, "issuer": None, "summary": None, "theme": None,
         "movements": [], "end_date": None, "references": []}
# What a directive launches (name, kind, deadlines) and the laws' names: test_directive_texts.py.
LAUNCH_FIELDS = ("movement", "movement_kind", "registration_deadline", "milestones")


def fields(text, today=TODAY):
    out = as_json(parse(text, today=today))
    for key in LAUNCH_FIELDS:
        out.pop(key)
    for reference in out["references"]:
        reference.pop("title")
    return out


def ref(kind, number, date, issuer=None):
    return {"kind": kind, "number": number, "date": date, "issuer": issuer}


# ---------------------------------------------------------------------------------------
# The seed articles (shared/seeds): what each one states, read by hand.

SEED_FIELDS = {
    # "UBND tỉnh đã ban hành Chỉ thị số 02/CT-UBND phát động…", headed "Điện Biên: …"; no document date.
    "000_2452ded1975f3ccf.txt": {
        **EMPTY, "kind": "chi_thi", "number": "02/CT-UBND", "issuer": "UBND tỉnh Điện Biên",
        "summary": "Phát động phong trào thi đua yêu nước năm 2019",
        "movements": ["Cả nước chung sức xây dựng nông thôn mới", "Doanh nghiệp Việt Nam hội nhập và phát triển",
                      "Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau"],
    },
    "001_6a8ea310a59eeb00.txt": {
        # The province is Quảng Nam: the only one the article names ("Báo Quảng Nam").
        **EMPTY, "kind": "chi_thi", "number": "01/CT-UBND", "date": "2024-01-02",
        "issuer": "Chủ tịch UBND tỉnh Quảng Nam",
        "summary": "Phát động phong trào thi đua yêu nước năm 2024",
        "theme": "Tập trung kiện toàn tổ chức bộ máy và cán bộ; phát huy truyền thống đoàn kết, tinh thần trách "
                 "nhiệm, chủ động vượt khó, quyết tâm thực hiện thắng lợi nhiệm vụ chính trị năm 2024",
        "references": [ref("nghi_dinh", "73/2023/NĐ-CP", "2023-09-29", "Chính phủ"),
                       ref("quyet_dinh", "658/QĐ-UBND", "2023-04-03", "UBND tỉnh")],
    },
    # A bloc's conference: no document is issued; it carries out Chỉ thị 39 (the sidebar's plans are not cited).
    "002_8c643e38f7b7c590.txt": {
        **EMPTY,
        "movements": ["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                      "Cả nước chung sức xây dựng nông thôn mới", "Chung tay vì người nghèo"],
        "references": [ref("chi_thi", "39/CT-TW", "2004-05-21", "Bộ Chính trị")],
    },
    # "Tại Công văn số 2563/UBND-TH ngày 4/7, Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương đã phát động…",
    # published 05/07/2024, so 4/7 is in 2024.
    "003_d21b4899ed4cf4b5.txt": {
        **EMPTY, "kind": "cong_van", "number": "2563/UBND-TH", "date": "2024-07-04",
        "issuer": "Chủ tịch UBND tỉnh Lai Châu",
        "theme": "Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh Lai Châu ra sức thi đua, quyết tâm phấn đấu "
                 "hoàn thành và hoàn thành vượt mức các mục tiêu, nhiệm vụ thực hiện Nghị quyết Đại hội Đảng bộ các "
                 "cấp nhiệm kỳ 2020 - 2025 hướng tới chào mừng Đại hội Đảng bộ các cấp, Đại hội thi đua yêu nước",
        "movements": ["Cả nước chung sức xây dựng nông thôn mới",
                      "Chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
                      "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023-2030",
                      "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
                      "Cán bộ, công chức, viên chức tỉnh Lai Châu thi đua thực hiện văn hóa công sở"],
        "end_date": "2025-06-30",
        "references": [ref("chi_thi", "35-CT/TW", "2024-06-14", "Bộ Chính trị")],
    },
    # The movements of this plan are named without quotes, and "từ nay đến Hội nghị…" gives no date.
    "004_c8ba279a564ecc4f.txt": {
        **EMPTY, "kind": "ke_hoach", "number": "156/KH-UBND", "date": "2019-10-15",
        "issuer": "Ủy ban nhân dân thành phố",
        "summary": "Về tổ chức Hội nghị điển hình tiên tiến cấp xã, phường tiến tới Hội nghị điển hình tiên tiến "
                   "thành phố lần thứ V (2020 - 2025)",
        "references": [ref("chi_thi", "34-CT/TW", "2014-04-07", "Bộ Chính trị")],
    },
}

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not at {SEEDS}")


@needs_seeds
def test_every_seed_article_has_its_expected_fields():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(SEED_FIELDS)


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_FIELDS))
def test_seed_article(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert fields(text) == SEED_FIELDS[name]


# ---------------------------------------------------------------------------------------
# Official documents: the header gives the fields.

DIRECTIVE = """ỦY BAN NHÂN DÂN
TỈNH HÀ SƠN
-------
Số: 01/CT-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Sơn, ngày 02 tháng 01 năm 2026

CHỈ THỊ
Về việc phát động phong trào thi đua năm 2026

Năm 2026 là năm đầu thực hiện Nghị quyết Đại hội Đảng bộ tỉnh. Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6
năm 2022 và Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ, Chủ tịch UBND tỉnh phát động phong trào thi
đua với chủ đề “Đoàn kết, kỷ cương, đổi mới, sáng tạo” từ nay đến ngày 15/12/2026; trọng tâm là các phong trào thi
đua: “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”, “Cả nước thi đua xây dựng xã hội học
tập”. Giao Sở Nội vụ theo dõi việc thực hiện Chỉ thị số 01/CT-UBND.
"""

PLAN = """UBND TỈNH HÀ SƠN
SỞ NỘI VỤ
Số: 12/KH-SNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Sơn, ngày 10 tháng 02 năm 2026

KẾ HOẠCH
Tổ chức phong trào thi đua “Cán bộ, công chức thi đua thực hiện văn hóa công sở”
năm 2026

Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành Luật;
Căn cứ Thông tư số 15/2025/TT-BNV ngày 20 tháng 10 năm 2025 của Bộ trưởng Bộ Nội vụ hướng dẫn;
Căn cứ Quyết định số 1234/QĐ-TTg ngày 10.8.2021 của Thủ tướng Chính phủ;
Thực hiện Chỉ thị số 39-CT/TW ngày 21-5-2004 của Ban Bí thư và Chỉ thị số 01/CT-UBND ngày 02/01/2026 của UBND
tỉnh Hà Sơn; Kế hoạch số 5/KH-UBND ngày 4/1 của Ủy ban nhân dân tỉnh;
Sở Nội vụ xây dựng kế hoạch theo Chỉ thị số 01/CT-UBND. Thời gian thực hiện: từ ngày 01/3/2026 đến
hết ngày 30/11/2026.
"""

DISPATCH = """ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc
Số: 2563/UBND-TH\tLai Châu, ngày 04 tháng 7 năm 2024
V/v phát động phong trào thi đua
chào mừng Đại hội Đảng bộ các cấp

Kính gửi: Các sở, ban, ngành tỉnh.
"""

PARTY_DIRECTIVE = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 39-CT/TW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 21 tháng 5 năm 2004

CHỈ THỊ
CỦA BAN BÍ THƯ
về tiếp tục đổi mới, đẩy mạnh phong trào thi đua yêu nước
"""


def test_official_directive_header():
    assert fields(DIRECTIVE) == {
        "kind": "chi_thi", "number": "01/CT-UBND", "date": "2026-01-02", "issuer": "Ủy ban nhân dân tỉnh Hà Sơn",
        "summary": "Về việc phát động phong trào thi đua năm 2026", "theme": "Đoàn kết, kỷ cương, đổi mới, sáng tạo",
        "movements": ["Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
                      "Cả nước thi đua xây dựng xã hội học tập"],
        "end_date": "2026-12-15",
        "references": [ref("luat", None, "2022-06-15"), ref("nghi_dinh", "152/2025/NĐ-CP", "2025-06-14", "Chính phủ")],
    }


def test_plan_citing_its_legal_bases():
    assert fields(PLAN) == {
        "kind": "ke_hoach", "number": "12/KH-SNV", "date": "2026-02-10", "issuer": "Sở Nội vụ",
        "summary": "Tổ chức phong trào thi đua “Cán bộ, công chức thi đua thực hiện văn hóa công sở” năm 2026",
        "theme": None, "movements": ["Cán bộ, công chức thi đua thực hiện văn hóa công sở"],
        "end_date": "2026-11-30",
        "references": [
            ref("luat", "06/2022/QH15", "2022-06-15"),
            ref("luat", None, "2022-06-15"),
            ref("nghi_dinh", "152/2025/NĐ-CP", "2025-06-14", "Chính phủ"),
            ref("thong_tu", "15/2025/TT-BNV", "2025-10-20", "Bộ trưởng Bộ Nội vụ"),
            ref("quyet_dinh", "1234/QĐ-TTg", "2021-08-10", "Thủ tướng Chính phủ"),
            ref("chi_thi", "39-CT/TW", "2004-05-21", "Ban Bí thư"),
            ref("chi_thi", "01/CT-UBND", "2026-01-02", "UBND tỉnh Hà Sơn"),
            # No year written: the plan's own year.
            ref("ke_hoach", "5/KH-UBND", "2026-01-04", "Ủy ban nhân dân tỉnh"),
        ],
    }


def test_dispatch_header_in_two_columns():
    assert fields(DISPATCH) == {
        **EMPTY, "kind": "cong_van", "number": "2563/UBND-TH", "date": "2024-07-04",
        "issuer": "Ủy ban nhân dân tỉnh Lai Châu",
        "summary": "V/v phát động phong trào thi đua chào mừng Đại hội Đảng bộ các cấp",
    }


def test_party_directive_names_its_issuer_under_the_heading():
    assert fields(PARTY_DIRECTIVE) == {
        **EMPTY, "kind": "chi_thi", "number": "39-CT/TW", "date": "2004-05-21", "issuer": "Ban Bí thư",
        "summary": "Về tiếp tục đổi mới, đẩy mạnh phong trào thi đua yêu nước",
    }


def test_decision_names_its_authority_under_the_trich_yeu():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ SƠN\nSố: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Hà Sơn, ngày 05 tháng 3 năm 2026\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch tổ chức phong trào thi đua\n"
            "năm 2026\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ SƠN\nCăn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
            "\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch tổ chức phong trào thi đua năm 2026.")
    assert fields(text) == {
        **EMPTY, "kind": "quyet_dinh", "number": "12/QĐ-UBND", "date": "2026-03-05",
        "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Hà Sơn",
        "summary": "Về việc ban hành Kế hoạch tổ chức phong trào thi đua năm 2026",
        "references": [ref("luat", None, "2022-06-15")],
    }


def test_a_header_without_its_place_and_date_line_has_no_date():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ SƠN\nSố: 7/UBND-VX\nV/v thi đua năm 2026\n"
            "Căn cứ Nghị định số 98/2023/NĐ-CP, ngày 31/12/2023 của Chính phủ;")
    assert fields(text) == {
        **EMPTY, "kind": "cong_van", "number": "7/UBND-VX", "issuer": "Ủy ban nhân dân tỉnh Hà Sơn",
        "summary": "V/v thi đua năm 2026", "references": [ref("nghi_dinh", "98/2023/NĐ-CP", "2023-12-31", "Chính phủ")],
    }


def test_windows_line_endings_and_no_break_spaces():
    text = DIRECTIVE.replace("\n", "\r\n").replace("Số: ", "Số:\u00a0").replace("ngày 02", "ngày\u00a002")
    assert fields(text) == fields(DIRECTIVE)


def test_decomposed_unicode_reads_like_composed():
    assert fields(unicodedata.normalize("NFD", DIRECTIVE)) == fields(DIRECTIVE)
    assert fields(unicodedata.normalize("NFD", PLAN)) == fields(PLAN)


def test_pdf_line_wrapping_inside_sentences():
    text = ("UBND tỉnh vừa ban hành Kế hoạch số 7/KH-UBND ngày 5/3/2026 của Ủy ban nhân dân tỉnh Hà Sơn về tổ chức\n"
            "phong trào thi đua “Dân vận khéo” năm 2026. Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính\n"
            "phủ, thực hiện phong trào thi đua “Cả nước chung tay vì người nghèo - Không để ai\n"
            "bị bỏ lại phía sau”.")
    assert fields(text) == {
        **EMPTY, "kind": "ke_hoach", "number": "7/KH-UBND", "date": "2026-03-05",
        "issuer": "Ủy ban nhân dân tỉnh Hà Sơn",
        "summary": "Về tổ chức phong trào thi đua “Dân vận khéo” năm 2026",
        "movements": ["Dân vận khéo", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"],
        "references": [ref("nghi_dinh", "98/2023/NĐ-CP", "2023-12-31", "Chính phủ")],
    }


def test_all_capital_headers_are_spelt_as_agencies_spell_themselves():
    header = "{}\nSố: 3/TB-X\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 01 tháng 3 năm 2026\nTHÔNG BÁO\nKết luận"
    spelt = {
        "BỘ NỘI VỤ": "Bộ Nội vụ",
        "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
        "UBND TỈNH HÀ SƠN\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH": "Sở Văn hóa, Thể thao và Du lịch",
        "UỶ BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH": "Ủy ban nhân dân thành phố Hồ Chí Minh",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nTỈNH HÀ SƠN": "Hội đồng Thi đua - Khen thưởng tỉnh Hà Sơn",
        "TRƯỜNG THPT HÀ SƠN": "TRƯỜNG THPT HÀ SƠN",  # not a name we know how to spell: as written
    }
    for block, issuer in spelt.items():
        parsed = parse(header.format(block), today=TODAY)
        assert (parsed.kind, parsed.number, parsed.issuer, parsed.summary) == ("thong_bao", "3/TB-X", issuer,
                                                                              "Kết luận"), block


# ---------------------------------------------------------------------------------------
# Prose: the first document the text says was issued is the main one.

PROSE = [
    pytest.param(
        "Tại Công văn số 2563/UBND-TH ngày 4/7, Chủ tịch UBND tỉnh đã phát động phong trào thi đua.",
        {**EMPTY, "kind": "cong_van", "number": "2563/UBND-TH", "date": None, "issuer": "Chủ tịch UBND tỉnh"},
        id="day-month-without-any-year-in-the-text-stays-empty"),
    pytest.param(
        "Thứ sáu, 05/07/2024 12:56\nTại Công văn số 2563/UBND-TH ngày 4/7, UBND tỉnh đã phát động thi đua.",
        {**EMPTY, "kind": "cong_van", "number": "2563/UBND-TH", "date": "2024-07-04", "issuer": "UBND tỉnh"},
        id="day-month-takes-the-year-named-before-it"),
    pytest.param(
        "Năm 2019, Chính phủ ban hành Nghị định số 98/2023/NĐ-CP ngày 31/12 quy định chi tiết Luật Thi đua.",
        {**EMPTY, "kind": "nghi_dinh", "number": "98/2023/NĐ-CP", "date": "2023-12-31", "issuer": "Chính phủ",
         "summary": "Quy định chi tiết Luật Thi đua"},
        id="day-month-takes-the-year-of-the-documents-own-number"),
    pytest.param(
        "UBND tỉnh ban hành Chỉ thị số 5/CT-UBND ngày 21.5.2004; Ban Bí thư ban hành Chỉ thị 39-CT/TW ngày 21-5-2004.",
        {**EMPTY, "kind": "chi_thi", "number": "5/CT-UBND", "date": "2004-05-21", "issuer": "UBND tỉnh",
         "references": [ref("chi_thi", "39-CT/TW", "2004-05-21")]},
        id="dates-with-dots-and-dashes"),
    pytest.param(
        "Năm 2025 có nhiều sự kiện.\nNgày 15/3, UBND tỉnh ban hành Kế hoạch số 45/KH-UBND về tổ chức thi đua.",
        {**EMPTY, "kind": "ke_hoach", "number": "45/KH-UBND", "date": "2025-03-15", "issuer": "UBND tỉnh",
         "summary": "Về tổ chức thi đua"},
        id="the-date-that-opens-the-sentence-is-the-issue-date"),
    pytest.param(
        "Ngày 29.5, tại huyện Yên Mỹ, UBND huyện ban hành Kế hoạch số 45/KH-UBND.",
        {**EMPTY, "kind": "ke_hoach", "number": "45/KH-UBND", "issuer": "UBND huyện"},
        id="a-date-two-clauses-away-is-not-the-issue-date"),
    pytest.param(
        "UBND tỉnh ban hành Quyết định số 12/QÐ-UBND (ngày 5/1/2024) về khen thưởng.",
        {**EMPTY, "kind": "quyet_dinh", "number": "12/QÐ-UBND", "date": "2024-01-05", "issuer": "UBND tỉnh",
         "summary": "Về khen thưởng"},
        id="legacy-font-eth-and-a-date-in-brackets"),
    pytest.param(
        "UBND tỉnh ban hành Chỉ thị số 5/CT-UBND ngày 31/02/2024 về thi đua.",
        {**EMPTY, "kind": "chi_thi", "number": "5/CT-UBND", "issuer": "UBND tỉnh", "summary": "Về thi đua"},
        id="no-such-day-is-no-date"),
    pytest.param(
        "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương đã ký ban hành Quyết định số 88/QĐ-UBND ngày 2 tháng 3 năm 2025.",
        {**EMPTY, "kind": "quyet_dinh", "number": "88/QĐ-UBND", "date": "2025-03-02",
         "issuer": "Chủ tịch UBND tỉnh Lai Châu"},
        id="the-office-holders-name-is-not-part-of-the-issuer"),
    pytest.param(
        "Theo đó, Chủ tịch UBND tỉnh, đồng chí Nguyễn Văn An đã ban hành Kế hoạch số 5/KH-UBND ngày 3/1/2025.",
        {**EMPTY, "kind": "ke_hoach", "number": "5/KH-UBND", "date": "2025-01-03", "issuer": "Chủ tịch UBND tỉnh"},
        id="the-comrades-name-between-issuer-and-verb"),
    pytest.param(
        "Sở Văn hóa, Thể thao và Du lịch vừa ban hành Công văn số 45/SVHTTDL-VP ngày 3/1/2025 về thi đua.",
        {**EMPTY, "kind": "cong_van", "number": "45/SVHTTDL-VP", "date": "2025-01-03",
         "issuer": "Sở Văn hóa, Thể thao và Du lịch", "summary": "Về thi đua"},
        id="an-issuer-whose-name-holds-a-comma"),
    pytest.param(
        "UBND TP. Hồ Chí Minh vừa ban hành Kế hoạch số 100/KH-UBND ngày 3/1/2025 về thi đua tại TP. Thủ Đức.",
        {**EMPTY, "kind": "ke_hoach", "number": "100/KH-UBND", "date": "2025-01-03", "issuer": "UBND TP. Hồ Chí Minh",
         "summary": "Về thi đua tại TP. Thủ Đức"},
        id="tp-dot-does-not-end-the-sentence"),
    pytest.param(
        "Thực hiện Kế hoạch số 12/KH-UBND của UBND tỉnh, Sở Giáo dục và Đào tạo đã ban hành Kế hoạch số "
        "150/KH-SGDĐT ngày 5/2/2025 về tổ chức phong trào thi đua “Dạy tốt - Học tốt”.",
        {**EMPTY, "kind": "ke_hoach", "number": "150/KH-SGDĐT", "date": "2025-02-05",
         "issuer": "Sở Giáo dục và Đào tạo", "summary": "Về tổ chức phong trào thi đua “Dạy tốt - Học tốt”",
         "movements": ["Dạy tốt - Học tốt"],
         "references": [ref("ke_hoach", "12/KH-UBND", None, "UBND tỉnh")]},
        id="the-document-carried-out-is-a-reference-the-one-issued-is-main"),
    pytest.param(
        "Hà Nội: UBND thành phố ban hành Kế hoạch số 9/KH-UBND ngày 3/1/2025.\n"
        "Mường Lay: UBND tỉnh ban hành Kế hoạch số 10/KH-UBND ngày 4/1/2025.",
        {**EMPTY, "kind": "ke_hoach", "number": "9/KH-UBND", "date": "2025-01-03", "issuer": "UBND thành phố Hà Nội",
         "references": [ref("ke_hoach", "10/KH-UBND", "2025-01-04")]},
        id="a-dateline-province-completes-a-bare-issuer"),
    pytest.param(
        "Kế hoạch số 104/KH-UBND ngày 12/8/2020 của Ủy ban nhân dân tỉnh về đẩy mạnh cải cách chế độ công vụ.",
        {**EMPTY, "kind": "ke_hoach", "number": "104/KH-UBND", "date": "2020-08-12", "issuer": "Ủy ban nhân dân tỉnh",
         "summary": "Về đẩy mạnh cải cách chế độ công vụ"},
        id="a-text-that-opens-with-a-document-is-about-it"),
    pytest.param(
        "Quy chế được ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 01/02/2025 của UBND tỉnh.",
        {**EMPTY, "references": [ref("quyet_dinh", "12/QĐ-UBND", "2025-02-01", "UBND tỉnh")]},
        id="issued-together-with-is-a-citation-not-the-document"),
    pytest.param(
        'UBND tỉnh ban hành Kế hoạch số 3/KH-UBND phát động phong trào thi đua "Cả nước chung tay vì người nghèo" '
        'với chủ đề "Đoàn kết - Sáng tạo" đến hết năm 2025.',
        {**EMPTY, "kind": "ke_hoach", "number": "3/KH-UBND", "issuer": "UBND tỉnh",
         "summary": 'Phát động phong trào thi đua "Cả nước chung tay vì người nghèo" với chủ đề "Đoàn kết - Sáng tạo" '
                    "đến hết năm 2025",
         "theme": "Đoàn kết - Sáng tạo", "movements": ["Cả nước chung tay vì người nghèo"], "end_date": "2025-12-31"},
        id="straight-quotes"),
    pytest.param(
        "Sở Nội vụ phát động cuộc vận động «Toàn dân đoàn kết xây dựng đời sống văn hóa» và phong trào thi đua "
        "«Dân vận khéo» giai đoạn 2021-2025.",
        {**EMPTY, "movements": ["Toàn dân đoàn kết xây dựng đời sống văn hóa", "Dân vận khéo"]},
        id="guillemets"),
    pytest.param(
        "UBND tỉnh phát động phong trào thi đua “Doanh nghiệp hội nhập” giai đoạn 2021 - 2025.",
        {**EMPTY, "movements": ["Doanh nghiệp hội nhập"], "end_date": "2025-12-31"},
        id="period-of-the-launched-movement-ends-with-its-last-year"),
    pytest.param(
        "Gắn các phong trào thi đua yêu nước với việc “Học tập và làm theo tư tưởng Hồ Chí Minh”; xây dựng "
        "Kế hoạch “Nhân rộng điển hình tiên tiến” giai đoạn 2022 - 2025; ngăn chặn “tự diễn biến”.",
        EMPTY,
        id="quotes-that-name-no-movement-and-a-period-that-is-no-movements"),
    pytest.param(
        "UBND tỉnh ban hành Chỉ thị số 9/CT-UBND ngày 10/5/2025 phát động thi đua từ nay đến ngày 30/4/2025.",
        {**EMPTY, "kind": "chi_thi", "number": "9/CT-UBND", "date": "2025-05-10", "issuer": "UBND tỉnh",
         "summary": "Phát động thi đua từ nay đến ngày 30/4/2025"},
        id="an-end-before-the-document-is-no-end"),
    pytest.param(
        "UBND tỉnh ban hành văn bản số 77/UBND-VX ngày 03/3/2026. Căn cứ Chỉ thị số 39-CT/TW ngày 21/5/2004 "
        "của Ban Bí thư; thực hiện Chỉ thị số 39-CT/TW của Ban Bí thư và Luật Thi đua, khen thưởng ngày "
        "15/6/2022, Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; tuân thủ pháp luật. Luật này có hiệu lực.",
        {**EMPTY, "kind": "cong_van", "number": "77/UBND-VX", "date": "2026-03-03", "issuer": "UBND tỉnh",
         "references": [ref("chi_thi", "39-CT/TW", "2004-05-21", "Ban Bí thư"), ref("luat", None, "2022-06-15")]},
        id="each-cited-document-once-and-no-law-in-phap-luat"),
    pytest.param(
        "Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ chính trịvề đại hội đảng bộ các cấp.",
        {**EMPTY, "kind": "chi_thi", "number": "35-CT/TW", "date": "2024-06-14", "issuer": "Bộ Chính trị",
         "summary": "Về đại hội đảng bộ các cấp"},
        id="central-bodies-in-their-own-spelling-even-glued"),
    pytest.param(
        "UBND tỉnh ban hành Chỉ thị số 01/CT-UBNDvề thi đua.",
        {**EMPTY},
        id="a-number-glued-to-a-word-is-not-read"),
    pytest.param(
        "Số 12 Lê Lợi, phường 1\nUBND tỉnh ban hành Kế hoạch số 3/KH-UBND ngày 1/2/2025.",
        {**EMPTY, "kind": "ke_hoach", "number": "3/KH-UBND", "date": "2025-02-01", "issuer": "UBND tỉnh"},
        id="a-street-number-is-no-header"),
    pytest.param(
        "Hôm nay trời đẹp, các em học sinh đến trường. Số 5 là số lẻ; 2/3 thành viên tán thành.",
        EMPTY,
        id="nothing-recognizable"),
    pytest.param("", EMPTY, id="empty"),
    pytest.param(
        "Đây là bài viết về công tác thi đua, khen thưởng trong năm qua của các cơ quan, đơn vị trên địa bàn tỉnh, "
        "với nhiều tập thể, cá nhân được biểu dương; các phong trào được duy trì sôi nổi, thiết thực, hiệu quả. "
        "Các khối thi đua đã tổ chức ký kết giao ước thi đua và sơ kết, tổng kết đúng thời gian quy định.\n"
        "Tin liên quan\nKế hoạch số 104/KH-UBND ngày 12/8/2020 của Ủy ban nhân dân tỉnh về đẩy mạnh…(12/08/2020)\n",
        EMPTY,
        id="the-pages-list-of-other-news-is-not-the-article"),
]


@pytest.mark.parametrize(("text", "expected"), PROSE)
def test_prose(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize(("number", "kind"), [
    ("01/CT-UBND", "chi_thi"), ("12/KH-UBND", "ke_hoach"), ("658/QĐ-UBND", "quyet_dinh"),
    ("98/2023/NĐ-CP", "nghi_dinh"), ("15/2025/TT-BNV", "thong_tu"), ("06/2022/QH15", "luat"),
    ("01/HD-HĐTĐKT", "huong_dan"), ("05/TTr-SNV", "to_trinh"), ("120/BC-UBND", "bao_cao"),
    ("45/TB-VPCP", "thong_bao"), ("2563/UBND-TH", "cong_van"), ("39-CT/TW", "chi_thi"), ("15-KH/TU", "ke_hoach"),
    ("09-NQ/TW", "khac"), ("12/2024/XYZ-ABC", None),
])
def test_kind_from_the_symbol(number, kind):
    parsed = parse(f"UBND tỉnh vừa ban hành văn bản số {number} ngày 02/01/2026.", today=TODAY)
    assert (parsed.kind, parsed.number, parsed.date) == (kind, number, dt.date(2026, 1, 2))


def test_the_kind_word_wins_over_the_symbol():
    assert parse("Quốc hội ban hành Nghị quyết số 30/2021/QH15 ngày 28/7/2021.").kind == "khac"
    assert parse("Quốc hội ban hành Luật số 06/2022/QH15 ngày 15/6/2022.").kind == "luat"


def test_json_shape():
    out = as_json(parse(PLAN, today=TODAY))
    assert list(out) == ["kind", "number", "date", "issuer", "summary", "theme", "movements", "end_date",
                         "references", *LAUNCH_FIELDS]
    assert all(list(r) == ["kind", "number", "date", "issuer", "title"] for r in out["references"])
    json.dumps(out, ensure_ascii=False)
    assert as_json(ParsedDocument()) == {**EMPTY, "movement": None, "movement_kind": None,
                                         "registration_deadline": None, "milestones": []}


def test_parsed_values_are_typed():
    parsed = parse(PLAN, today=TODAY)
    assert parsed.kind in KINDS and isinstance(parsed.date, dt.date)
    assert all(isinstance(r, Reference) for r in parsed.references)


# ---------------------------------------------------------------------------------------
# Properties: never raises, never invents.

WORDS = st.sampled_from([
    "Số:", "số", "Chỉ thị", "CHỈ THỊ", "KẾ HOẠCH", "Luật", "ngày", "tháng", "năm", "4/7", "31/02/2024", "21.5.2004",
    "01/CT-UBND", "39-CT/TW", "98/2023/NĐ-CP", "2563/UBND-TH", "của", "UBND", "tỉnh", "Lai Châu", "Lê Văn", "“", "”",
    '"', "«", "»", "phong trào thi đua", "chủ đề", "từ nay đến", "đến hết năm", "2025", "\n", "\r\n", "\u00a0", ",",
    ".", ";", ":", "ban hành", "Tại", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Sở", "Bộ", "Nội vụ", "V/v", "Về việc",
    "-", "Tin liên quan", "giai đoạn 2021-2025", "phát động", "như:",
])
TEXTS = st.lists(WORDS | st.text(max_size=6), max_size=60).map(" ".join) | st.text(max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_parse_never_raises_and_never_invents(text):
    parsed = parse(text, today=TODAY)
    nfc = unicodedata.normalize("NFC", text)
    dates = [parsed.date, parsed.end_date, *(r.date for r in parsed.references)]
    assert all(d is None or (isinstance(d, dt.date) and 1900 <= d.year <= 2100) for d in dates)
    for number in [parsed.number, *(r.number for r in parsed.references)]:
        assert number is None or number in nfc
    assert parsed.kind is None or parsed.kind in KINDS
    assert all(r.kind is None or r.kind in KINDS for r in parsed.references)
    numbers = [r.number for r in parsed.references if r.number]
    assert len(numbers) == len(set(numbers)) and (parsed.number is None or parsed.number not in numbers)


# ---------------------------------------------------------------------------------------
# The parser stays free of Django.

def test_the_parser_imports_nothing_of_django():
    script = ("import sys; import thidua.documents.parse as p; p.parse('Chỉ thị số 01/CT-UBND ngày 02/01/2024'); "
              "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))")
    src = Path(parse_module.__file__).parents[2]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(src)})
    assert done.stdout.strip() == "[]"
    here = Path(parse_module.__file__).parent
    for module in [here / "parse.py", here / "launch.py", *sorted((here / "reading").glob("*.py"))]:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [name for name in imported if name.split(".")[0] == "django"], module.name
