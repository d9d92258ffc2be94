"""What a statement of achievement claims, and where it contradicts the record.

A dossier's summary of achievement ("tóm tắt thành tích") is typed by the unit and printed
on the list sent to the council. When it says "Hoàn thành xuất sắc nhiệm vụ năm 2024 và
2025" or "Chiến sĩ thi đua cơ sở năm 2024", the ratings and the ledger say whether that is
so; a claim the record does not bear out is corrected before the dossier goes up.

Plain Python (no Django): the dossiers app gives the text and the person's record.
"""

import re
import unicodedata
from dataclasses import dataclass

# The ratings, best first (DESIGN.md §4), and how a statement names them.
RATING_ORDER = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
RATING_PHRASES = (
    ("HTXSNV", r"hoan thanh xuat sac nhiem vu"),
    ("HTTNV", r"hoan thanh tot nhiem vu"),
)
# The titles a personal statement names most, longest phrase first so "cấp tỉnh" wins.
TITLE_PHRASES = (
    ("CSTD_TINH", r"chien si thi dua (?:cap )?tinh"),
    ("CSTDCS", r"chien si thi dua co so"),
    ("LDTT", r"lao dong tien tien"),
)
_YEAR = r"(?:19|20)\d{2}"
# "năm 2024 và 2025", "các năm 2023, 2024", "năm 2023 - 2025", "(2024)": the years after a phrase.
_YEARS = re.compile(rf"\s*(?:\(|:)?\s*(?:cac\s+)?(?:nam\s+(?:hoc\s+)?)?"
                    rf"((?:{_YEAR})(?:\s*(?:,|va|-|–|den)\s*(?:nam\s+)?{_YEAR})*)")


@dataclass(frozen=True)
class Claim:
    """CODE (a rating or an award code) claimed for YEARS, as the statement words it."""

    kind: str  # "rating" or "title"
    code: str
    years: tuple[int, ...]
    phrase: str


@dataclass(frozen=True)
class Contradiction:
    claim: Claim
    year: int
    actual: str  # the rating of that year ("" when none), or "" for a title not in the ledger


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", text)


def _years(spec: str) -> tuple[int, ...]:
    found = [int(y) for y in re.findall(_YEAR, spec)]
    if len(found) == 2 and re.search(r"-|–|den", spec):
        first, last = found
        if first <= last and last - first <= 10:
            return tuple(range(first, last + 1))
    return tuple(dict.fromkeys(found))


def claims_in(text: str) -> list[Claim]:
    """The ratings and titles TEXT claims with the years it names; a phrase without a year
    claims nothing checkable and is left out."""
    folded = _fold(text)
    found: list[Claim] = []
    for kind, phrases in (("rating", RATING_PHRASES), ("title", TITLE_PHRASES)):
        taken: list[tuple[int, int]] = []
        for code, pattern in phrases:
            for m in re.finditer(pattern, folded):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                years = _YEARS.match(folded, m.end())
                if years:
                    taken.append((m.start(), years.end()))
                    found.append(Claim(kind, code, _years(years.group(1)), folded[m.start():years.end()].strip()))
    return found


def contradictions(claims: list[Claim], ratings: dict[int, str], titles: set[tuple[str, int]]) -> list[Contradiction]:
    """The claims RATINGS ({year: rating}) and TITLES ({(code, year)} held, not revoked) do
    not bear out: a rating claimed for a year rated lower or not rated; a title claimed for
    a year the ledger does not hold it. A better rating than the one claimed is no
    contradiction."""
    out = []
    for claim in claims:
        for year in claim.years:
            if claim.kind == "rating":
                actual = ratings.get(year, "")
                if actual not in RATING_ORDER[: RATING_ORDER.index(claim.code) + 1]:
                    out.append(Contradiction(claim, year, actual))
            elif (claim.code, year) not in titles:
                out.append(Contradiction(claim, year, ""))
    return out
