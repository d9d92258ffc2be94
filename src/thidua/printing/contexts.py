"""What each Word template receives: the context keys per kind, their defaults, the keys
derived before rendering, and a sample context that every uploaded template must render.

Callers (dossiers, councils, decisions) pass plain dicts; nothing here knows their models.
Templates may also use these filters: `vnd` (7590000 → 7.590.000), `ngay` (a date as
dd/mm/yyyy), `ngay_thang_nam` ("ngày 02 tháng 7 năm 2026"), `bang_chu` (an amount in
words), `hai_so` (a count on two digits: 02).

Keys common to every kind
    issuer_parent   cơ quan chủ quản, e.g. "UBND tỉnh Bắc Ninh" (optional; printed in capitals)
    issuer          cơ quan ban hành, e.g. "Sở Nội vụ" (printed in capitals)
    number          số, ký hiệu, e.g. "125/QĐ-UBND"; empty while the document has no number
    symbol          ký hiệu only, e.g. "QĐ-UBND": printed as "     /QĐ-UBND" when NUMBER is empty
    place           địa danh, e.g. "Bắc Ninh"
    date            datetime.date of the document, or None (a dotted blank is printed)
    summary         trích yếu, e.g. "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    signer_authority  quyền hạn: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" or "" (signing in one's own name)
    signer_title    chức vụ, e.g. "Phó Chủ tịch" (printed in capitals)
    signer_name     họ tên người ký
    recipients_to   Nơi nhận: list of str, each without the leading "-" and trailing ";"
    archive         the "Lưu:" line, e.g. "VT, TĐKT"
  derived: number_text, date_text ("ngày 02 tháng 7 năm 2026"), date_short ("02/07/2026")

to_trinh (tờ trình đề nghị khen thưởng)
    addressee       "Chủ tịch Ủy ban nhân dân tỉnh" (Kính gửi)
    issuer_short    the proposing body as the sentence names it: "Sở Nội vụ"
    bases           list of str: "Căn cứ …" lines
    body            list of str: paragraphs (achievements, the review held…)
    proposals       list of str: "Bằng khen của Chủ tịch UBND tỉnh cho 02 tập thể và 05 cá nhân"
    closing         "Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./."

danh_sach (danh sách kèm theo tờ trình)
    subtitle        "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    attached_to     "Kèm theo Tờ trình số 45/TTr-SNV ngày 05/12/2025 của Sở Nội vụ"
    collectives     list of {name, position_unit, form, achievement}
    individuals     list of {name, position_unit, form, achievement}

bien_ban (biên bản họp Hội đồng Thi đua – Khen thưởng)
    start, end      datetime.datetime of the meeting; derived start_text, end_text
    venue           địa điểm
    chair, secretary  {name, title}
    members_total   int: members of the council
    present         list of {name, title}
    absent          list of {name, title, reason}
    quorum          the quorum statement, e.g. "Có mặt 10/12 thành viên (83,3 %), đủ điều kiện …"
    agenda          list of str
    tellers         the vote-counting committee: list of {name, title, role}
    ballot_note     "Phát ra 10 phiếu, thu về 10 phiếu hợp lệ."
    items           list of {name, unit, proposed, agree, disagree, lower, lower_form, result, sources}
                    (sources: "2 phiếu trực tuyến, 3 phiếu giấy, 1 ý kiến bằng văn bản, 0 phiếu không hợp lệ")
    conclusions     list of str

quyet_dinh (quyết định khen thưởng, with the attached list of recipients)
    decider         "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh" (the line above the bases)
    decider_short   "Chủ tịch UBND tỉnh" (in the attached list's "Kèm theo …")
    bases           list of str: "Căn cứ …"
    proposal_basis  "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 05/12/2025"
    money_decree    the decree reward money follows on the decision's date: "152/2025/NĐ-CP"
    award_name      "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    reason          "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025"
    collectives, individuals  list of {name, position_unit, money (int VND or None)}
    fund_source     "Quỹ Thi đua, khen thưởng của tỉnh"
    executors       "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, …"
  derived: recipients_text ("02 tập thể và 05 cá nhân"), money_total (sum, unless given),
  money_total_text ("7.590.000"), money_total_words ("Bảy triệu … đồng"), r.money_text per row

bao_cao (báo cáo tổng kết công tác thi đua, khen thưởng năm: the figures computed, the
prose left to the officer — the shipped template marks each place "[…: cán bộ viết]")
    reporting_unit  the unit whose subtree the figures count, e.g. "Sở Nội vụ"
    year, next_year  int: the reporting year and the one after it
    period_text     "từ ngày 01/12/2024 đến ngày 30/11/2025" (the decisions counted)
    movements_total int: movements launched in the period
    movement_rows   list of {label, total, province, unit}: by method (regular yearly,
                    thematic), launched by the province level or by agencies and units
    movements       list of {name, kind, organiser, launched, reviews}: reviews is the text
                    of the sơ kết / tổng kết held, or "" when none is recorded
    registrations   list of {title, subject, registered, approved} by title
    registrations_total, registrations_approved  int
    award_levels    list of {label, total, rows}: rows a list of {name, category, collectives,
                    households, individuals, total}, one per title or form of that level
    awards_total, awards_collectives, awards_households, awards_individuals  int
    state_total, province_total  int: the totals of biểu 0602.N and 0603.N
    direct          {individuals, direct, share, unclassified}: individual awards, those
                    of people working directly, the share as text ("37,5 %"), those
                    of no position group
    direct_levels   list of {label, individuals, direct, share}
    exemplars       {total, approved, published, honoured}
    exemplar_rows   list of {name, unit, field, state, congresses}
    congresses      list of {name, kind, held_on (dd/mm/yyyy), honoured}
    fund            {shown, income, paid, recovered, net, difference, decisions}: money as
                    int (income: receipts less their corrections; difference: income less
                    net); shown is False when the user keeps no fund in the unit's subtree
    fund_rows       list of {unit, income, paid, recovered, net, difference, decisions}
"""

import copy
import datetime as dt
from typing import Any

from thidua.printing import vnformat

KINDS = ("to_trinh", "danh_sach", "bien_ban", "quyet_dinh", "bao_cao")

_COMMON: dict[str, Any] = {
    "issuer_parent": "", "issuer": "", "number": "", "symbol": "", "place": "", "date": None, "summary": "",
    "signer_authority": "", "signer_title": "", "signer_name": "", "recipients_to": [], "archive": "VT",
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "to_trinh": _COMMON | {"addressee": "", "issuer_short": "", "bases": [], "body": [], "proposals": [],
                           "closing": ""},
    "danh_sach": _COMMON | {"subtitle": "", "attached_to": "", "collectives": [], "individuals": []},
    "bien_ban": _COMMON | {"start": None, "end": None, "venue": "", "chair": {}, "secretary": {},
                           "members_total": 0, "present": [], "absent": [], "quorum": "", "agenda": [],
                           "tellers": [], "ballot_note": "", "items": [], "conclusions": []},
    "quyet_dinh": _COMMON | {"decider": "", "decider_short": "", "bases": [], "proposal_basis": "",
                             "money_decree": "152/2025/NĐ-CP",
                             "award_name": "", "reason": "", "collectives": [], "individuals": [],
                             "fund_source": "", "executors": "", "money_total": None},
    "bao_cao": _COMMON | {"reporting_unit": "", "year": 0, "next_year": 0, "period_text": "", "movements_total": 0,
                          "movement_rows": [], "movements": [], "registrations": [], "registrations_total": 0,
                          "registrations_approved": 0, "award_levels": [], "awards_total": 0,
                          "awards_collectives": 0, "awards_households": 0, "awards_individuals": 0,
                          "state_total": 0, "province_total": 0,
                          "direct": {"individuals": 0, "direct": 0, "share": "", "unclassified": 0},
                          "direct_levels": [], "exemplars": {"total": 0, "approved": 0, "published": 0, "honoured": 0},
                          "exemplar_rows": [], "congresses": [],
                          "fund": {"shown": False, "income": 0, "paid": 0, "recovered": 0, "net": 0,
                                   "difference": 0, "decisions": 0},
                          "fund_rows": []},
}


def _time_text(moment: dt.datetime | None) -> str:
    if moment is None:
        return "…… giờ …… phút, " + vnformat.date_line(None)
    return f"{moment.hour} giờ {moment.minute:02d} phút, {vnformat.date_line(moment.date())}"


def prepare(kind: str, context: dict[str, Any]) -> dict[str, Any]:
    """CONTEXT with the kind's defaults filled in and the derived keys added (a new dict)."""
    if kind not in DEFAULTS:
        raise ValueError(f"unknown document kind {kind!r}")
    out = copy.deepcopy(DEFAULTS[kind]) | dict(context)
    day = out.get("date")
    out["number_text"] = out["number"] or f"{' ' * 6}/{out['symbol']}"
    out["date_text"] = vnformat.date_line(day)
    out["date_short"] = vnformat.short_date(day) or "…/…/……"
    if kind == "bien_ban":
        out["start_text"], out["end_text"] = _time_text(out["start"]), _time_text(out["end"])
    if kind == "quyet_dinh":
        rows = [*out["collectives"], *out["individuals"]]
        out["collectives"] = [dict(r) | {"money_text": vnformat.vnd(r.get("money"))} for r in out["collectives"]]
        out["individuals"] = [dict(r) | {"money_text": vnformat.vnd(r.get("money"))} for r in out["individuals"]]
        if out["money_total"] is None:
            out["money_total"] = sum(r.get("money") or 0 for r in rows)
        out["money_total_text"] = vnformat.vnd(out["money_total"])
        out["money_total_words"] = vnformat.money_words(out["money_total"])
        parts = []
        if out["collectives"]:
            parts.append(f"{vnformat.count_text(len(out['collectives']))} tập thể")
        if out["individuals"]:
            parts.append(f"{vnformat.count_text(len(out['individuals']))} cá nhân")
        out["recipients_text"] = " và ".join(parts)
    return out


_SIGN = {"place": "Bắc Ninh", "date": dt.date(2026, 7, 2), "archive": "VT, TĐKT"}
SAMPLES: dict[str, dict[str, Any]] = {
    "to_trinh": _SIGN | {
        "issuer_parent": "UBND tỉnh Bắc Ninh", "issuer": "Sở Nội vụ", "number": "45/TTr-SNV", "symbol": "TTr-SNV",
        "summary": "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "addressee": "Chủ tịch Ủy ban nhân dân tỉnh", "issuer_short": "Sở Nội vụ",
        "bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                  "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, "
                  "khen thưởng"],
        "body": ["Năm 2025, các tập thể, cá nhân thuộc Sở Nội vụ đã hoàn thành xuất sắc nhiệm vụ được giao.",
                 "Hội đồng Thi đua – Khen thưởng Sở đã họp, bỏ phiếu kín và thống nhất đề nghị khen thưởng."],
        "proposals": ["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 02 cá nhân"],
        "closing": "Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.",
        "signer_authority": "", "signer_title": "Giám đốc", "signer_name": "Đặng Thị Ánh Tuyết",
        "recipients_to": ["Như trên", "Ban Thi đua – Khen thưởng tỉnh"],
    },
    "danh_sach": _SIGN | {
        "issuer_parent": "UBND tỉnh Bắc Ninh", "issuer": "Sở Nội vụ", "number": "", "symbol": "DS-SNV",
        "subtitle": "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "attached_to": "Kèm theo Tờ trình số 45/TTr-SNV ngày 02/07/2026 của Sở Nội vụ",
        "collectives": [{"name": "Phòng Công chức, viên chức", "position_unit": "Sở Nội vụ",
                         "form": "Bằng khen của Chủ tịch UBND tỉnh",
                         "achievement": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025"}],
        "individuals": [{"name": "Ông Nguyễn Văn Phóng", "position_unit": "Chuyên viên Phòng Công chức, viên chức",
                         "form": "Bằng khen của Chủ tịch UBND tỉnh",
                         "achievement": "Hoàn thành xuất sắc nhiệm vụ hai năm liên tục (2024–2025)"},
                        {"name": "Bà Nguyễn Thị Phong", "position_unit": "Bác sĩ, Sở Y tế",
                         "form": "Bằng khen của Chủ tịch UBND tỉnh", "achievement": "Có sáng kiến cấp tỉnh"}],
        "signer_title": "Giám đốc", "signer_name": "Đặng Thị Ánh Tuyết",
    },
    "bien_ban": _SIGN | {
        "issuer_parent": "UBND tỉnh Bắc Ninh", "issuer": "Hội đồng Thi đua – Khen thưởng", "number": "12/BB-HĐTĐKT",
        "symbol": "BB-HĐTĐKT", "summary": "Họp Hội đồng Thi đua – Khen thưởng tỉnh xét khen thưởng năm 2025",
        "start": dt.datetime(2026, 6, 25, 8, 0), "end": dt.datetime(2026, 6, 25, 11, 30),
        "venue": "Phòng họp số 1, Ủy ban nhân dân tỉnh",
        "chair": {"name": "Trần Quốc Hùng", "title": "Chủ tịch UBND tỉnh, Chủ tịch Hội đồng"},
        "secretary": {"name": "Lê Thị Hằng", "title": "Trưởng ban Thi đua – Khen thưởng, Thư ký Hội đồng"},
        "members_total": 5,
        "present": [{"name": "Trần Quốc Hùng", "title": "Chủ tịch Hội đồng"},
                    {"name": "Đặng Thị Ánh Tuyết", "title": "Phó Chủ tịch thường trực"},
                    {"name": "Lê Thị Hằng", "title": "Thư ký Hội đồng"},
                    {"name": "Phạm Văn Đức", "title": "Ủy viên"}],
        "absent": [{"name": "Vũ Minh Khôi", "title": "Ủy viên", "reason": "đi công tác, có ý kiến bằng văn bản"}],
        "quorum": "Có mặt 4/5 thành viên (80 %), đủ điều kiện tiến hành phiên họp xét khen thưởng.",
        "agenda": ["Xét đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025"],
        "tellers": [{"name": "Lê Thị Hằng", "title": "Thư ký Hội đồng", "role": "Trưởng ban kiểm phiếu"},
                    {"name": "Phạm Văn Đức", "title": "Ủy viên", "role": "Thành viên ban kiểm phiếu"}],
        "ballot_note": "Phát ra 4 phiếu, thu về 4 phiếu hợp lệ.",
        "items": [{"name": "Ông Nguyễn Văn Phóng", "unit": "Sở Nội vụ", "proposed": "Bằng khen của Chủ tịch UBND tỉnh",
                   "agree": 4, "disagree": 0, "lower": 0, "lower_form": "", "result": "Đề nghị khen thưởng",
                   "sources": "1 phiếu trực tuyến, 3 phiếu giấy, 0 ý kiến bằng văn bản, 0 phiếu không hợp lệ"},
                  {"name": "Bà Nguyễn Thị Phong", "unit": "Sở Y tế", "proposed": "Bằng khen của Chủ tịch UBND tỉnh",
                   "agree": 2, "disagree": 0, "lower": 2, "lower_form": "Giấy khen", "result": "Không đủ tỷ lệ",
                   "sources": "1 phiếu trực tuyến, 3 phiếu giấy, 0 ý kiến bằng văn bản, 0 phiếu không hợp lệ"}],
        "conclusions": ["Hội đồng thống nhất đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 01 cá nhân."],
    },
    "quyet_dinh": _SIGN | {
        "issuer_parent": "", "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh", "number": "125/QĐ-UBND", "symbol": "QĐ-UBND",
        "summary": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "decider": "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh", "decider_short": "Chủ tịch UBND tỉnh",
        "bases": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
                  "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
        "money_decree": "152/2025/NĐ-CP",
        "proposal_basis": "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 02/07/2026",
        "award_name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "reason": "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
        "collectives": [{"name": "Phòng Công chức, viên chức", "position_unit": "Sở Nội vụ", "money": 7_590_000}],
        "individuals": [{"name": "Ông Nguyễn Văn Phóng", "position_unit": "Chuyên viên, Sở Nội vụ",
                         "money": 3_800_000}],
        "fund_source": "Quỹ Thi đua, khen thưởng của tỉnh",
        "executors": "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính",
        "signer_authority": "KT. Chủ tịch", "signer_title": "Phó Chủ tịch", "signer_name": "Trần Quốc Hùng",
        "recipients_to": ["Như Điều 3", "Chủ tịch, các Phó Chủ tịch UBND tỉnh"],
    },
    "bao_cao": _SIGN | {
        "issuer_parent": "UBND tỉnh Bắc Ninh", "issuer": "Sở Nội vụ", "number": "", "symbol": "BC-SNV",
        "summary": "Tổng kết công tác thi đua, khen thưởng năm 2025 và phương hướng, nhiệm vụ năm 2026",
        "signer_title": "Giám đốc", "signer_name": "", "recipients_to": ["Ủy ban nhân dân tỉnh Bắc Ninh"],
        "reporting_unit": "Sở Nội vụ", "year": 2025, "next_year": 2026,
        "period_text": "từ ngày 01/12/2024 đến ngày 30/11/2025", "movements_total": 2,
        "movement_rows": [{"label": "Thi đua thường xuyên hằng năm", "total": 1, "province": 0, "unit": 1},
                          {"label": "Thi đua theo chuyên đề", "total": 1, "province": 0, "unit": 1}],
        "movements": [{"name": "Phong trào thi đua yêu nước năm 2025", "kind": "Thường xuyên, hằng năm",
                       "organiser": "Sở Nội vụ", "launched": "02/01/2025",
                       "reviews": "Sơ kết ngày 01/07/2025: 12 đơn vị tham gia, 40 lượt đăng ký"},
                      {"name": "Đợt thi đua 100 ngày", "kind": "Theo đợt, ngắn hạn", "organiser": "Sở Nội vụ",
                       "launched": "01/05/2025", "reviews": ""}],
        "registrations": [{"title": "Lao động tiên tiến", "subject": "Cá nhân", "registered": 40, "approved": 38},
                          {"title": "Tập thể lao động xuất sắc", "subject": "Tập thể", "registered": 2,
                           "approved": 2}],
        "registrations_total": 42, "registrations_approved": 40,
        "award_levels": [{"label": "Khen thưởng cấp tỉnh, cấp bộ", "total": 3, "rows": [
            {"name": "Bằng khen của Chủ tịch UBND tỉnh", "category": "Hình thức khen thưởng", "collectives": 1,
             "households": 0, "individuals": 2, "total": 3}]}],
        "awards_total": 3, "awards_collectives": 1, "awards_households": 0, "awards_individuals": 2,
        "state_total": 0, "province_total": 3,
        "direct": {"individuals": 2, "direct": 1, "share": "50 %", "unclassified": 0},
        "direct_levels": [{"label": "Khen thưởng cấp tỉnh, cấp bộ", "individuals": 2, "direct": 1, "share": "50 %"}],
        "exemplars": {"total": 1, "approved": 1, "published": 1, "honoured": 1},
        "exemplar_rows": [{"name": "Nguyễn Văn Phóng", "unit": "Sở Nội vụ", "field": "Cải cách hành chính, công vụ",
                           "state": "Đã duyệt, đã công bố", "congresses": "Hội nghị điển hình tiên tiến tỉnh"}],
        "congresses": [{"name": "Hội nghị điển hình tiên tiến tỉnh", "kind": "Hội nghị điển hình tiên tiến",
                        "held_on": "20/11/2025", "honoured": 1}],
        "fund": {"shown": True, "income": 150_000_000, "paid": 11_390_000, "recovered": 0, "net": 11_390_000,
                 "difference": 138_610_000, "decisions": 1},
        "fund_rows": [{"unit": "Sở Nội vụ", "income": 150_000_000, "paid": 11_390_000, "recovered": 0,
                       "net": 11_390_000, "difference": 138_610_000, "decisions": 1}],
    },
}
