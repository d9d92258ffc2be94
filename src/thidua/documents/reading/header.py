"""The main document, read from an official header."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.documents.reading import kinds
from thidua.documents.reading.clauses import SENTENCE_BREAKS, clause_start, subject_between
from thidua.documents.reading.dates import DateToken, date_token_at
from thidua.documents.reading.issuers import ADMIN_UNIT, LOCAL_HEADS, agency_at, agency_named, spaced
from thidua.documents.reading.mentions import ANY_KIND_WORD, Mention
from thidua.documents.reading.numbers import kind_of_number, number_at
from thidua.documents.reading.text import Line, Source, fold


@dataclass(frozen=True)
class Main:
    kind: str | None = None
    number: str | None = None
    date: DateToken | None = None
    issuer: str | None = None
    summary: str | None = None
    mention: Mention | None = None
    summary_at: int | None = None  # where the trích yếu begins in the text
HEADINGS = {
    "chi thi": kinds.CHI_THI, "ke hoach": kinds.KE_HOACH, "quyet dinh": kinds.QUYET_DINH, "cong van": kinds.CONG_VAN,
    "nghi dinh": kinds.NGHI_DINH, "thong tu": kinds.THONG_TU, "thong tu lien tich": kinds.THONG_TU, "luat": kinds.LUAT,
    "huong dan": kinds.HUONG_DAN, "to trinh": kinds.TO_TRINH, "bao cao": kinds.BAO_CAO, "thong bao": kinds.THONG_BAO,
    "nghi quyet": kinds.KHAC, "chuong trinh": kinds.KHAC, "cong dien": kinds.KHAC, "ket luan": kinds.KHAC,
    "quy dinh": kinds.KHAC,
    "de an": kinds.KHAC, "phuong an": kinds.KHAC,
}
MOTTO = re.compile(r"(cong hoa xa hoi chu nghia viet nam|dang cong san viet nam)"
                    r"|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc")
NUMBER_LABEL = re.compile(r"(?:^|(?<=\s))(?:luat\s+)?so\s*(:?)\s*(?=[0-9])", re.M)
PLACE_DATE = re.compile(r"(?:^\s*|,\s*)ngay\s*(?=[0-9])", re.M)
SEPARATOR = re.compile(r"^[\s\-–—_=*.~]*$")
SUMMARY_LABEL = re.compile(r"\s*(?:v/v|ve viec)\b")
OF_AGENCY = re.compile(r"\s*cua\s+")
HEADER_LINES = 25
HEADING_LINES = 40
SUMMARY_LINES = 3
PLACE_LENGTH = 60  # "Số: 01/CT-UBND  Thành phố Hồ Chí Minh" when a PDF puts both columns on one line


@dataclass(frozen=True)
class NumberLine:
    index: int
    number: str
    label_at: int


def official(src: Source) -> Main | None:
    """The document's own header, when the text starts with one."""
    lines = src.lines(HEADING_LINES)
    head = lines[:HEADER_LINES]
    number_line = find_number_line(src, head)
    heading = find_heading(src, lines)
    starts_with_heading = heading is not None and heading[0] == 0
    if not (number_line or starts_with_heading or any(motto_at(src, line) for line in head)):
        return None
    top = lines[:heading[0]] if heading else head
    number = number_line.number if number_line else None
    issuer = header_issuer(src, top, number_line)
    if heading is None:
        labelled = labelled_at(src, top)
        return Main(kind=kind_of_number(number), number=number, date=place_date(src, top), issuer=issuer,
                     summary=labelled_summary(src, top), summary_at=labelled)
    under = [line for line in lines[heading[0] + 1:] if not SEPARATOR.match(src.raw[line.start:line.end])]
    named_under = agency_line(src, under[0], after_of=True) if under else None
    if named_under:
        under = under[1:]
    summary_lines = lines_of_summary(src, under)
    authority = agency_line(src, under[len(summary_lines)]) if len(under) > len(summary_lines) else None
    return Main(kind=heading[1], number=number, date=place_date(src, top),
                 issuer=named_under or authority or issuer or prose_issuer(src, heading[1]),
                 summary=joined_summary(src, summary_lines),
                 summary_at=summary_lines[0].start if summary_lines else None)


def prose_issuer(src: Source, kind: str) -> str | None:
    """A header copied without its agency block: the agency the text says issues the
    document ("Hội đồng Thi đua - Khen thưởng tỉnh ban hành Kế hoạch…")."""
    words = "|".join(word for word, code in HEADINGS.items() if code == kind)
    for verb in re.finditer(rf"\bban hanh\s+(?:{words})\b", src.folded):
        subject = subject_between(src, clause_start(src.raw, verb.start(), SENTENCE_BREAKS), verb.start())
        if subject:
            return subject
    return None


def labelled_at(src: Source, top: list[Line]) -> int | None:
    return next((line.start for line in top if SUMMARY_LABEL.match(src.folded, line.start)), None)


def agency_line(src: Source, line: Line, *, after_of: bool = False) -> str | None:
    """The agency a whole line names: "CỦA BAN BÍ THƯ" under a Party heading, or the authority
    line under a decision's trích yếu ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ SƠN")."""
    start = line.start
    if after_of:
        of = OF_AGENCY.match(src.folded, start, line.end)
        if of is None:
            return None
        start = of.end()
    elif not src.raw[line.start:line.end].isupper():
        return None
    agency = agency_at(src, start)
    if agency is None or src.raw[agency.end:line.end].strip(" .,;:"):
        return None
    return agency.name


def labelled_summary(src: Source, top: list[Line]) -> str | None:
    """A công văn has no heading: its trích yếu is the "V/v …" under its number."""
    labelled = [i for i, line in enumerate(top) if SUMMARY_LABEL.match(src.folded, line.start)]
    return joined_summary(src, lines_of_summary(src, top[labelled[0]:])) if labelled else None


def motto_at(src: Source, line: Line) -> re.Match | None:
    """The national motto or the Party's name; in capitals only, since prose names the State too."""
    for m in MOTTO.finditer(src.folded, line.start, line.end):
        if m.group(1) is None or src.raw[m.start():m.end()].isupper():
            return m
    return None


def find_number_line(src: Source, lines: list[Line]) -> NumberLine | None:
    """The "Số: 01/CT-UBND" line; a line like "Số 12 Lê Lợi" holds no document number."""
    for index, line in enumerate(lines):
        for label in NUMBER_LABEL.finditer(src.folded, line.start, line.end):
            at_line_start = not src.folded[line.start:label.start()].strip()
            number = number_at(src.raw, label.end()) if at_line_start or label.group(1) else None
            if number:
                return NumberLine(index, number, label.start())
    return None


def find_heading(src: Source, lines: list[Line]) -> tuple[int, str] | None:
    for index, line in enumerate(lines):
        written = src.raw[line.start:line.end].strip()
        kind = HEADINGS.get(spaced(fold(written)))
        if kind and written.isupper():
            return index, kind
    return None


def place_date(src: Source, lines: list[Line]) -> DateToken | None:
    """The date of "Hà Sơn, ngày 02 tháng 01 năm 2026"; not that of a document cited near the top."""
    for line in lines:
        for lead in PLACE_DATE.finditer(src.folded, line.start, line.end):
            before = src.folded[line.start:lead.start()]
            if len(before) <= PLACE_LENGTH and not ANY_KIND_WORD.search(before):
                return date_token_at(src.folded, lead.end(), yearless=False)
    return None


def header_issuer(src: Source, top: list[Line], number_line: NumberLine | None) -> str | None:
    """The agency block above "Số:"; of two levels ("UBND TỈNH X / SỞ NỘI VỤ") the lower one issues."""
    pieces = []
    for index, line in enumerate(top):
        end = line.end
        if number_line and index >= number_line.index:
            if index > number_line.index:
                break
            end = number_line.label_at
        motto = motto_at(src, Line(line.start, end))
        text = src.raw[line.start:motto.start() if motto else end].strip(" -–—_=*.~")
        if text.isupper() and sum(ch.isalpha() for ch in text) >= 2 and not SUMMARY_LABEL.match(fold(text)):
            pieces.append(text)
    if not pieces:
        return None
    block = [pieces[-1]]
    for piece in reversed(pieces[:-1]):
        if continues_agency(piece, block[0]):
            block.insert(0, piece)
        else:
            break
    return agency_named(" ".join(block))


def continues_agency(above: str, below: str) -> bool:
    """Whether BELOW finishes the name begun on the line ABOVE ("ỦY BAN NHÂN DÂN / TỈNH HÀ SƠN")."""
    if ADMIN_UNIT.match(" " + fold(below)) or fold(below).startswith("trung uong"):
        return True
    folded = spaced(fold(above))
    return any(pattern.fullmatch(folded) for pattern, _ in LOCAL_HEADS)


def lines_of_summary(src: Source, lines: list[Line]) -> list[Line]:
    """The trích yếu's lines: the first, and those that carry on its sentence."""
    taken: list[Line] = []
    for line in lines[:SUMMARY_LINES]:
        if taken and not continues_sentence(src, taken[-1], line):
            break
        taken.append(line)
    return taken


def joined_summary(src: Source, lines: list[Line]) -> str | None:
    parts = []
    for line in lines:
        motto = motto_at(src, line)
        parts.append(src.raw[line.start:motto.start() if motto else line.end])
    text = spaced(" ".join(parts))
    return sentence_case(text) if text else None


def continues_sentence(src: Source, previous: Line, line: Line) -> bool:
    adjacent = src.raw.count("\n", previous.end, line.start) == 1
    first = src.raw[line.start:line.end].strip()[:1]
    return adjacent and first.islower() and not src.raw[previous.start:previous.end].rstrip().endswith((".", ":"))


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
