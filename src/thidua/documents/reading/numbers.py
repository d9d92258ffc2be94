"""Numbers and symbols: "01/CT-UBND", "98/2023/NĐ-CP", "39-CT/TW", "2563/UBND-TH"."""

from __future__ import annotations

import re

from thidua.documents.reading import kinds

# Đ also as "Ð" (U+00D0), which documents converted from legacy Vietnamese fonts carry.
SYMBOL = r"[A-ZĐÐ][A-Za-zĐđÐð0-9]*"
NUMBER = re.compile(
    r"(?<![0-9A-Za-zĐđÐð/.\-])"
    rf"(?:[0-9]{{1,5}}-{SYMBOL}(?:/{SYMBOL})+"  # the Party's form: 39-CT/TW
    rf"|[0-9]{{1,5}}(?:/(?:19|20)[0-9]{{2}})?/{SYMBOL}(?:[-/.]{SYMBOL})*)"  # the State's: 98/2023/NĐ-CP
)

# Kind letters of Nghị định 30/2020/NĐ-CP (and the Party's), by the kind they stand for.
TYPE_CODES = {
    "CT": kinds.CHI_THI, "KH": kinds.KE_HOACH, "QĐ": kinds.QUYET_DINH, "QD": kinds.QUYET_DINH, "NĐ": kinds.NGHI_DINH,
    "ND": kinds.NGHI_DINH,
    "TT": kinds.THONG_TU, "TTLT": kinds.THONG_TU, "HD": kinds.HUONG_DAN, "TTR": kinds.TO_TRINH, "BC": kinds.BAO_CAO,
    "TB": kinds.THONG_BAO,
    "CV": kinds.CONG_VAN,
    **dict.fromkeys(("NQ", "QC", "QYĐ", "TC", "CTR", "PA", "ĐA", "DA", "BB", "HĐ", "CĐ", "BGN", "UQ", "PL", "GM",
                     "GGT", "GNP", "GUQ", "GXN", "PB", "KL", "SL", "L"), kinds.KHAC),
}
PARTY_TYPE = re.compile(r"[0-9]+-([^/]+)/")
STATE_TYPE = re.compile(r"[0-9]+(/(?:19|20)[0-9]{2})?/([^-/.]+)")
LAW_SYMBOL = re.compile(r"QH[0-9]*")
NUMBER_YEAR = re.compile(r"[0-9]+/((?:19|20)[0-9]{2})/")


def number_at(raw: str, pos: int) -> str | None:
    m = NUMBER.match(raw, pos)
    if m is None or (m.end() < len(raw) and raw[m.end()].isalpha()):
        return None  # a symbol glued to a word ("…UBNDvề") cannot be told from the word
    return m.group()


def kind_of_number(number: str | None) -> str | None:
    """The kind the symbol's letters name; a State number without kind letters is a công văn."""
    if not number:
        return None
    number = number.replace("Ð", "Đ").replace("ð", "đ")
    party = PARTY_TYPE.match(number)
    if party:
        return TYPE_CODES.get(party.group(1).upper())
    state = STATE_TYPE.match(number)
    if state is None:
        return None
    code = state.group(2).upper()
    if LAW_SYMBOL.fullmatch(code):
        return kinds.LUAT
    if code in TYPE_CODES:
        return TYPE_CODES[code]
    return None if state.group(1) else kinds.CONG_VAN  # numbers with a year are legal documents, never công văn


def year_of_number(number: str | None) -> int | None:
    m = NUMBER_YEAR.match(number or "")
    return int(m.group(1)) if m else None
