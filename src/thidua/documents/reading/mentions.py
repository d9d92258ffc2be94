"""Mentions of documents in the text: "Chỉ thị số 39-CT/TW ngày 21/5/2004 của Ban Bí thư"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from thidua.documents.reading import kinds
from thidua.documents.reading.dates import DateToken, date_token_at
from thidua.documents.reading.issuers import agency_at, spaced
from thidua.documents.reading.numbers import kind_of_number, number_at
from thidua.documents.reading.text import Source, fold


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str | None
    number: str | None
    date: DateToken | None
    issuer: str | None
    title: str | None = None
KIND_WORDS = {
    "thong tu lien tich": kinds.THONG_TU, "nghi dinh": kinds.NGHI_DINH, "thong tu": kinds.THONG_TU,
    "chi thi": kinds.CHI_THI,
    "ke hoach": kinds.KE_HOACH, "quyet dinh": kinds.QUYET_DINH, "cong van": kinds.CONG_VAN,
    "huong dan": kinds.HUONG_DAN,
    "to trinh": kinds.TO_TRINH, "bao cao": kinds.BAO_CAO, "thong bao": kinds.THONG_BAO, "nghi quyet": kinds.KHAC,
    "ket luan": kinds.KHAC,
    "quy dinh": kinds.KHAC, "chuong trinh": kinds.KHAC, "cong dien": kinds.KHAC, "van ban": None,
}
KIND_WORD = r"\b(" + "|".join(KIND_WORDS) + r")\b"
KIND_WORD_BEFORE_NUMBER = re.compile(KIND_WORD + r"\s+(?:so\b\s*:?\s*)?(?=[0-9])")
ANY_KIND_WORD = re.compile(KIND_WORD)
DATE_LEAD = re.compile(r"\s*[,(]?\s*(?:ban hanh\s+)?ngay\s*")
ISSUER_LEAD = re.compile(r"\s*,?\s*cua\s+")
LAW_WORD = re.compile(r"\bluat\b")
LAW_NUMBER_LEAD = re.compile(r"\bso\s*:?\s*(?=[0-9])")
LAW_DATE_LEAD = re.compile(r"\bngay\s*(?=[0-9])")
LAW_NAME_IN_LOWER_CASE = re.compile(r"sua doi|so\s*:?\s*[0-9]")
LAW_WINDOW = 200


def all_mentions(src: Source) -> list[Mention]:
    return sorted([*numbered_mentions(src), *law_mentions(src)], key=lambda m: m.start)


def numbered_mentions(src: Source) -> Iterator[Mention]:
    for m in KIND_WORD_BEFORE_NUMBER.finditer(src.folded):
        number = number_at(src.raw, m.end())
        if number is None:
            continue
        date, end = date_after(src, m.end() + len(number))
        issuer, end = issuer_after(src, end)
        yield Mention(m.start(), end, KIND_WORDS[m.group(1)] or kind_of_number(number), number, date, issuer)


def date_after(src: Source, pos: int) -> tuple[DateToken | None, int]:
    lead = DATE_LEAD.match(src.folded, pos)
    token = date_token_at(src.folded, lead.end(), yearless=True) if lead else None
    return (token, token.end) if token else (None, pos)


def issuer_after(src: Source, pos: int) -> tuple[str | None, int]:
    lead = ISSUER_LEAD.match(src.folded, pos)
    agency = agency_at(src, lead.end()) if lead else None
    return (agency.name, agency.end) if agency else (None, pos)


def law_mentions(src: Source) -> Iterator[Mention]:
    """Laws are cited by name and date ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022");
    an amending law names the laws it amends ("Luật sửa đổi, bổ sung một số điều của Luật X
    và Luật Y ngày …"): they are part of its name, not citations of their own."""
    covered = 0
    for word in LAW_WORD.finditer(src.folded):
        if word.start() < covered or src.raw[word.start()] != "L" or not names_a_law(src, word.end()):
            continue  # "pháp luật", "Luật này", a law inside an amending law's name
        window_end = law_window_end(src, word.end())
        number_lead = LAW_NUMBER_LEAD.search(src.folded, word.end(), window_end)
        number = number_at(src.raw, number_lead.end()) if number_lead else None
        date_lead = LAW_DATE_LEAD.search(src.folded, word.end(), window_end)
        date = date_token_at(src.folded, date_lead.end(), yearless=False) if date_lead else None
        if number is None and date is None:
            continue
        end = max(number_lead.end() + len(number) if number else 0, date.end if date else 0)
        named_to = min(lead.start() for lead in (number_lead, date_lead) if lead)
        issuer, end = issuer_after(src, end)
        covered = end
        title = spaced(src.raw[word.start():named_to]).rstrip(" ,;(")
        yield Mention(word.start(), end, kinds.LUAT, number, date, issuer, title or None)


def names_a_law(src: Source, pos: int) -> bool:
    rest = src.raw[pos:pos + 40].lstrip(" ")
    return bool(rest) and (rest[0].isupper() or bool(LAW_NAME_IN_LOWER_CASE.match(fold(rest))))


def law_window_end(src: Source, pos: int) -> int:
    """A law's number and date follow its name in the same clause, before any other document
    (an amending law's name runs on through the laws it amends)."""
    end = min(len(src.raw), pos + LAW_WINDOW)
    amending = AMENDING.match(src.folded, pos)
    for stop in (re.compile(r"[\n;]|\.\s"), ANY_KIND_WORD, None if amending else LAW_WORD):
        m = stop.search(src.folded, pos, end) if stop else None
        if m:
            end = m.start()
    return end
AMENDING = re.compile(r"\s*sua doi\b")
