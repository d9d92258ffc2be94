"""Clauses and sentences in prose: where one starts, and the agency that is its subject."""

from __future__ import annotations

import re

from thidua.documents.reading.issuers import agency_at
from thidua.documents.reading.text import Source, fold

COMRADE = re.compile(r"\s*(?:,\s*(?:dong chi\s+)?)?")
FILLER_WORDS = frozenset({"da", "vua", "moi", "chinh", "thuc", "cung", "ky"})
MAX_NAME_WORDS = 4
CLAUSE_LIMIT = 200
CLAUSE_BREAKS = ",;:!?\n("
SENTENCE_BREAKS = ";:!?\n"
ABBREVIATIONS = frozenset({"tp", "tx", "tt", "q", "p", "h", "x", "ts", "ths", "pgs", "gs", "bs", "ks", "th"})


def clause_start(raw: str, pos: int, breaks: str = CLAUSE_BREAKS) -> int:
    low = max(0, pos - CLAUSE_LIMIT)
    for i in range(pos - 1, low - 1, -1):
        if raw[i] in breaks or is_full_stop(raw, i):
            return i + 1
    return low


def is_full_stop(raw: str, i: int) -> bool:
    """A period that ends a sentence: followed by a space, and not closing "TP." or "TS."."""
    if raw[i] != "." or not raw[i + 1:i + 2].isspace():
        return False
    word = re.search(r"[^\W\d_]+$", raw[max(0, i - 4):i])
    return not (word and fold(word.group()) in ABBREVIATIONS)


def subject_between(src: Source, start: int, end: int) -> str | None:
    """The agency that is the subject of the clause START..END, ending where the verb begins."""
    for word in re.finditer(r"\S+", src.raw[start:end]):
        agency = agency_at(src, start + word.start())
        if agency and agency.end <= end and only_filler(src.raw[agency.end:end]):
            return agency.name
    return None


def only_filler(text: str) -> bool:
    """Nothing but an office holder's name and adverbs ("Lê Văn Lương đã", ", đồng chí Lê Văn Lương đã")
    lies between subject and verb."""
    words = text[COMRADE.match(fold(text)).end():].split()
    named = 0
    while named < min(len(words), MAX_NAME_WORDS) and words[named][:1].isupper():
        named += 1
    return all(fold(w) in FILLER_WORDS for w in words[named:])
