"""Theme, movements and end date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from thidua.documents.launch import Launched, launched
from thidua.documents.reading.dates import date_token_at, resolved, valid_date
from thidua.documents.reading.header import Main
from thidua.documents.reading.issuers import PROVINCES, spaced
from thidua.documents.reading.mentions import Mention
from thidua.documents.reading.text import Source, fold, folded_words

QUOTED = re.compile(r"“([^“”\n]{1,400})”|«([^«»\n]{1,400})»|\"([^\"\n]{1,400})\"|„([^„“”\n]{1,400})[“”]")
THEME_LEAD = re.compile(r"\bchu de(?:\s+nam\s+[0-9]{4})?\s*(?:la|:|-|–)?\s*(?:la\s*)?$")
MOVEMENT_TRIGGER = re.compile(r"\b(?:phong trao(?:\s+thi dua)?|cuoc van dong)\b")
MODIFIER = (r"(?:thi dua|yeu nuoc|lon|dac biet|cao diem|chuyen de|trong tam|trong diem|toan quoc"
             r"|nam [0-9]{4}|[0-9]{1,4}|giai doan [0-9]{4}\s*[-–]\s*[0-9]{4})")
NAME_FOLLOWS = re.compile(rf"(?:\s*{MODIFIER})*\s*[:\-–]?\s*")
LIST_FOLLOWS = re.compile(r"[^.;!?\n]{0,80}\b(?:nhu|gom|la|sau day|sau)\s*:?\s*")
NEXT_IN_LIST = re.compile(r"\s*(?:[,;]|,?\s*va)?\s*")
LOOK_BACK = 120


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str


def quotes(src: Source) -> list[Quote]:
    found = []
    for m in QUOTED.finditer(src.raw):
        text = spaced(next(g for g in m.groups() if g is not None))
        if text:
            found.append(Quote(m.start(), m.end(), text))
    return found


def theme_of(src: Source) -> str | None:
    for quote in quotes(src):
        if THEME_LEAD.search(src.folded, max(0, quote.start - 60), quote.start):
            return quote.text
    return None


def movements_in(src: Source) -> list[str]:
    """Quoted names that follow "phong trào (thi đua)" or "cuộc vận động", and the list they head."""
    names: list[str] = []
    previous: Quote | None = None
    in_list = False
    for quote in quotes(src):
        if in_list and previous and NEXT_IN_LIST.fullmatch(src.folded, previous.end, quote.start):
            names.append(quote.text)
        else:
            in_list = follows_trigger(src, quote, previous)
            if in_list:
                names.append(quote.text)
        previous = quote
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(folded_words(name), name)
    return list(unique.values())


def follows_trigger(src: Source, quote: Quote, previous: Quote | None) -> bool:
    low = max(previous.end if previous else 0, quote.start - LOOK_BACK)
    triggers = list(MOVEMENT_TRIGGER.finditer(src.folded, low, quote.start))
    if not triggers:
        return False
    gap_start = triggers[-1].end()
    if THEME_LEAD.search(src.folded, gap_start, quote.start):
        return False
    return bool(NAME_FOLLOWS.fullmatch(src.folded, gap_start, quote.start)
                or LIST_FOLLOWS.fullmatch(src.folded, gap_start, quote.start))


def launched_movement(src: Source, mentions: list[Mention], main: Main) -> Launched:
    return launched(src.raw, src.folded, summary_at=main.summary_at, stops=[m.start for m in mentions])


def with_locality(src: Source, issuer: str | None) -> str | None:
    """ "Chủ tịch UBND tỉnh" of a text that names one province only is that province's."""
    if issuer is None or not fold(issuer).endswith(" tinh"):
        return issuer
    named: dict[str, str] = {}
    for name in PROVINCES:
        pattern = r"(?<![a-z])" + r"\s+".join(map(re.escape, name.split())) + r"(?![a-z])"
        for m in re.finditer(pattern, src.folded):
            if src.raw[m.start()].isupper():
                named.setdefault(name, spaced(src.raw[m.start():m.end()]))
    # "Huế" inside "Thừa Thiên Huế" is the same province.
    places = {written for name, written in named.items() if not any(name != other and name in other for other in named)}
    return f"{issuer} {places.pop()}" if len(places) == 1 else issuer
UNTIL_DAY = re.compile(r"\b(?:tu nay (?:den|toi)\s+(?:het\s+)?|den het\s+"
                        r"|thoi gian (?:thi dua|thuc hien|phat dong)[^\n;]{0,60}?(?:den|toi)\s+(?:het\s+)?)"
                        r"(?:ngay\s*)?(?=[0-9])")
UNTIL_YEAR_END = re.compile(r"\bden het nam\s+((?:19|20)[0-9]{2})(?![0-9])")
LAUNCHED_FOR_PERIOD = re.compile(r"\b(?:phat dong|to chuc|trien khai) (?:cac )?phong trao[^.;\n]{0,120}?giai doan\s*"
                                  r"((?:19|20)[0-9]{2})\s*[-–]\s*((?:19|20)[0-9]{2})(?![0-9])")


def end_date_of(src: Source, year: int | None, start: dt.date | None) -> dt.date | None:
    """The last day of the movement, when the text states it; never before the document's date."""
    found = sorted(end_dates(src, year), key=lambda item: item[0])
    end = found[0][1] if found else None
    return None if end and start and end < start else end


def end_dates(src: Source, year: int | None) -> Iterator[tuple[int, dt.date]]:
    for m in UNTIL_DAY.finditer(src.folded):
        day = resolved(date_token_at(src.folded, m.end(), yearless=True), src, year)
        if day:
            yield m.start(), day
    for m in UNTIL_YEAR_END.finditer(src.folded):
        day = valid_date(int(m.group(1)), 12, 31)
        if day:
            yield m.start(), day
    for m in LAUNCHED_FOR_PERIOD.finditer(src.folded):
        first, last = int(m.group(1)), int(m.group(2))
        day = valid_date(last, 12, 31) if last > first else None
        if day:
            yield m.start(), day
