"""The stable codes of DESIGN.md §4 that the engine reads, with their Vietnamese words.

The catalog app owns the full list of award kinds; this module holds only what the
rules need to validate a case and to speak about it. Never rename a code.
"""

# Ordered from lowest to highest: "at least HTTNV" compares positions.
RATINGS: tuple[str, ...] = ("KHTNV", "HTNV", "HTTNV", "HTXSNV")
RATING_NAMES = {
    "HTXSNV": "hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "hoàn thành tốt nhiệm vụ",
    "HTNV": "hoàn thành nhiệm vụ",
    "KHTNV": "không hoàn thành nhiệm vụ",
}

# Ordered from narrowest to widest: a provincial initiative also satisfies a grassroots need.
SCOPES: tuple[str, ...] = ("co_so", "tinh", "toan_quoc")
SCOPE_NAMES = {"co_so": "cấp cơ sở", "tinh": "cấp bộ, ban, ngành, tỉnh", "toan_quoc": "toàn quốc"}

SUBJECT_KINDS: tuple[str, ...] = ("individual", "collective", "household")

# Law Art. 8 commendation types; only `cong_trang` awards found further merit awards (R-P4).
AWARD_TYPES: tuple[str, ...] = ("cong_trang", "dot_xuat", "phong_trao", "cong_hien", "nien_han", "doi_ngoai")
AWARD_TYPE_NAMES = {
    "cong_trang": "khen thưởng công trạng",
    "dot_xuat": "khen thưởng đột xuất",
    "phong_trao": "khen thưởng phong trào thi đua (chuyên đề, theo đợt)",
    "cong_hien": "khen thưởng quá trình cống hiến",
    "nien_han": "khen thưởng theo niên hạn",
    "doi_ngoai": "khen thưởng đối ngoại",
}

# Discipline levels a case may name; DESIGN §6 only needs the yes/no flag.
DISCIPLINE_LEVELS: tuple[str, ...] = (
    "khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec",
)

AWARD_NAMES = {
    "LDTT": "Lao động tiên tiến",
    "CSTT": "Chiến sĩ tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_TINH": "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
    "CSTD_TQ": "Chiến sĩ thi đua toàn quốc",
    "TTLDTT": "Tập thể lao động tiên tiến",
    "DVTT": "Đơn vị tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "DVQT": "Đơn vị quyết thắng",
    "CO_TINH": "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
    "CO_CP": "Cờ thi đua của Chính phủ",
    "GDVH": "Gia đình văn hóa",
    "TDPVH": "Thôn, tổ dân phố văn hóa",
    "GK": "Giấy khen",
    "BK_TINH": "Bằng khen cấp bộ, ban, ngành, tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
    "HCLD3": "Huân chương Lao động hạng Ba",
    "HCLD2": "Huân chương Lao động hạng Nhì",
    "HCLD1": "Huân chương Lao động hạng Nhất",
}
AWARD_CODES: frozenset[str] = frozenset(AWARD_NAMES)

# Emulation titles (danh hiệu thi đua); every other code is a form of commendation.
TITLE_CODES: frozenset[str] = frozenset(
    {"LDTT", "CSTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "DVTT", "TTLDXS", "DVQT", "CO_TINH", "CO_CP",
     "GDVH", "TDPVH"}
)


RATING_RANKS = {code: i for i, code in enumerate(RATINGS)}
SCOPE_RANKS = {code: i for i, code in enumerate(SCOPES)}
_LABELS = {code: f"«{name}»" for code, name in AWARD_NAMES.items()}


def rating_rank(code: str | None) -> int:
    """Position of a rating in RATINGS; -1 for no rating."""
    return RATING_RANKS.get(code, -1)


def scope_rank(code: str) -> int:
    found = SCOPE_RANKS.get(code)
    if found is None:
        raise ValueError(f"{code!r} is not in SCOPES")
    return found


def award_label(code: str) -> str:
    """«Tên» (CODE), the way verdicts name an award kind."""
    found = _LABELS.get(code)
    return found if found is not None else f"«{code}»"


def award_labels(codes) -> str:
    """The labels of CODES as alternatives: «A» (A) hoặc «B» (B)."""
    return " hoặc ".join(award_label(c) for c in codes)
