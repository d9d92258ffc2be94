"""The căn cứ lines of a paper (Nghị định 30/2020/NĐ-CP, Appendix I: the content opens with
its legal bases; docs/law.md, "Papers"): what the authority keeps (`LegalBases`) around the
national texts in force on the paper's date.

Order, as award decisions are written: the authority's competence, the Law on Emulation and
Commendation, its implementing decree on that date, then the province's or the body's own
regulations. A tờ trình cites no competence: it proposes, it does not decide.
"""

import datetime as dt

from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.printing.models import LegalBases

LAW = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
DECREE_152 = ("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
              "một số điều của Luật Thi đua, khen thưởng")
DECREE_98 = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
             "thi hành một số điều của Luật Thi đua, khen thưởng")
# Decree 152/2025 took effect on 01/07/2025 and repealed Decree 98/2023 (its Art. 59).
DECREE_152_FROM = dt.date(2025, 7, 1)


def decree(on: dt.date | None) -> str:
    """The implementing decree's line in force ON (today when None)."""
    return DECREE_98 if (on or dt.date.today()) < DECREE_152_FROM else DECREE_152


def decree_number(on: dt.date | None) -> str:
    """"152/2025/NĐ-CP" or "98/2023/NĐ-CP": the decree reward money follows ON."""
    return "98/2023/NĐ-CP" if (on or dt.date.today()) < DECREE_152_FROM else "152/2025/NĐ-CP"


def _lines(text: str) -> list[str]:
    return [line.strip().rstrip(";.").strip() for line in text.splitlines() if line.strip().rstrip(";.").strip()]


def kept(unit: Unit | None) -> tuple[LegalBases | None, LegalBases | None]:
    """UNIT's own row, and the nearest row up the tree (UNIT's included) with regulations."""
    if unit is None:
        return None, None
    rows = {row.unit.path: row for row in LegalBases.objects.filter(unit__path__in=ancestor_paths(unit.path))
            .select_related("unit")}
    own = rows.get(unit.path)
    regulated = next((rows[p] for p in sorted(rows, key=len, reverse=True) if rows[p].regulations.strip()), None)
    return own, regulated


def bases_for(unit: Unit | None, on: dt.date | None, *, competence: bool = True) -> list[str]:
    """The căn cứ lines of a paper of UNIT dated ON, each without its closing ";"."""
    own, regulated = kept(unit)
    lines = _lines(own.competence) if competence and own is not None else []
    lines += [LAW, decree(on)]
    if regulated is not None:
        lines += _lines(regulated.regulations)
    return lines
