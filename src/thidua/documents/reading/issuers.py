"""Issuers: "UBND tỉnh Điện Biên", "Chủ tịch UBND tỉnh", "Bộ trưởng Bộ Nội vụ", "Ban Bí thư"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.documents.reading.text import Source, fold, folded_words

TITLES = {
    "pho chu tich": "Phó Chủ tịch", "chu tich": "Chủ tịch", "pho thu tuong": "Phó Thủ tướng",
    "thu tuong": "Thủ tướng", "bo truong": "Bộ trưởng", "thu truong": "Thứ trưởng", "pho giam doc": "Phó Giám đốc",
    "giam doc": "Giám đốc", "bi thu": "Bí thư", "thuong truc": "Thường trực", "truong ban": "Trưởng ban",
}
TITLE = re.compile(r"(" + "|".join(TITLES) + r")\s+")
AWARD_BOARD = r"thi dua\s*[-–,]?\s*khen thuong"
# Central bodies are always written out in their own spelling ("Bộ chính trị" → "Bộ Chính trị").
# News sites lose the space before "về" when they strip links ("Bộ Chính trịvề việc").
CENTRAL = [(re.compile(pattern + r"(?:(?![a-z0-9])|(?=ve\b))"), name) for pattern, name in (
    (r"uy ban thuong vu quoc hoi", "Ủy ban Thường vụ Quốc hội"),
    (r"ban chap hanh trung uong dang", "Ban Chấp hành Trung ương Đảng"),
    (r"ban chap hanh trung uong", "Ban Chấp hành Trung ương"),
    (r"ban bi thu", "Ban Bí thư"),
    (r"bo chinh tri", "Bộ Chính trị"),
    (r"van phong chinh phu", "Văn phòng Chính phủ"),
    (r"chinh phu", "Chính phủ"),
    (r"quoc hoi", "Quốc hội"),
    (r"chu tich nuoc", "Chủ tịch nước"),
    (rf"hoi dong {AWARD_BOARD} trung uong", "Hội đồng Thi đua - Khen thưởng Trung ương"),
    (rf"ban {AWARD_BOARD} trung uong", "Ban Thi đua - Khen thưởng Trung ương"),
)]
LOCAL_HEADS = [(re.compile(pattern + r"(?![a-z0-9])"), name) for pattern, name in (
    (r"uy ban nhan dan", "Ủy ban nhân dân"), (r"ubnd", "UBND"),
    (r"hoi dong nhan dan", "Hội đồng nhân dân"), (r"hdnd", "HĐND"),
    (r"uy ban mat tran to quoc viet nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (rf"hoi dong {AWARD_BOARD}", "Hội đồng Thi đua - Khen thưởng"),
    (rf"ban {AWARD_BOARD}", "Ban Thi đua - Khen thưởng"),
    (r"tinh uy", "Tỉnh ủy"), (r"thanh uy", "Thành ủy"), (r"huyen uy", "Huyện ủy"), (r"quan uy", "Quận ủy"),
    (r"thi uy", "Thị ủy"), (r"dang uy", "Đảng ủy"),
)]
ADMIN_UNIT = re.compile(r"\s+(tinh|thanh pho|tp\.?|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)(?![a-z0-9])")
# Ministries and departments capitalise only the first word of each field ("Sở Nội vụ"),
# which no rule recovers from an all-capitals header: their names are listed.
FIELDS = [(re.compile(pattern + r"(?![a-z0-9])"), name) for pattern, name in (
    (r"van hoa\s*[,\-–]?\s*the thao va du lich", "Văn hóa, Thể thao và Du lịch"),
    (r"lao dong\s*[,\-–]?\s*thuong binh va xa hoi", "Lao động - Thương binh và Xã hội"),
    (r"nong nghiep va phat trien nong thon", "Nông nghiệp và Phát triển nông thôn"),
    (r"nong nghiep va moi truong", "Nông nghiệp và Môi trường"),
    (r"tai nguyen va moi truong", "Tài nguyên và Môi trường"),
    (r"thong tin va truyen thong", "Thông tin và Truyền thông"),
    (r"giao duc va dao tao", "Giáo dục và Đào tạo"),
    (r"khoa hoc va cong nghe", "Khoa học và Công nghệ"),
    (r"ke hoach va dau tu", "Kế hoạch và Đầu tư"),
    (r"dan toc va ton giao", "Dân tộc và Tôn giáo"),
    (r"giao thong van tai", "Giao thông vận tải"),
    (r"noi vu", "Nội vụ"), (r"tai chinh", "Tài chính"), (r"tu phap", "Tư pháp"), (r"y te", "Y tế"),
    (r"cong an", "Công an"), (r"quoc phong", "Quốc phòng"), (r"ngoai giao", "Ngoại giao"),
    (r"ngoai vu", "Ngoại vụ"), (r"xay dung", "Xây dựng"), (r"cong thuong", "Công Thương"),
)]
# Names of provinces and centrally-run cities (before and after the 2025 merger): where a
# place name ends when a person's name follows it ("UBND tỉnh Lai Châu Lê Văn Lương").
PROVINCES = frozenset(folded_words(name) for name in (
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thừa Thiên Huế", "An Giang",
    "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định",
    "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
))
SURNAMES = frozenset(fold(name) for name in (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Mai", "Cao", "Lưu", "Trương", "Quách", "Tạ", "Lò", "Giàng",
    "Vương", "Thái", "Tống", "Lại", "Hà",
))
MAX_PLACE_WORDS = 4
PLACE_WORD = re.compile(r"[^\W\d_]\w*(?:-[^\W\d_]\w*)*")
PLACE_GAP = re.compile(r" +(?:[-–] +)?")


@dataclass(frozen=True)
class Agency:
    name: str
    end: int


def agency_at(src: Source, pos: int) -> Agency | None:
    """The agency (with the office holder's title, if any) named from POS on, or None."""
    pos += len(src.raw[pos:]) - len(src.raw[pos:].lstrip(" "))
    central = central_at(src, pos)
    if central:
        return central
    title = TITLE.match(src.folded, pos)
    body_at = title.end() if title else pos
    body = central_at(src, body_at) or local_at(src, body_at) or ministry_at(src, body_at)
    if body is None:
        return None
    if not title:
        return body
    written = src.raw[title.start(1):title.end(1)]
    return Agency(f"{TITLES[title.group(1)] if written.isupper() else spaced(written)} {body.name}", body.end)


def central_at(src: Source, pos: int) -> Agency | None:
    for pattern, name in CENTRAL:
        m = pattern.match(src.folded, pos)
        if m:
            return Agency(name, m.end())
    return None


def local_head(src: Source, pos: int) -> tuple[re.Match, str] | None:
    for pattern, name in LOCAL_HEADS:
        head = pattern.match(src.folded, pos)
        if head:
            return head, name
    return None


def local_at(src: Source, pos: int) -> Agency | None:
    found = local_head(src, pos)
    if found is None:
        return None
    head, name = found
    end = head.end()
    admin = ADMIN_UNIT.match(src.folded, end)
    if admin:
        end = admin.end()
    place_end = end_of_place(src.raw, end)
    if place_end and admin and admin.group(1) == "tinh" and is_person(src.raw[end:place_end]):
        place_end = None  # "Chủ tịch UBND tỉnh Nguyễn Hoài Anh": the holder's name, not the province's
    if place_end is None and admin and admin.group(1) in ("tp", "tp."):
        return None  # "TP." alone is no agency
    end = place_end or end
    written = src.raw[pos:end]
    if not written.isupper():
        return Agency(spaced(written), end)
    parts = [name]
    if admin:
        parts.append(src.raw[admin.start(1):admin.end(1)].lower())
    if place_end:
        parts.append(capitalised(src.raw[(admin.end() if admin else head.end()):place_end]))
    return Agency(" ".join(parts), end)


def ministry_at(src: Source, pos: int) -> Agency | None:
    head = src.raw[pos:pos + 2]
    if head.casefold() not in ("sở", "bộ") or src.raw[pos + 2:pos + 3] != " ":
        return None
    at = pos + 3
    for pattern, name in FIELDS:
        m = pattern.match(src.folded, at)
        if m:
            written = src.raw[pos:m.end()]
            return Agency(f"{head.capitalize()} {name}" if written.isupper() else spaced(written), m.end())
    if len(place_words(src.raw, pos + 2)) < 2:
        return None  # one capitalised word may be the first of a field spelt in lower case after it
    end = end_of_place(src.raw, pos + 2) or pos + 2
    return Agency(spaced(src.raw[pos:end]), end)


def place_words(raw: str, pos: int) -> list[tuple[str, int]]:
    """The capitalised words after POS on the same line, with where each ends."""
    words: list[tuple[str, int]] = []
    while len(words) <= MAX_PLACE_WORDS:
        gap = PLACE_GAP.match(raw, pos)
        if gap is None or (not words and gap.group().strip()):
            break  # a dash joins the words of one name, it never starts one
        word = PLACE_WORD.match(raw, gap.end())
        if word is None or not word.group()[0].isupper():
            break
        words.append((word.group(), word.end()))
        pos = word.end()
    return words


def end_of_place(raw: str, pos: int) -> int | None:
    """Where the place name after POS ends: at a province's name, or before a person's name."""
    words = place_words(raw, pos)
    if not words:
        return None
    names = [w for w, _ in words]
    for count in range(len(names), 0, -1):
        if folded_words(" ".join(names[:count])) in PROVINCES:
            return words[count - 1][1]
    for i in range(2, len(names)):
        if fold(names[i]) in SURNAMES:
            return words[i - 1][1]
    return words[min(len(words), MAX_PLACE_WORDS) - 1][1]


def is_person(words: str) -> bool:
    """Three words or more led by a surname, in prose: a person (place names in headers are in capitals)."""
    names = words.split()
    return (len(names) >= 3 and not words.isupper() and fold(names[0]) in SURNAMES
            and folded_words(words) not in PROVINCES)


def spaced(text: str) -> str:
    return " ".join(text.split())


def capitalised(text: str) -> str:
    return re.sub(r"\w+", lambda m: m.group().capitalize(), spaced(text))


def agency_named(text: str) -> str | None:
    """TEXT as an agency name in its usual spelling when it is one we know, else as written."""
    text = spaced(text)
    if not text:
        return None
    agency = agency_at(Source(text), 0)
    if agency and agency.end >= len(text.rstrip(" .,;:")):
        return agency.name
    return text
