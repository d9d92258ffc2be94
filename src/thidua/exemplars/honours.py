"""A congress's honour list as rows (the printable page, the Excel file) and its decision
draft (the Word decision of `printing`, filled from the list)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thidua.core import xlsx
from thidua.exemplars import selectors
from thidua.exemplars.models import Congress, CongressKind, SubjectKind
from thidua.exemplars.richtext import plain
from thidua.org import labels
from thidua.printing import bases, layouts, word

HEADERS = (_("STT"), _("Tên cá nhân, tập thể"), _("Cá nhân / tập thể"), _("Chức vụ, chức danh"), _("Đơn vị"),
           _("Lĩnh vực"), _("Năm"), _("Tóm tắt thành tích"))
TITLE = _("Danh sách điển hình tiên tiến được tuyên dương — %s")


@dataclass(frozen=True)
class Line:
    number: int
    name: str
    kind: str
    position: str
    unit: str
    field: str
    year: int
    summary: str
    collective: bool


def lines(congress: Congress) -> list[Line]:
    """The honour list, numbered in its order."""
    out = []
    for number, honour in enumerate(selectors.honour_list(congress), 1):
        e = honour.exemplar
        summary = e.headline or plain(e.story)[:300]
        out.append(Line(number, e.name, e.get_subject_kind_display(), e.position, e.unit.name,
                        e.get_field_display(), e.year, summary, e.subject_kind == SubjectKind.COLLECTIVE))
    return out


def title(congress: Congress) -> str:
    return str(TITLE % congress.name)


def workbook(congress: Congress) -> bytes:
    """The honour list as a workbook (user text never a live formula: `core.xlsx`)."""
    rows = [(ln.number, ln.name, ln.kind, ln.position, ln.unit, ln.field, ln.year, ln.summary)
            for ln in lines(congress)]
    return xlsx.build_xlsx(title(congress), HEADERS, rows, widths=(6, 32, 12, 24, 32, 26, 8, 60))


def _position_unit(line: Line) -> str:
    if line.collective:
        return line.unit if line.unit != line.name else ""
    return ", ".join(part for part in (line.position, line.unit) if part)


def decision_context(congress: Congress) -> dict:
    """The `quyet_dinh` context of the decision honouring the list (a draft: no number,
    no date, no signer; the secretariat completes it in Word)."""
    unit = congress.unit
    decider = labels.head_of(unit)
    honoured = lines(congress)
    what = ("Đại hội Thi đua yêu nước" if congress.kind == CongressKind.DAI_HOI
            else "Hội nghị điển hình tiên tiến")
    return {
        "issuer": labels.full_name(unit), "symbol": "QĐ", "place": layouts.place_of(unit), "date": None,
        "summary": f"Về việc tuyên dương các điển hình tiên tiến tại {congress.name}",
        "decider": decider, "decider_short": labels.head_title(unit.name, unit.kind) + " " + unit.name,
        "bases": bases.bases_for(unit, congress.held_on),
        "proposal_basis": f"Theo đề nghị của Thường trực Hội đồng Thi đua – Khen thưởng về kết quả {what.lower()} "
                          f"«{congress.name}» ngày {congress.held_on:%d/%m/%Y}",
        "award_name": f"danh hiệu điển hình tiên tiến, tuyên dương tại {congress.name}",
        "reason": "đã có thành tích tiêu biểu, xuất sắc trong phong trào thi đua yêu nước, là điển hình tiên tiến "
                  "được nhân rộng",
        "collectives": [{"name": ln.name, "position_unit": _position_unit(ln), "money": None}
                        for ln in honoured if ln.collective],
        "individuals": [{"name": ln.name, "position_unit": _position_unit(ln), "money": None}
                        for ln in honoured if not ln.collective],
        "fund_source": "", "executors": "Thường trực Hội đồng Thi đua – Khen thưởng và các tập thể, cá nhân có tên "
                                        "tại Điều 1",
        "recipients_to": ["Như Điều 3"], "archive": "VT, TĐKT",
    }


def decision_docx(congress: Congress) -> bytes:
    """The decision draft, from the decision template in force at the congress's unit."""
    return word.render_docx("quyet_dinh", decision_context(congress), authority=congress.unit)
