"""Certificates (Bằng khen, Giấy khen, giấy chứng nhận) as PDF for pre-printed blanks.

Each page is one sheet of the blank's size with every field absolutely positioned in
millimetres (WeasyPrint), in Liberation Serif by default (metrics of Times New Roman,
every Vietnamese diacritic). A printer's offset moves the whole sheet, so one layout
serves every printer. The QR code is a PNG of one pixel per module, scaled without
smoothing: small in the file and sharp on paper.

`certificate_pdf(awards)` is the entry point for callers (award pages, decisions); it
makes the verification tokens it needs. Access checks and the audit trail are the
caller's (see `services.certificates_print`).
"""

import base64
import datetime as dt
import html
import io
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from thidua.awards.models import Award
from thidua.catalog.display import award_full_name
from thidua.catalog.selectors import current_kinds, kind_names
from thidua.core.errors import ApplicationError
from thidua.core.net import public_url
from thidua.org.labels import parent_in, parents_of, unit_text
from thidua.people.models import Employment
from thidua.printing import layouts, vnformat
from thidua.printing.decision_documents import signer_lines
from thidua.printing.layouts import Layout
from thidua.printing.models import AwardVerification, new_token

REVOKED = _("Khen thưởng «%s» đã bị hủy bỏ, thu hồi: không in bằng, giấy chứng nhận.")
NO_CERTIFICATE = _("«%s» không cấp bằng, giấy chứng nhận.")
NOTHING_TO_PRINT = _("Chưa chọn khen thưởng nào để in.")
PUBLIC_URL_REQUIRED = _("Chưa đặt địa chỉ công khai của hệ thống (THIDUA_PUBLIC_URL) nên không tạo được mã QR "
                        "xác minh khi in trong nền. Hãy báo quản trị hệ thống.")


@dataclass
class Sheet:
    """One page to print: a layout, the values of its placeholders, and the QR's URL."""

    layout: Layout
    values: dict[str, Any]
    qr_url: str = ""


# --- HTML --------------------------------------------------------------------------------

_CSS = """
html, body { margin: 0; padding: 0; }
.page { position: relative; overflow: hidden; break-after: page; }
.page:last-child { break-after: auto; }
.sheet { position: absolute; }
.f { position: absolute; margin: 0; padding: 0; white-space: pre-line; line-height: 1.2; color: #000; }
.qr { position: absolute; image-rendering: pixelated; }
.bg { position: absolute; left: 0; top: 0; opacity: .55; }
.grid { position: absolute; left: 0; top: 0; }
.box { position: absolute; outline: 0.2mm dashed #2b6cb0; }
.tag { position: absolute; font: 6.5pt "DejaVu Sans", sans-serif; color: #2b6cb0; white-space: nowrap; }
.legend { position: absolute; font: 8pt "DejaVu Sans", sans-serif; color: #555; }
"""


def _mm(value) -> str:
    return f"{Decimal(value).normalize():f}mm" if isinstance(value, Decimal) else f"{value}mm"


def _page_name(layout: Layout) -> str:
    return f"p{int(layout.page_width * 10)}x{int(layout.page_height * 10)}"


def qr_data_uri(url: str) -> str:
    """URL as a QR code (error correction M), one pixel per module, no quiet zone (the
    blank's margin is the quiet zone)."""
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=1, border=0)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _style(f: layouts.Field) -> str:
    parts = [f"left:{_mm(f.x)}", f"top:{_mm(f.y)}", f"width:{_mm(f.width)}"]
    if f.key == "qr":
        parts.append(f"height:{_mm(f.width)}")
    else:
        parts += [f"font-family:{layouts.font_family(f.font)}", f"font-size:{Decimal(f.size).normalize():f}pt",
                  f"font-weight:{'bold' if f.bold else 'normal'}", f"font-style:{'italic' if f.italic else 'normal'}",
                  f"text-align:{f.align}"]
    return ";".join(parts)


class _Styles:
    """One CSS class per layout (its page) and per field of it: a batch of 500 pages
    repeats a handful of layouts, and WeasyPrint parses a rule once instead of an inline
    style on every element."""

    def __init__(self, offset: tuple[Decimal, Decimal]):
        self.offset = offset
        self.rules: list[str] = []
        self._names: dict[int, str] = {}

    def layout(self, layout: Layout) -> str:
        key = id(layout)
        if key not in self._names:
            name = f"l{len(self._names)}"
            page = _page_name(layout)
            size = f"width:{_mm(layout.page_width)};height:{_mm(layout.page_height)}"
            self.rules += [f"@page {page} {{ size: {_mm(layout.page_width)} {_mm(layout.page_height)}; margin: 0; }}",
                           f".{name} {{ page:{page};{size} }}",
                           f".{name} .sheet, .{name} .bg {{ {size} }}"]
            self.rules += [f".{name} .{f.key} {{ {_style(f)} }}" for f in layout.fields if f.enabled]
            self._names[key] = name
        return self._names[key]

    def css(self) -> str:
        dx, dy = self.offset
        return _CSS + f".sheet {{ left:{_mm(dx)};top:{_mm(dy)} }}\n" + "\n".join(self.rules)


def _fields_html(sheet: Sheet, *, test: bool, qr_cache: dict[str, str]) -> list[str]:
    out: list[str] = []
    zero = Decimal(0)
    for f in sheet.layout.fields:
        if not f.enabled:
            continue
        if test:
            height = f.width if f.key == "qr" else Decimal(f.size) * Decimal("0.3528") * Decimal("1.2")
            out.append(f'<div class="box" style="left:{_mm(f.x)};top:{_mm(f.y)};width:{_mm(f.width)};'
                       f'height:{_mm(height.quantize(Decimal("0.1")))}"></div>')
            out.append(f'<div class="tag" style="left:{_mm(f.x)};top:{_mm(max(f.y - 3, zero))}">'
                       f'{html.escape(f.label)} (x={f.x}, y={f.y})</div>')
        if f.key == "qr":
            if sheet.qr_url:
                uri = qr_cache.get(sheet.qr_url) or qr_cache.setdefault(sheet.qr_url, qr_data_uri(sheet.qr_url))
                out.append(f'<img class="qr" data-field="qr" alt="QR" src="{uri}">')
            continue
        text = layouts.fill(f.text, sheet.values)
        out.append(f'<div class="f {f.key}" data-field="{f.key}">{html.escape(text)}</div>')
    return out


def _grid_svg(width: Decimal, height: Decimal, marks: list[tuple[Decimal, Decimal]]) -> str:
    """A light millimetre grid (every 10 mm, darker and labelled every 50 mm) and a
    crosshair at each field's anchor, as one SVG in page millimetres."""
    w, h = float(width), float(height)
    lines = []
    for span, ends, label_at in (
        (w, lambda x: (x, 0, x, h), lambda x: (x + 0.8, 4)),  # vertical lines, labelled along the top
        (h, lambda y: (0, y, w, y), lambda y: (1, y - 0.8)),  # horizontal lines, labelled along the left
    ):
        for at in range(0, int(span) + 1, 10):
            strong = at % 50 == 0
            x1, y1, x2, y2 = ends(at)
            lines.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{"#9ab" if strong else "#d5dde5"}" '
                         f'stroke-width="{0.25 if strong else 0.15}"/>')
            if strong and at:
                tx, ty = label_at(at)
                lines.append(f'<text x="{tx}" y="{ty}" font-size="2.6" fill="#789">{at}</text>')
    for mx, my in marks:
        x, y = float(mx), float(my)
        lines.append(f'<g stroke="#c53030" stroke-width="0.25"><line x1="{x - 4}" y1="{y}" x2="{x + 4}" y2="{y}"/>'
                     f'<line x1="{x}" y1="{y - 4}" x2="{x}" y2="{y + 4}"/>'
                     f'<circle cx="{x}" cy="{y}" r="1.5" fill="none"/></g>')
    return (f'<svg class="grid" xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" '
            f'viewBox="0 0 {w} {h}" font-family="DejaVu Sans">{"".join(lines)}</svg>')


def sheets_html(sheets: Sequence[Sheet], *, offset: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0)),
                test: bool = False, background: str = "", legend: str = "") -> str:
    """The HTML of SHEETS, one page each. OFFSET (mm) moves the sheet's content as the
    printer needs; TEST adds the grid, the boxes and crosshairs of a test print;
    BACKGROUND (a data URI of the scanned blank) is drawn under it, unshifted, for the
    screen."""
    dx, dy = offset
    styles = _Styles(offset)
    pages = []
    qr_cache: dict[str, str] = {}
    for sheet in sheets:
        layout = sheet.layout
        parts = [f'<section class="page {styles.layout(layout)}">']
        if background:
            parts.append(f'<img class="bg" alt="" src="{background}">')
        parts.append(f'<div class="sheet" data-offset="{dx},{dy}">')
        if test:
            marks = [(f.x, f.y) for f in layout.fields if f.enabled]
            parts.append(_grid_svg(layout.page_width, layout.page_height, marks))
        parts.extend(_fields_html(sheet, test=test, qr_cache=qr_cache))
        parts.append("</div>")
        if legend:
            parts.append(f'<div class="legend" style="left:12mm;top:{_mm(layout.page_height - 9)}">'
                         f'{html.escape(legend)}</div>')
        parts.append("</section>")
        pages.append("".join(parts))
    head = "<style>" + styles.css() + "</style>"
    body = "".join(pages)
    return f'<!doctype html><html lang="vi"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def html_to_pdf(document: str) -> bytes:
    # Embedded data only, never the network or a file: user text is escaped, and this
    # closes the door anyway.
    return HTML(string=document, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


# --- from awards -------------------------------------------------------------------------


def background_public_url(fallback: str = "") -> str:
    """The public address for work done without a request (the task worker): the
    THIDUA_PUBLIC_URL setting. Without it, in development, FALLBACK (the address of the
    request that queued the work); in production, ApplicationError(PUBLIC_URL_REQUIRED):
    a QR code naming a guessed host would be printed on paper for good."""
    if not settings.THIDUA_PUBLIC_URL and settings.PRODUCTION:
        raise ApplicationError(PUBLIC_URL_REQUIRED)
    return public_url(fallback)


def verify_url(token: str, base_url: str | None = None) -> str:
    return public_url(base_url) + reverse("verify:detail", args=[token])


def ensure_tokens(awards: Sequence) -> dict[int, str]:
    """The verification token of each award (by id), made for those printed the first time.
    Idempotent and safe when two prints race: the award is unique in the table."""
    ids = [a.pk for a in awards]
    tokens = dict(AwardVerification.objects.filter(award_id__in=ids).values_list("award_id", "token"))
    missing = [pk for pk in ids if pk not in tokens]
    if missing:
        AwardVerification.objects.bulk_create([AwardVerification(award_id=pk, token=new_token()) for pk in missing],
                                              ignore_conflicts=True)
        tokens |= dict(AwardVerification.objects.filter(award_id__in=missing).values_list("award_id", "token"))
    return tokens


def _positions(awards) -> dict[int, str]:
    """Each individual award's position at the time: the employment in the unit at the time
    that covers the decision date, else the person's position if they are still there."""
    people = {a.person_id for a in awards if a.person_id}
    if not people:
        return {}
    stints: dict[tuple[int, int], list] = {}
    for e in Employment.objects.filter(person_id__in=people).only("person_id", "unit_id", "position", "started_on",
                                                                  "ended_on"):
        stints.setdefault((e.person_id, e.unit_id), []).append(e)
    out = {}
    for a in awards:
        if not a.person_id:
            continue
        position = ""
        for e in sorted(stints.get((a.person_id, a.held_unit_id), []), key=lambda e: e.started_on, reverse=True):
            if e.position and e.started_on <= a.decided_on and (e.ended_on is None or e.ended_on >= a.decided_on):
                position = e.position
                break
        if not position and a.person.current_unit_id == a.held_unit_id:
            position = a.person.position
        out[a.pk] = position
    return out


def _honorific(person) -> str:
    return "Bà" if person.gender == "nu" else "Ông"


def _default_achievement(award, kind_name: str, year_text: str) -> str:
    if award.is_title:
        return f"Đã đạt danh hiệu {kind_name} năm {year_text}"
    span = "giai đoạn" if award.period and award.period[0] != award.period[1] else "năm"
    return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ {span} {year_text}"


def award_values(award, *, kind_name: str, layout: Layout, position: str, parents: dict[str, Any]) -> dict[str, Any]:
    """The placeholders of one award's certificate (`layouts.PLACEHOLDERS`)."""
    if award.person_id:
        person = award.person
        name = person.full_name
        honorific = _honorific(person)
        recipient = f"Gia đình {honorific.lower()} {name}" if award.subject_kind == "household" else \
            f"{honorific} {name}"
        unit = unit_text(award.held_unit, parents)
        position_unit = f"{position} {unit}".strip() if position else unit
    else:
        name = recipient = award.unit.name
        parent = parent_in(award.unit, parents)
        unit = position_unit = parent.name if parent is not None else ""
    period = award.period
    year_text = f"{period[0]}–{period[1]}" if period and period[0] != period[1] else str(award.year)
    decided: dt.date = award.decided_on
    day, month = vnformat.day_month(decided)
    number = award.decision_number or (award.document.number if award.document_id else "")
    return {
        "recipient": recipient, "name": name, "position_unit": position_unit, "unit": unit,
        "achievement": award.achievement or _default_achievement(award, kind_name, year_text),
        "award_name": kind_name, "year": year_text, "decision_number": number,
        "decision_date": vnformat.short_date(decided), "day": day, "month": month, "decided_year": decided.year,
        "place": layout.place, **_signer(award, layout), "issuer": award.issuer,
    }


def _signer(award, layout: Layout) -> dict[str, str]:
    """Who signed the award's decision, as the certificate prints it: the capacity over the
    title on two lines ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") and the name; the layout's own
    signer lines for a decision whose signer is not recorded."""
    doc = award.document if award.document_id else None
    if doc is None or not doc.signer_title:
        return {"signer_title": layout.signer_title, "signer_name": layout.signer_name}
    capacity, title = signer_lines(doc.signer_title)
    return {"signer_title": f"{capacity}\n{title}" if capacity else title, "signer_name": doc.signer_name}


def _load(awards: Sequence) -> list:
    """AWARDS again with everything a certificate reads, in the order given."""
    ids = [a.pk for a in awards]
    rows = Award.objects.filter(pk__in=ids).select_related("person", "unit", "held_unit", "document")
    by_id = {a.pk: a for a in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def refuse_unprintable(awards: Sequence, *, names=None, kinds=None) -> None:
    """Raise ApplicationError for an empty list, a revoked award or a kind that has no
    certificate (the catalog's `certificate: false`, e.g. LĐTT). NAMES and KINDS: the
    catalog's `kind_names()` and `current_kinds()` when the caller has them."""
    if not awards:
        raise ApplicationError(NOTHING_TO_PRINT)
    names = kind_names() if names is None else names
    kinds = current_kinds() if kinds is None else kinds
    for award in awards:
        kind_name = award_full_name(award, names)
        if award.revoked:
            raise ApplicationError(REVOKED % f"{kind_name} — {award.subject}")
        info = kinds.get(award.kind)
        if info is not None and not info.certificate:
            raise ApplicationError(NO_CERTIFICATE % kind_name)


def award_sheets(awards: Sequence, *, base_url: str | None = None) -> list[Sheet]:
    """One sheet per award, in order. Raises ApplicationError as `refuse_unprintable`."""
    if not awards:
        raise ApplicationError(NOTHING_TO_PRINT)
    awards = _load(awards)
    names = kind_names()
    kinds = current_kinds()
    refuse_unprintable(awards, names=names, kinds=kinds)
    tokens = ensure_tokens(awards)
    resolver = layouts.Resolver({a.kind for a in awards}, units=[a.held_unit for a in awards])
    parents = parents_of([a.held_unit for a in awards] + [a.unit for a in awards if a.unit_id])
    positions = _positions(awards)
    sheets = []
    for award in awards:
        layout = resolver.layout(award.kind, award.held_unit, kind_info=kinds.get(award.kind))
        kind_name = award_full_name(award, names)
        values = award_values(award, kind_name=kind_name, layout=layout, position=positions.get(award.pk, ""),
                              parents=parents)
        sheets.append(Sheet(layout=layout, values=values, qr_url=verify_url(tokens[award.pk], base_url)))
    return sheets


def certificate_pdf(awards: Sequence, *, printer=None, base_url: str | None = None) -> bytes:
    """One PDF page per award, in the order given, on the layout of the award's kind at
    its unit at the time, shifted by PRINTER's offset (a `PrinterProfile`, optional).

    Makes the verification token of an award printed the first time. Raises
    ApplicationError for an empty list, a revoked award, or a kind without certificate.
    Checks no permission: callers pass awards the user may print."""
    sheets = award_sheets(awards, base_url=base_url)
    return html_to_pdf(sheets_html(sheets, offset=printer_offset(printer)))


def printer_offset(printer) -> tuple[Decimal, Decimal]:
    if printer is None:
        return Decimal(0), Decimal(0)
    return Decimal(printer.offset_x), Decimal(printer.offset_y)


# --- test print --------------------------------------------------------------------------

SAMPLE_VALUES = {
    "recipient": "Ông Nguyễn Văn Phóng", "name": "Nguyễn Văn Phóng",
    "position_unit": "Chuyên viên Phòng Công chức, viên chức, Sở Nội vụ",
    "unit": "Phòng Công chức, viên chức, Sở Nội vụ",
    "achievement": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025, góp phần vào sự nghiệp xây dựng "
                   "chủ nghĩa xã hội và bảo vệ Tổ quốc",
    "award_name": "", "year": "2025", "decision_number": "125/QĐ-UBND", "decision_date": "02/07/2026", "day": "02",
    "month": "7", "decided_year": "2026", "issuer": "Chủ tịch UBND tỉnh",
}


def sample_sheet(layout: Layout, *, award_name: str = "", base_url: str | None = None) -> Sheet:
    values = SAMPLE_VALUES | {"award_name": award_name or layout.name, "place": layout.place,
                              "signer_title": layout.signer_title, "signer_name": layout.signer_name}
    return Sheet(layout=layout, values=values, qr_url=public_url(base_url) + "/xac-minh/in-thu/")


def background_data_uri(layout: Layout) -> str:
    """The scanned blank of LAYOUT's row as a data URI, or "" without one."""
    row = layout.row
    if row is None or not row.background:
        return ""
    with row.background.open("rb") as fh:
        data = fh.read()
    mime = mimetypes.guess_type(row.background.name)[0] or "image/jpeg"
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def calibration_html(layout: Layout, *, award_name: str = "", printer=None, background: bool = False) -> str:
    offset = printer_offset(printer)
    legend = gettext("In thử: %(layout)s — lưới 10 mm; dấu + là góc trên bên trái của từng trường; máy in: "
                     "%(printer)s (lệch ngang %(dx)s mm, dọc %(dy)s mm)") % {
        "layout": layout.name, "printer": printer.name if printer else gettext("không chọn"), "dx": offset[0],
        "dy": offset[1]}
    return sheets_html([sample_sheet(layout, award_name=award_name)], offset=offset, test=True,
                       background=background_data_uri(layout) if background else "", legend=legend)


def calibration_pdf(layout: Layout, *, award_name: str = "", printer=None, background: bool = False) -> bytes:
    """The calibration sheet: the sample text in every field over a light grid with
    crosshairs at the fields' corners, shifted by PRINTER's offset; BACKGROUND adds the
    scanned blank (for the screen: it must not be printed onto a real blank)."""
    return html_to_pdf(calibration_html(layout, award_name=award_name, printer=printer, background=background))

