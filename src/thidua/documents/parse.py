"""Reads the fields of a Vietnamese administrative document (văn bản) from its text.

Two shapes of input are understood:

* the document itself, with its header: the issuing agency, "Số: 01/CT-UBND", the place
  and date line, the kind heading (CHỈ THỊ, KẾ HOẠCH…) and the trích yếu under it;
* a news article describing a document in prose ("UBND tỉnh đã ban hành Chỉ thị số
  02/CT-UBND…"): the main document is the first one the text says was issued or launched.

Every field is read from the text or left empty: an officer fills an empty field more
easily than they notice a wrong one. Standard library only, no Django, no I/O, so the
parser runs anywhere (command line, view, task) and is tested on plain strings.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.documents.launch import Launched, Milestone, deadlines, launched

# The codes of thidua.documents.models.DocumentKind (repeated here to stay Django-free).
LUAT = "luat"
NGHI_DINH = "nghi_dinh"
THONG_TU = "thong_tu"
CHI_THI = "chi_thi"
KE_HOACH = "ke_hoach"
QUYET_DINH = "quyet_dinh"
CONG_VAN = "cong_van"
HUONG_DAN = "huong_dan"
TO_TRINH = "to_trinh"
BAO_CAO = "bao_cao"
THONG_BAO = "thong_bao"
KHAC = "khac"
KINDS = (LUAT, NGHI_DINH, THONG_TU, CHI_THI, KE_HOACH, QUYET_DINH, CONG_VAN, HUONG_DAN, TO_TRINH, BAO_CAO,
         THONG_BAO, KHAC)


@dataclass(frozen=True)
class Reference:
    """Another document the text cites (a legal basis, a directive it carries out…)."""

    kind: str | None
    number: str | None
    date: dt.date | None
    issuer: str | None
    title: str | None = None  # a law cited by its name ("Luật Thi đua, khen thưởng") rather than its number


@dataclass
class ParsedDocument:
    """What the text says about its main document; a field the text does not state is empty."""

    kind: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    summary: str | None = None
    theme: str | None = None
    movements: list[str] = field(default_factory=list)
    end_date: dt.date | None = None
    references: list[Reference] = field(default_factory=list)
    movement: str | None = None  # the movement the document launches, named without "phát động"
    movement_kind: str | None = None  # thuong_xuyen, chuyen_de or dot
    registration_deadline: dt.date | None = None
    milestones: list[Milestone] = field(default_factory=list)


def parse(text: str, *, today: dt.date | None = None) -> ParsedDocument:
    """The fields of the document TEXT states. Never raises on any string.

    A date written without a year ("ngày 4/7") takes the document's year, else the last year
    the text names before it; with neither it stays empty (TODAY is kept for the callers'
    sake: the year a reader has in mind is no evidence of the text's).
    """
    del today  # see above
    text = _prepared(text)
    src = _Source(_unwrapped(text))
    mentions = _mentions(src)
    main = _official(_Source(text)) or _described(src, mentions) or _Main()
    own_year = _year_of_number(main.number)
    date = _resolved(main.date, src, own_year)
    year = date.year if date else own_year
    movement = _launched(src, mentions, main)
    registration, milestones = deadlines(src.folded, lambda pos: _resolved(
        _date_token_at(src.folded, pos, yearless=True), src, year))
    return ParsedDocument(
        kind=main.kind, number=main.number, date=date, issuer=_with_locality(src, main.issuer),
        summary=main.summary, theme=_theme(src), movements=_movements(src),
        end_date=_end_date(src, year, date), references=_references(src, mentions, main, year),
        movement=movement.name, movement_kind=movement.kind, registration_deadline=registration,
        milestones=milestones,
    )


def as_json(parsed: ParsedDocument) -> dict:
    """PARSED as JSON-ready data: dates as ISO strings, references as dicts."""
    return {
        "kind": parsed.kind,
        "number": parsed.number,
        "date": _iso(parsed.date),
        "issuer": parsed.issuer,
        "summary": parsed.summary,
        "theme": parsed.theme,
        "movements": list(parsed.movements),
        "end_date": _iso(parsed.end_date),
        "references": [{"kind": r.kind, "number": r.number, "date": _iso(r.date), "issuer": r.issuer,
                        "title": r.title} for r in parsed.references],
        "movement": parsed.movement,
        "movement_kind": parsed.movement_kind,
        "registration_deadline": _iso(parsed.registration_deadline),
        "milestones": [[m.kind, _iso(m.date)] for m in parsed.milestones],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# ---------------------------------------------------------------------------------------
# The text: cleaned, and folded for matching words whatever their accents or case.

_SPACE_LIKE = dict.fromkeys(map(ord, "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                     "\u2009\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"), " ")
_LINE_BREAKS = dict.fromkeys(map(ord, "\v\f\x1c\x1d\x1e\x85\u2028\u2029"), "\n")

# Web pages end with link lists of other news, full of document numbers that the article
# does not cite; the text is cut at their heading. A heading this close to the start is
# a menu above the article, not the end of it.
_PAGE_CHROME = re.compile(
    r"^[ ]*(?:(?:nhung|cac) )?(?:tin (?:lien quan|moi nhat|moi hon|cu hon|da dua|khac|cung chuyen muc)"
    r"|bai viet lien quan|co the ban quan tam)[ :]*$", re.M)
_ARTICLE_BEFORE_CHROME = 200
# A line this long that stops without punctuation was cut by the page width, not by the writer.
_WRAPPED_LINE = 40


def _prepared(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACE_LIKE).translate(_LINE_BREAKS)
    folded = _fold(text)
    for chrome in _PAGE_CHROME.finditer(folded):
        if len(folded[:chrome.start()].replace(" ", "").replace("\n", "")) >= _ARTICLE_BEFORE_CHROME:
            return text[:chrome.start()]
    return text


def _unwrapped(text: str) -> str:
    """TEXT with the line breaks that only wrap a sentence (PDF layout, copying from a viewer)
    turned into spaces, one character for one; the header is read from the lines as they are."""
    lines = text.split("\n")
    joins = [" " if _wraps(line, following) else "\n" for line, following in itertools.pairwise(lines)]
    return "".join(line + join for line, join in zip(lines, [*joins, ""], strict=True))


# A news article's first sentence opens on the day: a title above it is not wrapped into it.
_NEWS_LEDE = re.compile(r"(?:Ngày|Sáng|Chiều|Tối|Trưa|Đêm)\s+[0-9]")


def _wraps(line: str, following: str) -> bool:
    line, following = line.strip(), following.strip()
    if not line or not following or line[-1] in ".;:!?" or _NEWS_LEDE.match(following):
        return False
    if following[0].islower():
        return True
    return len(line) >= _WRAPPED_LINE and (line[-1].isalnum() or line[-1] == ",")


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in "đĐ\u00d0":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


def _fold(text: str) -> str:
    """Lower case without diacritics, one character for one, so offsets match the text's."""
    return "".join(map(_fold_char, text))


def _folded_words(text: str) -> str:
    return " ".join(_fold(text).replace("-", " ").replace("–", " ").split())


_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])(?![/\-][A-Za-zĐđ])")


class _Source:
    """The cleaned text, its folded twin and where the text names a year."""

    def __init__(self, text: str):
        self.raw = text
        self.folded = _fold(text)
        years = [(m.start(), int(m.group())) for m in _YEAR.finditer(text)]
        self._year_at = [pos for pos, _ in years]
        self._years = [year for _, year in years]

    def year_before(self, pos: int) -> int | None:
        i = bisect.bisect_left(self._year_at, pos)
        return self._years[i - 1] if i else None

    def lines(self, limit: int) -> list[_Line]:
        """The first LIMIT non-empty lines."""
        found: list[_Line] = []
        start = 0
        while start <= len(self.raw) and len(found) < limit:
            end = self.raw.find("\n", start)
            end = len(self.raw) if end < 0 else end
            if self.raw[start:end].strip():
                found.append(_Line(start, end))
            start = end + 1
        return found


@dataclass(frozen=True)
class _Line:
    start: int
    end: int


# ---------------------------------------------------------------------------------------
# Numbers and symbols: "01/CT-UBND", "98/2023/NĐ-CP", "39-CT/TW", "2563/UBND-TH".

# Đ also as "Ð" (U+00D0), which documents converted from legacy Vietnamese fonts carry.
_SYMBOL = r"[A-ZĐÐ][A-Za-zĐđÐð0-9]*"
_NUMBER = re.compile(
    r"(?<![0-9A-Za-zĐđÐð/.\-])"
    rf"(?:[0-9]{{1,5}}-{_SYMBOL}(?:/{_SYMBOL})+"  # the Party's form: 39-CT/TW
    rf"|[0-9]{{1,5}}(?:/(?:19|20)[0-9]{{2}})?/{_SYMBOL}(?:[-/.]{_SYMBOL})*)"  # the State's: 98/2023/NĐ-CP
)

# Kind letters of Nghị định 30/2020/NĐ-CP (and the Party's), by the kind they stand for.
_TYPE_CODES = {
    "CT": CHI_THI, "KH": KE_HOACH, "QĐ": QUYET_DINH, "QD": QUYET_DINH, "NĐ": NGHI_DINH, "ND": NGHI_DINH,
    "TT": THONG_TU, "TTLT": THONG_TU, "HD": HUONG_DAN, "TTR": TO_TRINH, "BC": BAO_CAO, "TB": THONG_BAO,
    "CV": CONG_VAN,
    **dict.fromkeys(("NQ", "QC", "QYĐ", "TC", "CTR", "PA", "ĐA", "DA", "BB", "HĐ", "CĐ", "BGN", "UQ", "PL", "GM",
                     "GGT", "GNP", "GUQ", "GXN", "PB", "KL", "SL", "L"), KHAC),
}
_PARTY_TYPE = re.compile(r"[0-9]+-([^/]+)/")
_STATE_TYPE = re.compile(r"[0-9]+(/(?:19|20)[0-9]{2})?/([^-/.]+)")
_LAW_SYMBOL = re.compile(r"QH[0-9]*")
_NUMBER_YEAR = re.compile(r"[0-9]+/((?:19|20)[0-9]{2})/")


def _number_at(raw: str, pos: int) -> str | None:
    m = _NUMBER.match(raw, pos)
    if m is None or (m.end() < len(raw) and raw[m.end()].isalpha()):
        return None  # a symbol glued to a word ("…UBNDvề") cannot be told from the word
    return m.group()


def _kind_of_number(number: str | None) -> str | None:
    """The kind the symbol's letters name; a State number without kind letters is a công văn."""
    if not number:
        return None
    number = number.replace("Ð", "Đ").replace("ð", "đ")
    party = _PARTY_TYPE.match(number)
    if party:
        return _TYPE_CODES.get(party.group(1).upper())
    state = _STATE_TYPE.match(number)
    if state is None:
        return None
    code = state.group(2).upper()
    if _LAW_SYMBOL.fullmatch(code):
        return LUAT
    if code in _TYPE_CODES:
        return _TYPE_CODES[code]
    return None if state.group(1) else CONG_VAN  # numbers with a year are legal documents, never công văn


def _year_of_number(number: str | None) -> int | None:
    m = _NUMBER_YEAR.match(number or "")
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------------------------------
# Dates: "02/01/2024", "21.5.2004", "15 tháng 10 năm 2019", and without a year "4/7".


@dataclass(frozen=True)
class _DateToken:
    day: int
    month: int
    year: int | None
    pos: int
    end: int


_NUMERIC_DATE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})(?![0-9])")
_WORDED_DATE = re.compile(r"([0-9]{1,2})\s*thang\s*([0-9]{1,2})\s*,?\s*nam\s*([0-9]{4})(?![0-9])")
_NUMERIC_DAY_MONTH = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})(?![0-9])(?![/.\-][0-9])")
_WORDED_DAY_MONTH = re.compile(r"([0-9]{1,2})\s*thang\s*([0-9]{1,2})(?![0-9])(?!\s*,?\s*nam\s*[0-9])")


def _date_token_at(folded: str, pos: int, *, yearless: bool) -> _DateToken | None:
    m = _NUMERIC_DATE.match(folded, pos)
    if m:
        return _DateToken(int(m.group(1)), int(m.group(3)), int(m.group(4)), pos, m.end())
    m = _WORDED_DATE.match(folded, pos)
    if m:
        return _DateToken(int(m.group(1)), int(m.group(2)), int(m.group(3)), pos, m.end())
    if not yearless:
        return None
    m = _NUMERIC_DAY_MONTH.match(folded, pos)
    if m:
        return _DateToken(int(m.group(1)), int(m.group(3)), None, pos, m.end())
    m = _WORDED_DAY_MONTH.match(folded, pos)
    if m:
        return _DateToken(int(m.group(1)), int(m.group(2)), None, pos, m.end())
    return None


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolved(token: _DateToken | None, src: _Source, own_year: int | None) -> dt.date | None:
    """The date TOKEN stands for; a missing year comes from the document, then the text before it."""
    if token is None:
        return None
    year = token.year or own_year or src.year_before(token.pos)
    return _valid_date(year, token.month, token.day) if year else None


# ---------------------------------------------------------------------------------------
# Issuers: "UBND tỉnh Điện Biên", "Chủ tịch UBND tỉnh", "Bộ trưởng Bộ Nội vụ", "Ban Bí thư".

_TITLES = {
    "pho chu tich": "Phó Chủ tịch", "chu tich": "Chủ tịch", "pho thu tuong": "Phó Thủ tướng",
    "thu tuong": "Thủ tướng", "bo truong": "Bộ trưởng", "thu truong": "Thứ trưởng", "pho giam doc": "Phó Giám đốc",
    "giam doc": "Giám đốc", "bi thu": "Bí thư", "thuong truc": "Thường trực", "truong ban": "Trưởng ban",
}
_TITLE = re.compile(r"(" + "|".join(_TITLES) + r")\s+")
_AWARD_BOARD = r"thi dua\s*[-–,]?\s*khen thuong"
# Central bodies are always written out in their own spelling ("Bộ chính trị" → "Bộ Chính trị").
# News sites lose the space before "về" when they strip links ("Bộ Chính trịvề việc").
_CENTRAL = [(re.compile(pattern + r"(?:(?![a-z0-9])|(?=ve\b))"), name) for pattern, name in (
    (r"uy ban thuong vu quoc hoi", "Ủy ban Thường vụ Quốc hội"),
    (r"ban chap hanh trung uong dang", "Ban Chấp hành Trung ương Đảng"),
    (r"ban chap hanh trung uong", "Ban Chấp hành Trung ương"),
    (r"ban bi thu", "Ban Bí thư"),
    (r"bo chinh tri", "Bộ Chính trị"),
    (r"van phong chinh phu", "Văn phòng Chính phủ"),
    (r"chinh phu", "Chính phủ"),
    (r"quoc hoi", "Quốc hội"),
    (r"chu tich nuoc", "Chủ tịch nước"),
    (rf"hoi dong {_AWARD_BOARD} trung uong", "Hội đồng Thi đua - Khen thưởng Trung ương"),
    (rf"ban {_AWARD_BOARD} trung uong", "Ban Thi đua - Khen thưởng Trung ương"),
)]
_LOCAL_HEADS = [(re.compile(pattern + r"(?![a-z0-9])"), name) for pattern, name in (
    (r"uy ban nhan dan", "Ủy ban nhân dân"), (r"ubnd", "UBND"),
    (r"hoi dong nhan dan", "Hội đồng nhân dân"), (r"hdnd", "HĐND"),
    (r"uy ban mat tran to quoc viet nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (rf"hoi dong {_AWARD_BOARD}", "Hội đồng Thi đua - Khen thưởng"),
    (rf"ban {_AWARD_BOARD}", "Ban Thi đua - Khen thưởng"),
    (r"tinh uy", "Tỉnh ủy"), (r"thanh uy", "Thành ủy"), (r"huyen uy", "Huyện ủy"), (r"quan uy", "Quận ủy"),
    (r"thi uy", "Thị ủy"), (r"dang uy", "Đảng ủy"),
)]
_ADMIN_UNIT = re.compile(r"\s+(tinh|thanh pho|tp\.?|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)(?![a-z0-9])")
# Ministries and departments capitalise only the first word of each field ("Sở Nội vụ"),
# which no rule recovers from an all-capitals header: their names are listed.
_FIELDS = [(re.compile(pattern + r"(?![a-z0-9])"), name) for pattern, name in (
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
_PROVINCES = frozenset(_folded_words(name) for name in (
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thừa Thiên Huế", "An Giang",
    "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định",
    "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
))
_SURNAMES = frozenset(_fold(name) for name in (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Mai", "Cao", "Lưu", "Trương", "Quách", "Tạ", "Lò", "Giàng",
    "Vương", "Thái", "Tống", "Lại", "Hà",
))
_MAX_PLACE_WORDS = 4
_PLACE_WORD = re.compile(r"[^\W\d_]\w*(?:-[^\W\d_]\w*)*")
_PLACE_GAP = re.compile(r" +(?:[-–] +)?")


@dataclass(frozen=True)
class _Agency:
    name: str
    end: int


def _agency_at(src: _Source, pos: int) -> _Agency | None:
    """The agency (with the office holder's title, if any) named from POS on, or None."""
    pos += len(src.raw[pos:]) - len(src.raw[pos:].lstrip(" "))
    central = _central_at(src, pos)
    if central:
        return central
    title = _TITLE.match(src.folded, pos)
    body_at = title.end() if title else pos
    body = _central_at(src, body_at) or _local_at(src, body_at) or _ministry_at(src, body_at)
    if body is None:
        return None
    if not title:
        return body
    written = src.raw[title.start(1):title.end(1)]
    return _Agency(f"{_TITLES[title.group(1)] if written.isupper() else _spaced(written)} {body.name}", body.end)


def _central_at(src: _Source, pos: int) -> _Agency | None:
    for pattern, name in _CENTRAL:
        m = pattern.match(src.folded, pos)
        if m:
            return _Agency(name, m.end())
    return None


def _local_head(src: _Source, pos: int) -> tuple[re.Match, str] | None:
    for pattern, name in _LOCAL_HEADS:
        head = pattern.match(src.folded, pos)
        if head:
            return head, name
    return None


def _local_at(src: _Source, pos: int) -> _Agency | None:
    found = _local_head(src, pos)
    if found is None:
        return None
    head, name = found
    end = head.end()
    admin = _ADMIN_UNIT.match(src.folded, end)
    if admin:
        end = admin.end()
    place_end = _place_end(src.raw, end)
    if place_end and admin and admin.group(1) == "tinh" and _is_person(src.raw[end:place_end]):
        place_end = None  # "Chủ tịch UBND tỉnh Nguyễn Hoài Anh": the holder's name, not the province's
    if place_end is None and admin and admin.group(1) in ("tp", "tp."):
        return None  # "TP." alone is no agency
    end = place_end or end
    written = src.raw[pos:end]
    if not written.isupper():
        return _Agency(_spaced(written), end)
    parts = [name]
    if admin:
        parts.append(src.raw[admin.start(1):admin.end(1)].lower())
    if place_end:
        parts.append(_capitalised(src.raw[(admin.end() if admin else head.end()):place_end]))
    return _Agency(" ".join(parts), end)


def _ministry_at(src: _Source, pos: int) -> _Agency | None:
    head = src.raw[pos:pos + 2]
    if head.casefold() not in ("sở", "bộ") or src.raw[pos + 2:pos + 3] != " ":
        return None
    at = pos + 3
    for pattern, name in _FIELDS:
        m = pattern.match(src.folded, at)
        if m:
            written = src.raw[pos:m.end()]
            return _Agency(f"{head.capitalize()} {name}" if written.isupper() else _spaced(written), m.end())
    if len(_place_words(src.raw, pos + 2)) < 2:
        return None  # one capitalised word may be the first of a field spelt in lower case after it
    end = _place_end(src.raw, pos + 2) or pos + 2
    return _Agency(_spaced(src.raw[pos:end]), end)


def _place_words(raw: str, pos: int) -> list[tuple[str, int]]:
    """The capitalised words after POS on the same line, with where each ends."""
    words: list[tuple[str, int]] = []
    while len(words) <= _MAX_PLACE_WORDS:
        gap = _PLACE_GAP.match(raw, pos)
        if gap is None or (not words and gap.group().strip()):
            break  # a dash joins the words of one name, it never starts one
        word = _PLACE_WORD.match(raw, gap.end())
        if word is None or not word.group()[0].isupper():
            break
        words.append((word.group(), word.end()))
        pos = word.end()
    return words


def _place_end(raw: str, pos: int) -> int | None:
    """Where the place name after POS ends: at a province's name, or before a person's name."""
    words = _place_words(raw, pos)
    if not words:
        return None
    names = [w for w, _ in words]
    for count in range(len(names), 0, -1):
        if _folded_words(" ".join(names[:count])) in _PROVINCES:
            return words[count - 1][1]
    for i in range(2, len(names)):
        if _fold(names[i]) in _SURNAMES:
            return words[i - 1][1]
    return words[min(len(words), _MAX_PLACE_WORDS) - 1][1]


def _is_person(words: str) -> bool:
    """Three words or more led by a surname, in prose: a person (place names in headers are in capitals)."""
    names = words.split()
    return (len(names) >= 3 and not words.isupper() and _fold(names[0]) in _SURNAMES
            and _folded_words(words) not in _PROVINCES)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _capitalised(text: str) -> str:
    return re.sub(r"\w+", lambda m: m.group().capitalize(), _spaced(text))


def _agency_named(text: str) -> str | None:
    """TEXT as an agency name in its usual spelling when it is one we know, else as written."""
    text = _spaced(text)
    if not text:
        return None
    agency = _agency_at(_Source(text), 0)
    if agency and agency.end >= len(text.rstrip(" .,;:")):
        return agency.name
    return text


# ---------------------------------------------------------------------------------------
# Mentions of documents in the text: "Chỉ thị số 39-CT/TW ngày 21/5/2004 của Ban Bí thư".


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    kind: str | None
    number: str | None
    date: _DateToken | None
    issuer: str | None
    title: str | None = None


_KIND_WORDS = {
    "thong tu lien tich": THONG_TU, "nghi dinh": NGHI_DINH, "thong tu": THONG_TU, "chi thi": CHI_THI,
    "ke hoach": KE_HOACH, "quyet dinh": QUYET_DINH, "cong van": CONG_VAN, "huong dan": HUONG_DAN,
    "to trinh": TO_TRINH, "bao cao": BAO_CAO, "thong bao": THONG_BAO, "nghi quyet": KHAC, "ket luan": KHAC,
    "quy dinh": KHAC, "chuong trinh": KHAC, "cong dien": KHAC, "van ban": None,
}
_KIND_WORD = r"\b(" + "|".join(_KIND_WORDS) + r")\b"
_KIND_WORD_BEFORE_NUMBER = re.compile(_KIND_WORD + r"\s+(?:so\b\s*:?\s*)?(?=[0-9])")
_ANY_KIND_WORD = re.compile(_KIND_WORD)
_DATE_LEAD = re.compile(r"\s*[,(]?\s*(?:ban hanh\s+)?ngay\s*")
_ISSUER_LEAD = re.compile(r"\s*,?\s*cua\s+")
_LAW_WORD = re.compile(r"\bluat\b")
_LAW_NUMBER_LEAD = re.compile(r"\bso\s*:?\s*(?=[0-9])")
_LAW_DATE_LEAD = re.compile(r"\bngay\s*(?=[0-9])")
_LAW_NAME_IN_LOWER_CASE = re.compile(r"sua doi|so\s*:?\s*[0-9]")
_LAW_WINDOW = 200


def _mentions(src: _Source) -> list[_Mention]:
    return sorted([*_numbered_mentions(src), *_law_mentions(src)], key=lambda m: m.start)


def _numbered_mentions(src: _Source) -> Iterator[_Mention]:
    for m in _KIND_WORD_BEFORE_NUMBER.finditer(src.folded):
        number = _number_at(src.raw, m.end())
        if number is None:
            continue
        date, end = _date_after(src, m.end() + len(number))
        issuer, end = _issuer_after(src, end)
        yield _Mention(m.start(), end, _KIND_WORDS[m.group(1)] or _kind_of_number(number), number, date, issuer)


def _date_after(src: _Source, pos: int) -> tuple[_DateToken | None, int]:
    lead = _DATE_LEAD.match(src.folded, pos)
    token = _date_token_at(src.folded, lead.end(), yearless=True) if lead else None
    return (token, token.end) if token else (None, pos)


def _issuer_after(src: _Source, pos: int) -> tuple[str | None, int]:
    lead = _ISSUER_LEAD.match(src.folded, pos)
    agency = _agency_at(src, lead.end()) if lead else None
    return (agency.name, agency.end) if agency else (None, pos)


def _law_mentions(src: _Source) -> Iterator[_Mention]:
    """Laws are cited by name and date ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022");
    an amending law names the laws it amends ("Luật sửa đổi, bổ sung một số điều của Luật X
    và Luật Y ngày …"): they are part of its name, not citations of their own."""
    covered = 0
    for word in _LAW_WORD.finditer(src.folded):
        if word.start() < covered or src.raw[word.start()] != "L" or not _names_a_law(src, word.end()):
            continue  # "pháp luật", "Luật này", a law inside an amending law's name
        window_end = _law_window_end(src, word.end())
        number_lead = _LAW_NUMBER_LEAD.search(src.folded, word.end(), window_end)
        number = _number_at(src.raw, number_lead.end()) if number_lead else None
        date_lead = _LAW_DATE_LEAD.search(src.folded, word.end(), window_end)
        date = _date_token_at(src.folded, date_lead.end(), yearless=False) if date_lead else None
        if number is None and date is None:
            continue
        end = max(number_lead.end() + len(number) if number else 0, date.end if date else 0)
        named_to = min(lead.start() for lead in (number_lead, date_lead) if lead)
        issuer, end = _issuer_after(src, end)
        covered = end
        title = _spaced(src.raw[word.start():named_to]).rstrip(" ,;(")
        yield _Mention(word.start(), end, LUAT, number, date, issuer, title or None)


def _names_a_law(src: _Source, pos: int) -> bool:
    rest = src.raw[pos:pos + 40].lstrip(" ")
    return bool(rest) and (rest[0].isupper() or bool(_LAW_NAME_IN_LOWER_CASE.match(_fold(rest))))


def _law_window_end(src: _Source, pos: int) -> int:
    """A law's number and date follow its name in the same clause, before any other document
    (an amending law's name runs on through the laws it amends)."""
    end = min(len(src.raw), pos + _LAW_WINDOW)
    amending = _AMENDING.match(src.folded, pos)
    for stop in (re.compile(r"[\n;]|\.\s"), _ANY_KIND_WORD, None if amending else _LAW_WORD):
        m = stop.search(src.folded, pos, end) if stop else None
        if m:
            end = m.start()
    return end


_AMENDING = re.compile(r"\s*sua doi\b")


# ---------------------------------------------------------------------------------------
# The main document, read from an official header.


@dataclass(frozen=True)
class _Main:
    kind: str | None = None
    number: str | None = None
    date: _DateToken | None = None
    issuer: str | None = None
    summary: str | None = None
    mention: _Mention | None = None
    summary_at: int | None = None  # where the trích yếu begins in the text


_HEADINGS = {
    "chi thi": CHI_THI, "ke hoach": KE_HOACH, "quyet dinh": QUYET_DINH, "cong van": CONG_VAN,
    "nghi dinh": NGHI_DINH, "thong tu": THONG_TU, "thong tu lien tich": THONG_TU, "luat": LUAT,
    "huong dan": HUONG_DAN, "to trinh": TO_TRINH, "bao cao": BAO_CAO, "thong bao": THONG_BAO,
    "nghi quyet": KHAC, "chuong trinh": KHAC, "cong dien": KHAC, "ket luan": KHAC, "quy dinh": KHAC,
    "de an": KHAC, "phuong an": KHAC,
}
_MOTTO = re.compile(r"(cong hoa xa hoi chu nghia viet nam|dang cong san viet nam)"
                    r"|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc")
_NUMBER_LABEL = re.compile(r"(?:^|(?<=\s))(?:luat\s+)?so\s*(:?)\s*(?=[0-9])", re.M)
_PLACE_DATE = re.compile(r"(?:^\s*|,\s*)ngay\s*(?=[0-9])", re.M)
_SEPARATOR = re.compile(r"^[\s\-–—_=*.~]*$")
_SUMMARY_LABEL = re.compile(r"\s*(?:v/v|ve viec)\b")
_OF_AGENCY = re.compile(r"\s*cua\s+")
_HEADER_LINES = 25
_HEADING_LINES = 40
_SUMMARY_LINES = 3
_PLACE_LENGTH = 60  # "Số: 01/CT-UBND  Thành phố Hồ Chí Minh" when a PDF puts both columns on one line


@dataclass(frozen=True)
class _NumberLine:
    index: int
    number: str
    label_at: int


def _official(src: _Source) -> _Main | None:
    """The document's own header, when the text starts with one."""
    lines = src.lines(_HEADING_LINES)
    head = lines[:_HEADER_LINES]
    number_line = _number_line(src, head)
    heading = _heading(src, lines)
    starts_with_heading = heading is not None and heading[0] == 0
    if not (number_line or starts_with_heading or any(_motto_at(src, line) for line in head)):
        return None
    top = lines[:heading[0]] if heading else head
    number = number_line.number if number_line else None
    issuer = _header_issuer(src, top, number_line)
    if heading is None:
        labelled = _labelled_at(src, top)
        return _Main(kind=_kind_of_number(number), number=number, date=_place_date(src, top), issuer=issuer,
                     summary=_labelled_summary(src, top), summary_at=labelled)
    under = [line for line in lines[heading[0] + 1:] if not _SEPARATOR.match(src.raw[line.start:line.end])]
    named_under = _agency_line(src, under[0], after_of=True) if under else None
    if named_under:
        under = under[1:]
    summary_lines = _summary_lines(src, under)
    authority = _agency_line(src, under[len(summary_lines)]) if len(under) > len(summary_lines) else None
    return _Main(kind=heading[1], number=number, date=_place_date(src, top),
                 issuer=named_under or authority or issuer or _prose_issuer(src, heading[1]),
                 summary=_joined_summary(src, summary_lines),
                 summary_at=summary_lines[0].start if summary_lines else None)


def _prose_issuer(src: _Source, kind: str) -> str | None:
    """A header copied without its agency block: the agency the text says issues the
    document ("Hội đồng Thi đua - Khen thưởng tỉnh ban hành Kế hoạch…")."""
    words = "|".join(word for word, code in _HEADINGS.items() if code == kind)
    for verb in re.finditer(rf"\bban hanh\s+(?:{words})\b", src.folded):
        subject = _subject(src, _clause_start(src.raw, verb.start(), _SENTENCE_BREAKS), verb.start())
        if subject:
            return subject
    return None


def _labelled_at(src: _Source, top: list[_Line]) -> int | None:
    return next((line.start for line in top if _SUMMARY_LABEL.match(src.folded, line.start)), None)


def _agency_line(src: _Source, line: _Line, *, after_of: bool = False) -> str | None:
    """The agency a whole line names: "CỦA BAN BÍ THƯ" under a Party heading, or the authority
    line under a decision's trích yếu ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ SƠN")."""
    start = line.start
    if after_of:
        of = _OF_AGENCY.match(src.folded, start, line.end)
        if of is None:
            return None
        start = of.end()
    elif not src.raw[line.start:line.end].isupper():
        return None
    agency = _agency_at(src, start)
    if agency is None or src.raw[agency.end:line.end].strip(" .,;:"):
        return None
    return agency.name


def _labelled_summary(src: _Source, top: list[_Line]) -> str | None:
    """A công văn has no heading: its trích yếu is the "V/v …" under its number."""
    labelled = [i for i, line in enumerate(top) if _SUMMARY_LABEL.match(src.folded, line.start)]
    return _joined_summary(src, _summary_lines(src, top[labelled[0]:])) if labelled else None


def _motto_at(src: _Source, line: _Line) -> re.Match | None:
    """The national motto or the Party's name; in capitals only, since prose names the State too."""
    for m in _MOTTO.finditer(src.folded, line.start, line.end):
        if m.group(1) is None or src.raw[m.start():m.end()].isupper():
            return m
    return None


def _number_line(src: _Source, lines: list[_Line]) -> _NumberLine | None:
    """The "Số: 01/CT-UBND" line; a line like "Số 12 Lê Lợi" holds no document number."""
    for index, line in enumerate(lines):
        for label in _NUMBER_LABEL.finditer(src.folded, line.start, line.end):
            at_line_start = not src.folded[line.start:label.start()].strip()
            number = _number_at(src.raw, label.end()) if at_line_start or label.group(1) else None
            if number:
                return _NumberLine(index, number, label.start())
    return None


def _heading(src: _Source, lines: list[_Line]) -> tuple[int, str] | None:
    for index, line in enumerate(lines):
        written = src.raw[line.start:line.end].strip()
        kind = _HEADINGS.get(_spaced(_fold(written)))
        if kind and written.isupper():
            return index, kind
    return None


def _place_date(src: _Source, lines: list[_Line]) -> _DateToken | None:
    """The date of "Hà Sơn, ngày 02 tháng 01 năm 2026"; not that of a document cited near the top."""
    for line in lines:
        for lead in _PLACE_DATE.finditer(src.folded, line.start, line.end):
            before = src.folded[line.start:lead.start()]
            if len(before) <= _PLACE_LENGTH and not _ANY_KIND_WORD.search(before):
                return _date_token_at(src.folded, lead.end(), yearless=False)
    return None


def _header_issuer(src: _Source, top: list[_Line], number_line: _NumberLine | None) -> str | None:
    """The agency block above "Số:"; of two levels ("UBND TỈNH X / SỞ NỘI VỤ") the lower one issues."""
    pieces = []
    for index, line in enumerate(top):
        end = line.end
        if number_line and index >= number_line.index:
            if index > number_line.index:
                break
            end = number_line.label_at
        motto = _motto_at(src, _Line(line.start, end))
        text = src.raw[line.start:motto.start() if motto else end].strip(" -–—_=*.~")
        if text.isupper() and sum(ch.isalpha() for ch in text) >= 2 and not _SUMMARY_LABEL.match(_fold(text)):
            pieces.append(text)
    if not pieces:
        return None
    block = [pieces[-1]]
    for piece in reversed(pieces[:-1]):
        if _continues_agency(piece, block[0]):
            block.insert(0, piece)
        else:
            break
    return _agency_named(" ".join(block))


def _continues_agency(above: str, below: str) -> bool:
    """Whether BELOW finishes the name begun on the line ABOVE ("ỦY BAN NHÂN DÂN / TỈNH HÀ SƠN")."""
    if _ADMIN_UNIT.match(" " + _fold(below)) or _fold(below).startswith("trung uong"):
        return True
    folded = _spaced(_fold(above))
    return any(pattern.fullmatch(folded) for pattern, _ in _LOCAL_HEADS)


def _summary_lines(src: _Source, lines: list[_Line]) -> list[_Line]:
    """The trích yếu's lines: the first, and those that carry on its sentence."""
    taken: list[_Line] = []
    for line in lines[:_SUMMARY_LINES]:
        if taken and not _continues_sentence(src, taken[-1], line):
            break
        taken.append(line)
    return taken


def _joined_summary(src: _Source, lines: list[_Line]) -> str | None:
    parts = []
    for line in lines:
        motto = _motto_at(src, line)
        parts.append(src.raw[line.start:motto.start() if motto else line.end])
    text = _spaced(" ".join(parts))
    return _sentence_case(text) if text else None


def _continues_sentence(src: _Source, previous: _Line, line: _Line) -> bool:
    adjacent = src.raw.count("\n", previous.end, line.start) == 1
    first = src.raw[line.start:line.end].strip()[:1]
    return adjacent and first.islower() and not src.raw[previous.start:previous.end].rstrip().endswith((".", ":"))


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------
# The main document, read from prose: the first one the text says was issued.

_ISSUED_BEFORE = re.compile(r"\b(?:ban hanh|ky|phat dong|(?:da|vua|moi) (?:co|gui))\s*$")
_AT_DOCUMENT = re.compile(r"\s*(?:tai|theo)\s*")
_ISSUING_VERB = re.compile(r"\b(?:phat dong|ban hanh|keu goi)\b")
_COMMA = re.compile(r"\s*,\s*")
_OPENING_DATE = re.compile(r"\s*ngay\s*")
_COMRADE = re.compile(r"\s*(?:,\s*(?:dong chi\s+)?)?")
_FILLER_WORDS = frozenset({"da", "vua", "moi", "chinh", "thuc", "cung", "ky"})
_MAX_NAME_WORDS = 4
_CLAUSE_LIMIT = 200
_CLAUSE_BREAKS = ",;:!?\n("
_SENTENCE_BREAKS = ";:!?\n"
_ABBREVIATIONS = frozenset({"tp", "tx", "tt", "q", "p", "h", "x", "ts", "ths", "pgs", "gs", "bs", "ks", "th"})
_SENTENCE_LIMIT = 400
_SUMMARY_START = re.compile(r"[\s,)]*(?=(?:ve viec|ve|v/v|phat dong|huong dan|quy dinh|trien khai|to chuc"
                            r"|thuc hien)\b)")
_DATELINE = re.compile(r"\A\s*([^\W\d_][^:\n]{0,40}?)\s*:\s")
_BARE_ADMIN = re.compile(r"\b(?:tinh|thanh pho)$")


def _described(src: _Source, mentions: list[_Mention]) -> _Main | None:
    for mention in mentions:
        issuing = _issuing(src, mention)
        if issuing:
            return _main_from(src, mention, issuing)
    first = _leading_mention(src, mentions) or _launching_mention(src, mentions)
    return _main_from(src, first, _Issuing(None, None)) if first else None


_LAUNCHING_SUMMARY = re.compile(r"(?:ve viec |ve )?phat dong\b")


def _launching_mention(src: _Source, mentions: list[_Mention]) -> _Mention | None:
    """ "Tại Chỉ thị số 03/CT-UBND của Chủ tịch UBND tỉnh về việc phát động…": the document
    whose trích yếu launches a movement is the one the text is about."""
    for mention in mentions:
        lead = _SUMMARY_START.match(src.folded, mention.end)
        if lead and _LAUNCHING_SUMMARY.match(src.folded, lead.end()):
            return mention
    return None


@dataclass(frozen=True)
class _Issuing:
    """What the sentence that issues a document says besides the document: who, and maybe when."""

    subject: str | None
    date: _DateToken | None


def _issuing(src: _Source, mention: _Mention) -> _Issuing | None:
    """How the text says MENTION was issued ("đã ban hành Chỉ thị…", "Tại Công văn…, … phát động"),
    or None when it does not."""
    clause = _clause_start(src.raw, mention.start)
    before = src.folded[clause:mention.start]
    verb = _ISSUED_BEFORE.search(before)
    if verb:
        # From the sentence's start, not the clause's: agency names hold commas ("Sở Văn hóa, Thể thao…").
        subject = _subject(src, _clause_start(src.raw, mention.start, _SENTENCE_BREAKS), clause + verb.start())
        return _Issuing(subject, _opening_date(src, clause))
    if not _AT_DOCUMENT.fullmatch(before):
        return None
    comma = _COMMA.match(src.folded, mention.end)
    if comma is None:
        return None
    end = _sentence_end(src.raw, comma.end(), _SENTENCE_LIMIT) or comma.end()
    verb = _ISSUING_VERB.search(src.folded, comma.end(), end)
    if verb is None:
        return None
    return _Issuing(_subject(src, comma.end(), verb.start()), None)


def _opening_date(src: _Source, clause: int) -> _DateToken | None:
    """ "Ngày 15/3, UBND tỉnh ban hành Kế hoạch…": the date that opens the sentence is the issue date."""
    comma = clause - 1
    if comma < 0 or src.raw[comma] != ",":
        return None
    start = _clause_start(src.raw, comma)
    if start > 0 and src.raw[start - 1] not in ".!?\n":
        return None
    lead = _OPENING_DATE.match(src.folded, start)
    token = _date_token_at(src.folded, lead.end(), yearless=True) if lead else None
    return token if token and not src.folded[token.end:comma].strip() else None


def _clause_start(raw: str, pos: int, breaks: str = _CLAUSE_BREAKS) -> int:
    low = max(0, pos - _CLAUSE_LIMIT)
    for i in range(pos - 1, low - 1, -1):
        if raw[i] in breaks or _is_full_stop(raw, i):
            return i + 1
    return low


def _is_full_stop(raw: str, i: int) -> bool:
    """A period that ends a sentence: followed by a space, and not closing "TP." or "TS."."""
    if raw[i] != "." or not raw[i + 1:i + 2].isspace():
        return False
    word = re.search(r"[^\W\d_]+$", raw[max(0, i - 4):i])
    return not (word and _fold(word.group()) in _ABBREVIATIONS)


def _subject(src: _Source, start: int, end: int) -> str | None:
    """The agency that is the subject of the clause START..END, ending where the verb begins."""
    for word in re.finditer(r"\S+", src.raw[start:end]):
        agency = _agency_at(src, start + word.start())
        if agency and agency.end <= end and _only_filler(src.raw[agency.end:end]):
            return agency.name
    return None


def _only_filler(text: str) -> bool:
    """Nothing but an office holder's name and adverbs ("Lê Văn Lương đã", ", đồng chí Lê Văn Lương đã")
    lies between subject and verb."""
    words = text[_COMRADE.match(_fold(text)).end():].split()
    named = 0
    while named < min(len(words), _MAX_NAME_WORDS) and words[named][:1].isupper():
        named += 1
    return all(_fold(w) in _FILLER_WORDS for w in words[named:])


def _leading_mention(src: _Source, mentions: list[_Mention]) -> _Mention | None:
    """A text that opens with a document's number is about that document."""
    first = len(src.raw) - len(src.raw.lstrip())
    return next((m for m in mentions if m.start == first), None)


def _main_from(src: _Source, mention: _Mention, issuing: _Issuing) -> _Main:
    issuer = _completed_from_dateline(src, mention.issuer or issuing.subject)
    return _Main(kind=mention.kind, number=mention.number, date=mention.date or issuing.date, issuer=issuer,
                 summary=_summary_after(src, mention.end), mention=mention, summary_at=mention.end)


def _completed_from_dateline(src: _Source, issuer: str | None) -> str | None:
    """ "UBND tỉnh" of an article headed "Điện Biên: …" is the UBND of that province."""
    if issuer is None or not _BARE_ADMIN.search(_fold(issuer)):
        return issuer
    dateline = _DATELINE.match(src.raw)
    if dateline and _folded_words(dateline.group(1)) in _PROVINCES:
        return f"{issuer} {_spaced(dateline.group(1))}"
    return issuer


def _summary_after(src: _Source, pos: int) -> str | None:
    """What the prose says the document is about, when the words right after it say so."""
    lead = _SUMMARY_START.match(src.folded, pos)
    if lead is None:
        return None
    end = _sentence_end(src.raw, lead.end(), _SENTENCE_LIMIT)
    text = _spaced(src.raw[lead.end():end]).rstrip(" .,;:") if end else ""
    return _sentence_case(text) if text else None


def _sentence_end(raw: str, start: int, limit: int) -> int | None:
    stop = min(len(raw), start + limit)
    for i in range(start, stop):
        ch = raw[i]
        if ch in "\n;!?" or (i + 1 == len(raw) and ch == ".") or _is_full_stop(raw, i):
            return i
    return len(raw) if stop == len(raw) else None


# ---------------------------------------------------------------------------------------
# Theme, movements and end date.

_QUOTED = re.compile(r"“([^“”\n]{1,400})”|«([^«»\n]{1,400})»|\"([^\"\n]{1,400})\"|„([^„“”\n]{1,400})[“”]")
_THEME_LEAD = re.compile(r"\bchu de(?:\s+nam\s+[0-9]{4})?\s*(?:la|:|-|–)?\s*(?:la\s*)?$")
_MOVEMENT_TRIGGER = re.compile(r"\b(?:phong trao(?:\s+thi dua)?|cuoc van dong)\b")
_MODIFIER = (r"(?:thi dua|yeu nuoc|lon|dac biet|cao diem|chuyen de|trong tam|trong diem|toan quoc"
             r"|nam [0-9]{4}|[0-9]{1,4}|giai doan [0-9]{4}\s*[-–]\s*[0-9]{4})")
_NAME_FOLLOWS = re.compile(rf"(?:\s*{_MODIFIER})*\s*[:\-–]?\s*")
_LIST_FOLLOWS = re.compile(r"[^.;!?\n]{0,80}\b(?:nhu|gom|la|sau day|sau)\s*:?\s*")
_NEXT_IN_LIST = re.compile(r"\s*(?:[,;]|,?\s*va)?\s*")
_LOOK_BACK = 120


@dataclass(frozen=True)
class _Quote:
    start: int
    end: int
    text: str


def _quotes(src: _Source) -> list[_Quote]:
    found = []
    for m in _QUOTED.finditer(src.raw):
        text = _spaced(next(g for g in m.groups() if g is not None))
        if text:
            found.append(_Quote(m.start(), m.end(), text))
    return found


def _theme(src: _Source) -> str | None:
    for quote in _quotes(src):
        if _THEME_LEAD.search(src.folded, max(0, quote.start - 60), quote.start):
            return quote.text
    return None


def _movements(src: _Source) -> list[str]:
    """Quoted names that follow "phong trào (thi đua)" or "cuộc vận động", and the list they head."""
    names: list[str] = []
    previous: _Quote | None = None
    in_list = False
    for quote in _quotes(src):
        if in_list and previous and _NEXT_IN_LIST.fullmatch(src.folded, previous.end, quote.start):
            names.append(quote.text)
        else:
            in_list = _follows_trigger(src, quote, previous)
            if in_list:
                names.append(quote.text)
        previous = quote
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(_folded_words(name), name)
    return list(unique.values())


def _follows_trigger(src: _Source, quote: _Quote, previous: _Quote | None) -> bool:
    low = max(previous.end if previous else 0, quote.start - _LOOK_BACK)
    triggers = list(_MOVEMENT_TRIGGER.finditer(src.folded, low, quote.start))
    if not triggers:
        return False
    gap_start = triggers[-1].end()
    if _THEME_LEAD.search(src.folded, gap_start, quote.start):
        return False
    return bool(_NAME_FOLLOWS.fullmatch(src.folded, gap_start, quote.start)
                or _LIST_FOLLOWS.fullmatch(src.folded, gap_start, quote.start))


def _launched(src: _Source, mentions: list[_Mention], main: _Main) -> Launched:
    return launched(src.raw, src.folded, summary_at=main.summary_at, stops=[m.start for m in mentions])


def _with_locality(src: _Source, issuer: str | None) -> str | None:
    """ "Chủ tịch UBND tỉnh" of a text that names one province only is that province's."""
    if issuer is None or not _fold(issuer).endswith(" tinh"):
        return issuer
    named: dict[str, str] = {}
    for name in _PROVINCES:
        pattern = r"(?<![a-z])" + r"\s+".join(map(re.escape, name.split())) + r"(?![a-z])"
        for m in re.finditer(pattern, src.folded):
            if src.raw[m.start()].isupper():
                named.setdefault(name, _spaced(src.raw[m.start():m.end()]))
    # "Huế" inside "Thừa Thiên Huế" is the same province.
    places = {written for name, written in named.items() if not any(name != other and name in other for other in named)}
    return f"{issuer} {places.pop()}" if len(places) == 1 else issuer


_UNTIL_DAY = re.compile(r"\b(?:tu nay (?:den|toi)\s+(?:het\s+)?|den het\s+"
                        r"|thoi gian (?:thi dua|thuc hien|phat dong)[^\n;]{0,60}?(?:den|toi)\s+(?:het\s+)?)"
                        r"(?:ngay\s*)?(?=[0-9])")
_UNTIL_YEAR_END = re.compile(r"\bden het nam\s+((?:19|20)[0-9]{2})(?![0-9])")
_LAUNCHED_FOR_PERIOD = re.compile(r"\b(?:phat dong|to chuc|trien khai) (?:cac )?phong trao[^.;\n]{0,120}?giai doan\s*"
                                  r"((?:19|20)[0-9]{2})\s*[-–]\s*((?:19|20)[0-9]{2})(?![0-9])")


def _end_date(src: _Source, year: int | None, start: dt.date | None) -> dt.date | None:
    """The last day of the movement, when the text states it; never before the document's date."""
    found = sorted(_end_dates(src, year), key=lambda item: item[0])
    end = found[0][1] if found else None
    return None if end and start and end < start else end


def _end_dates(src: _Source, year: int | None) -> Iterator[tuple[int, dt.date]]:
    for m in _UNTIL_DAY.finditer(src.folded):
        day = _resolved(_date_token_at(src.folded, m.end(), yearless=True), src, year)
        if day:
            yield m.start(), day
    for m in _UNTIL_YEAR_END.finditer(src.folded):
        day = _valid_date(int(m.group(1)), 12, 31)
        if day:
            yield m.start(), day
    for m in _LAUNCHED_FOR_PERIOD.finditer(src.folded):
        first, last = int(m.group(1)), int(m.group(2))
        day = _valid_date(last, 12, 31) if last > first else None
        if day:
            yield m.start(), day


# ---------------------------------------------------------------------------------------
# References: every other document the text cites, once each.


def _references(src: _Source, mentions: list[_Mention], main: _Main, year: int | None) -> list[Reference]:
    found: dict[object, Reference] = {}
    for mention in mentions:
        if mention is main.mention or _is_main(mention, main):
            continue
        date = _resolved(mention.date, src, _year_of_number(mention.number) or year)
        if mention.number is None and date is None:
            continue
        key = mention.number.upper() if mention.number else (mention.kind, date)
        ref = Reference(mention.kind, mention.number, date, mention.issuer, mention.title)
        found[key] = _merged(found[key], ref) if key in found else ref
    return list(found.values())


def _is_main(mention: _Mention, main: _Main) -> bool:
    return bool(mention.number and main.number and mention.number.upper() == main.number.upper())


def _merged(first: Reference, again: Reference) -> Reference:
    """One document cited twice: what the first citation leaves out, a later one may state."""
    return Reference(first.kind or again.kind, first.number, first.date or again.date, first.issuer or again.issuer,
                     first.title or again.title)
