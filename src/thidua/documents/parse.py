"""Reads the fields of a Vietnamese administrative document (văn bản) from its text.

Two shapes of input are understood:

* the document itself, with its header: the issuing agency, "Số: 01/CT-UBND", the place
  and date line, the kind heading (CHỈ THỊ, KẾ HOẠCH…) and the trích yếu under it;
* a news article describing a document in prose ("UBND tỉnh đã ban hành Chỉ thị số
  02/CT-UBND…"): the main document is the first one the text says was issued or launched.

Every field is read from the text or left empty: an officer fills an empty field more
easily than they notice a wrong one. Standard library only, no Django, no I/O, so the
parser runs anywhere (command line, view, task) and is tested on plain strings. Its parts,
one module per thing read (the text, numbers, dates, issuers, mentions, the header, prose,
themes), are in `thidua.documents.reading`; this module is the entry point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from thidua.documents.launch import Milestone, deadlines
from thidua.documents.reading.dates import date_token_at, resolved
from thidua.documents.reading.header import Main, official
from thidua.documents.reading.kinds import KINDS
from thidua.documents.reading.mentions import Mention, all_mentions
from thidua.documents.reading.numbers import year_of_number
from thidua.documents.reading.prose import described
from thidua.documents.reading.text import Source, prepared, unwrapped
from thidua.documents.reading.themes import end_date_of, launched_movement, movements_in, theme_of, with_locality

__all__ = ["KINDS", "ParsedDocument", "Reference", "as_json", "parse"]


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
    text = prepared(text)
    src = Source(unwrapped(text))
    mentions = all_mentions(src)
    main = official(Source(text)) or described(src, mentions) or Main()
    own_year = year_of_number(main.number)
    date = resolved(main.date, src, own_year)
    year = date.year if date else own_year
    movement = launched_movement(src, mentions, main)
    registration, milestones = deadlines(src.folded, lambda pos: resolved(
        date_token_at(src.folded, pos, yearless=True), src, year))
    return ParsedDocument(
        kind=main.kind, number=main.number, date=date, issuer=with_locality(src, main.issuer),
        summary=main.summary, theme=theme_of(src), movements=movements_in(src),
        end_date=end_date_of(src, year, date), references=_references(src, mentions, main, year),
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
# References: every other document the text cites, once each.


def _references(src: Source, mentions: list[Mention], main: Main, year: int | None) -> list[Reference]:
    found: dict[object, Reference] = {}
    for mention in mentions:
        if mention is main.mention or _is_main(mention, main):
            continue
        date = resolved(mention.date, src, year_of_number(mention.number) or year)
        if mention.number is None and date is None:
            continue
        key = mention.number.upper() if mention.number else (mention.kind, date)
        ref = Reference(mention.kind, mention.number, date, mention.issuer, mention.title)
        found[key] = _merged(found[key], ref) if key in found else ref
    return list(found.values())


def _is_main(mention: Mention, main: Main) -> bool:
    return bool(mention.number and main.number and mention.number.upper() == main.number.upper())


def _merged(first: Reference, again: Reference) -> Reference:
    """One document cited twice: what the first citation leaves out, a later one may state."""
    return Reference(first.kind or again.kind, first.number, first.date or again.date, first.issuer or again.issuer,
                     first.title or again.title)
