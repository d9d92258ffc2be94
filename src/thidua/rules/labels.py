"""What an officer reads for the engine's identifiers: each condition and setting by its
Vietnamese name, each setting's value in words. Plain data, free of Django; the rule-set
page and the reasons use it, so no `consecutive_titles` or `council_quorum 0,6667` reaches
a page. The confidence of each figure (P/Q/U) stays in docs/law.md and the YAML comments.
"""

from decimal import Decimal
from fractions import Fraction

PROVINCE = "Theo Quy chế thi đua, khen thưởng của tỉnh"

CONDITIONS = {
    "previous_award": "Đã được khen thưởng ở mức trước",
    "years_since_previous_award_period": "Đủ thời gian kể từ lần khen thưởng trước",
    "no_overlapping_award": "Không trùng thành tích đã được khen thưởng",
    "members_title_share_at_least": "Tỷ lệ thành viên đạt danh hiệu",
    "members_all_completed": "Mọi thành viên hoàn thành nhiệm vụ",
    "members_with_title_at_least": "Số thành viên đạt danh hiệu",
    "members_not_disciplined": "Không có thành viên bị kỷ luật",
    "title_or_qualifies": "Đạt danh hiệu hoặc đủ điều kiện danh hiệu",
    "consecutive_titles": "Đạt danh hiệu liên tục",
    "count_titles_in_window": "Số lần đạt danh hiệu trong thời gian xét",
    "years_at_least_rating": "Số năm đạt mức xếp loại",
    "title_not_within": "Chưa được tặng danh hiệu trong thời gian xét",
    "consecutive_chain_awards": "Khen thưởng liên tục theo chuỗi",
    "rating_at_least": "Mức xếp loại trong năm",
    "months_worked_at_least": "Thời gian công tác trong năm",
    "not_disciplined": "Không bị kỷ luật",
    "not_disciplined_in_window": "Không bị kỷ luật trong thời gian xét",
    "registered_for": "Đăng ký thi đua",
    "not_frozen": "Không trong thời gian bị xem xét kỷ luật",
    "initiatives_of_scope": "Sáng kiến được công nhận",
    "needs_data": "Cần bổ sung thông tin",
    "council_vote": "Hội đồng Thi đua – Khen thưởng bỏ phiếu",
    "council_attests": "Hội đồng Thi đua – Khen thưởng xác nhận",
    "note": "Lưu ý",
}

# Setting → (its name, how its value reads: "bool", "months", "share", "percent", "count", "money").
SETTINGS = {
    "registration_required": ("Bắt buộc đăng ký thi đua", "bool"),
    "min_months_worked": ("Thời gian công tác tối thiểu trong năm để xét danh hiệu", "months"),
    "members_ldtt_share": ("Tỷ lệ thành viên tập thể đạt danh hiệu Lao động tiên tiến", "share"),
    "cstdcs_cap_pct_of_ldtt": ("Số Chiến sĩ thi đua cơ sở tối đa, tính trên số Lao động tiên tiến", "percent"),
    "ttldxs_cap_pct_of_ttldtt": ("Số Tập thể lao động xuất sắc tối đa, tính trên số Tập thể lao động tiên tiến",
                                 "percent"),
    "flags_per_bloc": ("Số cờ mỗi khối", "count"),
    "vote_threshold_cstdcs": ("Tỷ lệ phiếu đồng ý để xét Chiến sĩ thi đua cơ sở", "members"),
    "vote_threshold_flag": ("Tỷ lệ phiếu đồng ý để xét Cờ thi đua", "members"),
    "vote_threshold_cstd": ("Tỷ lệ phiếu đồng ý để xét Chiến sĩ thi đua cấp tỉnh, toàn quốc", "members"),
    "council_quorum": ("Số thành viên có mặt để phiên họp Hội đồng hợp lệ", "members"),
    "council_award_attendance": ("Số thành viên có mặt để Hội đồng xét khen thưởng", "members"),
    "council_majority": ("Đa số để Hội đồng thông qua", "present"),
    "council_count_written": ("Tính ý kiến bằng văn bản của thành viên vắng mặt", "bool"),
}


def _percent(value) -> str:
    number = Decimal(str(value)).normalize()
    return format(number, "f").replace(".", ",") + "%"


def _share(value, whole: str) -> str:
    """0.6667 → "2/3 tổng số thành viên"; 0.8 → "80% tổng số thành viên"; 0.5001 → "quá nửa …"."""
    if 0.5 < value < 0.501:
        return f"quá nửa {whole}"
    simple = Fraction(value).limit_denominator(4)
    if simple.denominator in (3,) and abs(float(simple) - value) < 0.001:
        return f"{simple.numerator}/{simple.denominator} {whole}"
    return f"{_percent(value * 100)} {whole}"


def setting_value(key: str, value) -> str:
    """VALUE of setting KEY as words: "Có", "06 tháng", "2/3 tổng số thành viên", "70%"."""
    kind = SETTINGS.get(key, ("", ""))[1]
    if value is None:
        return "Không giới hạn" if kind in ("percent", "count") else "—"
    if isinstance(value, bool) or kind == "bool":
        return "Có" if value else "Không"
    if kind == "months":
        return f"{int(value):02d} tháng"
    if kind == "share":
        return _percent(value * 100)
    if kind == "percent":
        return _percent(value)
    if kind == "members":
        return _share(value, "tổng số thành viên")
    if kind == "present":
        return _share(value, "số thành viên có mặt")
    if kind == "money":
        return f"{int(value):,} đồng".replace(",", ".")
    return str(value).replace(".", ",")


def setting_label(key: str) -> str:
    return SETTINGS.get(key, (key, ""))[0]


def setting_line(key: str, value) -> str:
    """"Số cờ mỗi khối: 1"."""
    return f"{setting_label(key)}: {setting_value(key, value)}"


def condition_label(name: str) -> str:
    return CONDITIONS.get(name, name)
