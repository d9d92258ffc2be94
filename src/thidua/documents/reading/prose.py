"""The main document, read from prose: the first one the text says was issued."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.documents.reading.clauses import SENTENCE_BREAKS, clause_start, is_full_stop, subject_between
from thidua.documents.reading.dates import DateToken, date_token_at
from thidua.documents.reading.header import Main, sentence_case
from thidua.documents.reading.issuers import PROVINCES, spaced
from thidua.documents.reading.mentions import Mention
from thidua.documents.reading.text import Source, fold, folded_words

ISSUED_BEFORE = re.compile(r"\b(?:ban hanh|ky|phat dong|(?:da|vua|moi) (?:co|gui))\s*$")
AT_DOCUMENT = re.compile(r"\s*(?:tai|theo)\s*")
ISSUING_VERB = re.compile(r"\b(?:phat dong|ban hanh|keu goi)\b")
COMMA = re.compile(r"\s*,\s*")
OPENING_DATE = re.compile(r"\s*ngay\s*")
SENTENCE_LIMIT = 400
SUMMARY_START = re.compile(r"[\s,)]*(?=(?:ve viec|ve|v/v|phat dong|huong dan|quy dinh|trien khai|to chuc"
                            r"|thuc hien)\b)")
DATELINE = re.compile(r"\A\s*([^\W\d_][^:\n]{0,40}?)\s*:\s")
BARE_ADMIN = re.compile(r"\b(?:tinh|thanh pho)$")


def described(src: Source, mentions: list[Mention]) -> Main | None:
    for mention in mentions:
        issuing = issuing_of(src, mention)
        if issuing:
            return main_from(src, mention, issuing)
    first = leading_mention(src, mentions) or launching_mention(src, mentions)
    return main_from(src, first, Issuing(None, None)) if first else None
LAUNCHING_SUMMARY = re.compile(r"(?:ve viec |ve )?phat dong\b")


def launching_mention(src: Source, mentions: list[Mention]) -> Mention | None:
    """ "Tại Chỉ thị số 03/CT-UBND của Chủ tịch UBND tỉnh về việc phát động…": the document
    whose trích yếu launches a movement is the one the text is about."""
    for mention in mentions:
        lead = SUMMARY_START.match(src.folded, mention.end)
        if lead and LAUNCHING_SUMMARY.match(src.folded, lead.end()):
            return mention
    return None


@dataclass(frozen=True)
class Issuing:
    """What the sentence that issues a document says besides the document: who, and maybe when."""

    subject: str | None
    date: DateToken | None


def issuing_of(src: Source, mention: Mention) -> Issuing | None:
    """How the text says MENTION was issued ("đã ban hành Chỉ thị…", "Tại Công văn…, … phát động"),
    or None when it does not."""
    clause = clause_start(src.raw, mention.start)
    before = src.folded[clause:mention.start]
    verb = ISSUED_BEFORE.search(before)
    if verb:
        # From the sentence's start, not the clause's: agency names hold commas ("Sở Văn hóa, Thể thao…").
        subject = subject_between(src, clause_start(src.raw, mention.start, SENTENCE_BREAKS), clause + verb.start())
        return Issuing(subject, opening_date(src, clause))
    if not AT_DOCUMENT.fullmatch(before):
        return None
    comma = COMMA.match(src.folded, mention.end)
    if comma is None:
        return None
    end = sentence_end(src.raw, comma.end(), SENTENCE_LIMIT) or comma.end()
    verb = ISSUING_VERB.search(src.folded, comma.end(), end)
    if verb is None:
        return None
    return Issuing(subject_between(src, comma.end(), verb.start()), None)


def opening_date(src: Source, clause: int) -> DateToken | None:
    """ "Ngày 15/3, UBND tỉnh ban hành Kế hoạch…": the date that opens the sentence is the issue date."""
    comma = clause - 1
    if comma < 0 or src.raw[comma] != ",":
        return None
    start = clause_start(src.raw, comma)
    if start > 0 and src.raw[start - 1] not in ".!?\n":
        return None
    lead = OPENING_DATE.match(src.folded, start)
    token = date_token_at(src.folded, lead.end(), yearless=True) if lead else None
    return token if token and not src.folded[token.end:comma].strip() else None


def leading_mention(src: Source, mentions: list[Mention]) -> Mention | None:
    """A text that opens with a document's number is about that document."""
    first = len(src.raw) - len(src.raw.lstrip())
    return next((m for m in mentions if m.start == first), None)


def main_from(src: Source, mention: Mention, issuing: Issuing) -> Main:
    issuer = completed_from_dateline(src, mention.issuer or issuing.subject)
    return Main(kind=mention.kind, number=mention.number, date=mention.date or issuing.date, issuer=issuer,
                 summary=summary_after(src, mention.end), mention=mention, summary_at=mention.end)


def completed_from_dateline(src: Source, issuer: str | None) -> str | None:
    """ "UBND tỉnh" of an article headed "Điện Biên: …" is the UBND of that province."""
    if issuer is None or not BARE_ADMIN.search(fold(issuer)):
        return issuer
    dateline = DATELINE.match(src.raw)
    if dateline and folded_words(dateline.group(1)) in PROVINCES:
        return f"{issuer} {spaced(dateline.group(1))}"
    return issuer


def summary_after(src: Source, pos: int) -> str | None:
    """What the prose says the document is about, when the words right after it say so."""
    lead = SUMMARY_START.match(src.folded, pos)
    if lead is None:
        return None
    end = sentence_end(src.raw, lead.end(), SENTENCE_LIMIT)
    text = spaced(src.raw[lead.end():end]).rstrip(" .,;:") if end else ""
    return sentence_case(text) if text else None


def sentence_end(raw: str, start: int, limit: int) -> int | None:
    stop = min(len(raw), start + limit)
    for i in range(start, stop):
        ch = raw[i]
        if ch in "\n;!?" or (i + 1 == len(raw) and ch == ".") or is_full_stop(raw, i):
            return i
    return len(raw) if stop == len(raw) else None
