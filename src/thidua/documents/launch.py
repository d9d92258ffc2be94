"""The movement a directive or plan launches, read from its text: the name without the
launching verb, the kind (Luật Thi đua, khen thưởng 2022, Điều 16: thi đua thường xuyên or
theo chuyên đề; a đợt is a short chuyên đề), the registration deadline and the sơ kết /
tổng kết milestones. Like the parser it serves: standard library only, and a field the
text does not state stays empty.

Works on the parser's folded text (lower case, no diacritics, one character for one), so
positions in the folded text are positions in the written one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# The codes of thidua.movements.models.MovementKind and MilestoneKind (repeated to stay Django-free).
THUONG_XUYEN = "thuong_xuyen"
CHUYEN_DE = "chuyen_de"
DOT = "dot"
SO_KET = "so_ket"
TONG_KET = "tong_ket"

_LAUNCH = re.compile(r"\b(?:phat dong|trien khai,? (?:thuc hien )?)\s*"
                     r"(phong trao thi dua|phong trao|dot thi dua|cuoc van dong|(?<=phat dong )thi dua)(?![a-z])")
# Words that end a movement's name: what follows says who takes part, when, or the theme.
_NAME_STOP = re.compile(
    r"\s(?:voi (?:chu de|khau hieu|hinh thuc|cac noi dung|noi dung|tinh than)|(?:toi|den) toan the|trong toan"
    r"|tren toan|tren tat ca|nham|tu nay|tu ngay|tu thang|den het|den ngay|den khi|thoi gian|nhu sau|bao gom"
    r"|yeu cau|duoc|cua (?:chu tich|ubnd|uy ban|thu tuong|bo|hoi dong))(?![a-z])")
_NAME_BREAKS = ";:!?\n("
_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "“"}
_NAME_LIMIT = 400
_DATED = re.compile(r"[0-9]/[0-9]")
_TRAILING = re.compile(r"[\s,\-–]+(?:va)?[\s,\-–]*$")
_YEARLY = re.compile(r"\b(?:hang nam|thuong xuyen)\b|\bnam (?:19|20)[0-9]{2}$|^phong trao thi dua yeu nuoc\b")
_SPECIAL = re.compile(r"\bchuyen de\b")

_KEYWORDS = re.compile(r"\b(?:(dang ky thi dua|ban dang ky|dang ky giao uoc)|(so ket)|(tong ket))\b")
_DUE_LEAD = re.compile(r"\b(?:truoc|cham nhat(?: la)?(?: vao)?|han chot(?: la)?|vao)\s+ngay\s*(?=[0-9])")


@dataclass(frozen=True)
class Milestone:
    kind: str
    date: dt.date


@dataclass(frozen=True)
class Launched:
    name: str | None = None
    kind: str | None = None


def launched(raw: str, folded: str, *, summary_at: int | None, stops: list[int]) -> Launched:
    """The movement the text launches: the one named where the main document's trích yếu
    (starting at SUMMARY_AT) says "phát động", else the first one the text launches.
    STOPS are where cited documents begin: a name never runs into one."""
    first = None
    for m in _LAUNCH.finditer(folded):
        found = _launched_at(raw, folded, m, stops)
        if found is None:
            continue
        if summary_at is not None and summary_at <= m.start() < summary_at + _NAME_LIMIT:
            return found
        first = first or found
    return first or Launched()


def _launched_at(raw: str, folded: str, m: re.Match, stops: list[int]) -> Launched | None:
    if raw[m.start():m.end()].isupper():
        return None  # an all-capitals heading: its words are repeated in prose, with their case
    trigger = m.group(1)
    after = m.end() + len(folded[m.end():]) - len(folded[m.end():].lstrip(" "))
    close = _QUOTES.get(raw[after:after + 1])
    if close:
        end = raw.find(close, after + 1)
        name = " ".join(raw[after + 1:end].split()) if end > after else ""
        return Launched(name, DOT if trigger == "dot thi dua" else CHUYEN_DE) if name else None
    end = _name_end(raw, folded, m.end(), stops)
    rest = _TRAILING.sub("", folded[m.end():end])
    if not rest.strip():
        return None  # "phát động phong trào thi đua với hình thức…": no name follows
    end = m.end() + len(rest)
    name = " ".join(raw[m.start(1):end].split())
    return Launched(name[:1].upper() + name[1:], _kind(trigger, " ".join(folded[m.start(1):end].split())))


def _name_end(raw: str, folded: str, start: int, stops: list[int]) -> int:
    limit = min(len(raw), start + _NAME_LIMIT, *[s for s in stops if s > start] or [len(raw)])
    stop = _NAME_STOP.search(folded, start, limit)
    limit = stop.start() if stop else limit
    i = start
    while i < limit:
        ch = raw[i]
        if ch in _QUOTES and raw.find(_QUOTES[ch], i + 1) > i:
            i = raw.find(_QUOTES[ch], i + 1) + 1
            continue
        if ch == "(" and raw.find(")", i) > i and not _DATED.search(raw, i, raw.find(")", i)):
            i = raw.find(")", i) + 1  # "(2021 - 2025)" belongs to the name; "(06/01/1946 - 06/01/2026)" does not
            continue
        if ch in _NAME_BREAKS or (ch == "." and (i + 1 == len(raw) or raw[i + 1].isspace())):
            return i
        i += 1
    return limit


def _kind(trigger: str, folded: str) -> str:
    if trigger == "dot thi dua" or "theo dot" in folded:
        return DOT
    if _SPECIAL.search(folded):
        return CHUYEN_DE
    return THUONG_XUYEN if _YEARLY.search(folded) else CHUYEN_DE


def deadlines(folded: str, date_at: Callable[[int], dt.date | None]) -> tuple[dt.date | None, list[Milestone]]:
    """The registration deadline and the sơ kết / tổng kết milestones: a date the text sets
    ("trước ngày 15/3/2027") after the word that names it, in the same sentence and before
    the next such word. DATE_AT reads the date at a position, None when it has no year."""
    registration = None
    milestones: list[Milestone] = []
    keywords = list(_KEYWORDS.finditer(folded))
    for index, keyword in enumerate(keywords):
        following = keywords[index + 1].start() if index + 1 < len(keywords) else len(folded)
        end = _sentence_end(folded, keyword.end(), following)
        due = None
        for lead in _DUE_LEAD.finditer(folded, keyword.end(), end):
            due = date_at(lead.end())
            if due:
                break
        if due is None:
            continue
        if keyword.group(1):
            registration = registration or due
        else:
            milestone = Milestone(SO_KET if keyword.group(2) else TONG_KET, due)
            if milestone not in milestones:
                milestones.append(milestone)
    return registration, milestones


def _sentence_end(folded: str, start: int, limit: int) -> int:
    stop = re.compile(r"\.(?:\s|$)|\n").search(folded, start, limit)
    return stop.start() if stop else limit
