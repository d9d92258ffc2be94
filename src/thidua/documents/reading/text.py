"""The text: cleaned, and folded for matching words whatever their accents or case."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SPACE_LIKE = dict.fromkeys(map(ord, "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                     "\u2009\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"), " ")
LINE_BREAKS = dict.fromkeys(map(ord, "\v\f\x1c\x1d\x1e\x85\u2028\u2029"), "\n")

# Web pages end with link lists of other news, full of document numbers that the article
# does not cite; the text is cut at their heading. A heading this close to the start is
# a menu above the article, not the end of it.
PAGE_CHROME = re.compile(
    r"^[ ]*(?:(?:nhung|cac) )?(?:tin (?:lien quan|moi nhat|moi hon|cu hon|da dua|khac|cung chuyen muc)"
    r"|bai viet lien quan|co the ban quan tam)[ :]*$", re.M)
ARTICLE_BEFORE_CHROME = 200
# A line this long that stops without punctuation was cut by the page width, not by the writer.
WRAPPED_LINE = 40


def prepared(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(SPACE_LIKE).translate(LINE_BREAKS)
    folded = fold(text)
    for chrome in PAGE_CHROME.finditer(folded):
        if len(folded[:chrome.start()].replace(" ", "").replace("\n", "")) >= ARTICLE_BEFORE_CHROME:
            return text[:chrome.start()]
    return text


def unwrapped(text: str) -> str:
    """TEXT with the line breaks that only wrap a sentence (PDF layout, copying from a viewer)
    turned into spaces, one character for one; the header is read from the lines as they are."""
    lines = text.split("\n")
    joins = [" " if wraps(line, following) else "\n" for line, following in itertools.pairwise(lines)]
    return "".join(line + join for line, join in zip(lines, [*joins, ""], strict=True))


# A news article's first sentence opens on the day: a title above it is not wrapped into it.
NEWS_LEDE = re.compile(r"(?:Ngày|Sáng|Chiều|Tối|Trưa|Đêm)\s+[0-9]")


def wraps(line: str, following: str) -> bool:
    line, following = line.strip(), following.strip()
    if not line or not following or line[-1] in ".;:!?" or NEWS_LEDE.match(following):
        return False
    if following[0].islower():
        return True
    return len(line) >= WRAPPED_LINE and (line[-1].isalnum() or line[-1] == ",")


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    if ch in "đĐ\u00d0":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one, so offsets match the text's."""
    return "".join(map(fold_char, text))


def folded_words(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").replace("–", " ").split())
YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])(?![/\-][A-Za-zĐđ])")


class Source:
    """The cleaned text, its folded twin and where the text names a year."""

    def __init__(self, text: str):
        self.raw = text
        self.folded = fold(text)
        years = [(m.start(), int(m.group())) for m in YEAR.finditer(text)]
        self._year_at = [pos for pos, _ in years]
        self._years = [year for _, year in years]

    def year_before(self, pos: int) -> int | None:
        i = bisect.bisect_left(self._year_at, pos)
        return self._years[i - 1] if i else None

    def lines(self, limit: int) -> list[Line]:
        """The first LIMIT non-empty lines."""
        found: list[Line] = []
        start = 0
        while start <= len(self.raw) and len(found) < limit:
            end = self.raw.find("\n", start)
            end = len(self.raw) if end < 0 else end
            if self.raw[start:end].strip():
                found.append(Line(start, end))
            start = end + 1
        return found


@dataclass(frozen=True)
class Line:
    start: int
    end: int
