"""Dates: "02/01/2024", "21.5.2004", "15 tháng 10 năm 2019", and without a year "4/7"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from thidua.documents.reading.text import Source


@dataclass(frozen=True)
class DateToken:
    day: int
    month: int
    year: int | None
    pos: int
    end: int
NUMERIC_DATE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})(?![0-9])")
WORDED_DATE = re.compile(r"([0-9]{1,2})\s*thang\s*([0-9]{1,2})\s*,?\s*nam\s*([0-9]{4})(?![0-9])")
NUMERIC_DAY_MONTH = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})(?![0-9])(?![/.\-][0-9])")
WORDED_DAY_MONTH = re.compile(r"([0-9]{1,2})\s*thang\s*([0-9]{1,2})(?![0-9])(?!\s*,?\s*nam\s*[0-9])")


def date_token_at(folded: str, pos: int, *, yearless: bool) -> DateToken | None:
    m = NUMERIC_DATE.match(folded, pos)
    if m:
        return DateToken(int(m.group(1)), int(m.group(3)), int(m.group(4)), pos, m.end())
    m = WORDED_DATE.match(folded, pos)
    if m:
        return DateToken(int(m.group(1)), int(m.group(2)), int(m.group(3)), pos, m.end())
    if not yearless:
        return None
    m = NUMERIC_DAY_MONTH.match(folded, pos)
    if m:
        return DateToken(int(m.group(1)), int(m.group(3)), None, pos, m.end())
    m = WORDED_DAY_MONTH.match(folded, pos)
    if m:
        return DateToken(int(m.group(1)), int(m.group(2)), None, pos, m.end())
    return None


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolved(token: DateToken | None, src: Source, own_year: int | None) -> dt.date | None:
    """The date TOKEN stands for; a missing year comes from the document, then the text before it."""
    if token is None:
        return None
    year = token.year or own_year or src.year_before(token.pos)
    return valid_date(year, token.month, token.day) if year else None
