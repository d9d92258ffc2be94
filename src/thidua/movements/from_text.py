"""From a parsed directive or plan to the initial values of the document and movement
forms: what the officer confirms before anything is saved. Empty rather than wrong:
a field the parser did not find stays empty."""

import re
from dataclasses import dataclass

from thidua.documents.models import Document, DocumentKind
from thidua.movements.models import MilestoneKind, MovementKind

_ABOUT = re.compile(r"^(?:về việc|v/v)\s+(?:phát động\s+)?", re.IGNORECASE)
_YEAR = re.compile(r"\b(20\d\d)\b")


@dataclass
class ReferenceRow:
    kind: str
    number: str
    issued_on: object
    issuer: str
    existing: Document | None
    title: str = ""  # a law cited by its name: "Luật Thi đua, khen thưởng"

    @property
    def label(self) -> str:
        kind = DocumentKind(self.kind).label if self.kind in DocumentKind.values else ""
        when = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        named = self.title if self.title else f"{kind} {self.number}".strip()
        number = f" (số {self.number})" if self.title and self.number else ""
        return f"{named}{number}{when}" + (f" — {self.issuer}" if self.issuer else "")


def movement_name(parsed) -> str:
    """The movement's name: the one the text launches, else the first quoted movement,
    else the summary without its "Về việc phát động" opening."""
    if parsed.movement:
        return parsed.movement
    if parsed.movements:
        return parsed.movements[0]
    if parsed.summary:
        name = _ABOUT.sub("", parsed.summary).strip().rstrip(".")
        return name[:1].upper() + name[1:]
    return ""


def initial_values(parsed) -> tuple[dict, dict]:
    """(document form initial, movement form initial)."""
    doc = {"kind": parsed.kind or "", "number": parsed.number or "", "issued_on": parsed.date,
           "issuer": parsed.issuer or "", "summary": parsed.summary or ""}
    name = movement_name(parsed)
    year_match = _YEAR.search(name)
    year = int(year_match.group(1)) if year_match else (parsed.date.year if parsed.date else None)
    yearly = bool(year_match) or "hằng năm" in name.lower()
    kind = parsed.movement_kind if parsed.movement_kind in MovementKind.values else (
        MovementKind.THUONG_XUYEN if yearly or not parsed.movements else MovementKind.CHUYEN_DE)
    movement = {"name": name, "year": year, "theme": parsed.theme or "", "starts_on": parsed.date,
                "ends_on": parsed.end_date, "registration_deadline": parsed.registration_deadline,
                "kind": kind, "participants_subtree": True}
    return doc, movement


def milestone_rows(parsed) -> list[dict]:
    """The sơ kết / tổng kết dates the text sets, as the milestone rows' initial values."""
    return [{"kind": m.kind, "due_on": m.date} for m in parsed.milestones if m.kind in MilestoneKind.values]


def reference_rows(parsed) -> list[ReferenceRow]:
    """The documents the text cites, each matched to one on file. A law is usually cited by
    its name and date alone ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"): it is
    the law of that date on file, whose number the row then carries; one not on file is
    listed unlinked, since a document on file is known by its number."""
    rows = []
    for ref in parsed.references:
        kind = ref.kind or DocumentKind.KHAC
        if ref.number:
            existing = Document.objects.filter(number=ref.number).order_by("issued_on").first()
            rows.append(ReferenceRow(kind, ref.number, ref.date, ref.issuer or "", existing))
        elif kind == DocumentKind.LUAT and ref.date:
            law = _law_on_file(ref.title or "", ref.date)
            rows.append(ReferenceRow(kind, law.number if law else "", ref.date, ref.issuer or "", law,
                                     title=ref.title or ""))
    return rows


def _law_on_file(title: str, issued_on) -> Document | None:
    laws = list(Document.objects.filter(kind=DocumentKind.LUAT, issued_on=issued_on).order_by("pk")[:10])
    if len(laws) > 1:  # the Quốc hội passes several laws on one day: the name tells them apart
        named = [law for law in laws if title and title.casefold() in law.summary.casefold()]
        return named[0] if len(named) == 1 else None
    return laws[0] if laws else None
