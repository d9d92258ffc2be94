"""Build the shipped Word templates in data/print/ (run once; the .docx files are committed).

    python -m thidua.printing.make_templates [OUTPUT_DIR [KIND …]]

Each template follows the presentation rules of Decree 30/2020/NĐ-CP, Annex I: A4,
margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the issuing body top
left in capitals with a short rule under it and the number–symbol line below; the national
name (13 pt bold capitals) and motto (14 pt bold, a rule as long as the motto under it)
top right with the place and date in italics below; the document kind in bold capitals
and the summary (trích yếu) under it; the body 14 pt justified, first lines indented;
"Nơi nhận" (12 pt bold italic, entries 11 pt) on the left of the signature block, the
signer's authority, title and name in bold on the right; page numbers centred in the top
margin from the second page on.

The files are ordinary Word documents with docxtpl (Jinja) placeholders, so an officer may
restyle them in Word and upload them back; the placeholders each kind receives are listed
in `thidua.printing.contexts`. Nothing here imports Django.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
# Liberation Serif has Times New Roman's metrics: it measures the motto so its rule is
# exactly as long as the words, as the decree asks.
_MEASURE_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "data" / "print"


# --- low-level helpers -------------------------------------------------------------------


def _run(paragraph, text, size=14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    # Word picks the East Asian slot for some Vietnamese characters: name the font there too.
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    return run


def _para(container, text="", size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, after=0,
          before=0, indent_first=None, line=1.0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before, fmt.line_spacing = Pt(after), Pt(before), line
    if indent_first is not None:
        fmt.first_line_indent = indent_first
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _first_para(cell, **kwargs):
    """The cell's own first paragraph, formatted like `_para` (a new cell has one empty)."""
    paragraph = cell.paragraphs[0]
    text = kwargs.pop("text", "")
    size, bold, italic = kwargs.pop("size", 14), kwargs.pop("bold", False), kwargs.pop("italic", False)
    paragraph.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before, fmt.line_spacing = Pt(kwargs.pop("after", 0)), Pt(0), 1.0
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule(paragraph, width_mm: float, box_mm: float) -> None:
    """A horizontal rule WIDTH_MM long, centred in a box BOX_MM wide: the paragraph's
    bottom border between equal indents (Word draws it; no drawing objects to misplace)."""
    indent = max((box_mm - width_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent)
    fmt.space_after, fmt.space_before, fmt.line_spacing = Pt(2), Pt(0), Pt(2)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _text_mm(text: str, size: float) -> float:
    try:
        from PIL import ImageFont

        font = ImageFont.truetype(_MEASURE_FONT, 1000)
        return font.getlength(text) / 1000 * size * 25.4 / 72
    except OSError:  # no Liberation font here: an estimate good to a few millimetres
        return len(text) * size * 0.5 * 25.4 / 72


def _widths(table, widths_mm: list[float]) -> None:
    """Fixed column widths: Word and LibreOffice read tblGrid and the fixed layout, not
    only the cells' widths."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.find(qn("w:tblGrid"))
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(width / 25.4 * 1440)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _no_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _page_number_header(section) -> None:
    """Page numbers centred in the top margin, none on the first page (Decree 30/2020)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(paragraph, "", size=13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


# --- the document frame ------------------------------------------------------------------


class Frame:
    """One A4 document with the decree's margins, and the blocks every kind shares."""

    def __init__(self, landscape: bool = False):
        self.doc = Document()
        section = self.doc.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        self.width = (297 if landscape else 210) - 45
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(14)
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
        # Drop the empty paragraph python-docx starts with.
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)
        _page_number_header(section)

    def heading(self, symbol_note: str = "") -> None:
        """Issuing body and number on the left; national name, motto, place and date on the
        right (two rows so the number and the date share a line)."""
        left_w = self.width * 0.42
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _widths(table, [left_w, self.width - left_w])
        left, right = table.rows[0].cells
        # Without a parent body the issuing body takes the first line (the tags vanish).
        _first_para(left, text="{%p if issuer_parent %}", size=13)
        _para(left, "{{ issuer_parent|upper }}", size=13)
        _para(left, "{%p endif %}", size=13)
        _para(left, "{{ issuer|upper }}", size=13, bold=True)
        _rule(left.add_paragraph(), min(left_w * 0.4, 30), left_w)
        _first_para(right, text=NATION, size=13, bold=True)
        _para(right, MOTTO, size=14, bold=True)
        _rule(right.add_paragraph(), _text_mm(MOTTO, 14), self.width - left_w)
        number, place = table.rows[1].cells
        _first_para(number, text="Số: {{ number_text }}", size=13)
        if symbol_note:
            _para(number, symbol_note, size=12)
        _first_para(place, text="{{ place }}, {{ date_text }}", size=14, italic=True)
        _para(self.doc, after=6)

    def title(self, kind: str, summary: str = "{{ summary }}") -> None:
        _para(self.doc, kind, size=14, bold=True)
        _para(self.doc, summary, size=14, bold=True)
        _rule(self.doc.add_paragraph(), 50, self.width)
        _para(self.doc, after=6)

    def body(self, text: str, *, bold=False, italic=False, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY):
        return _para(self.doc, text, size=14, bold=bold, italic=italic, align=align, after=6, line=1.15,
                     indent_first=Mm(12.7) if indent else None)

    def loop(self, opening: str, line: str, closing: str = "{%p endfor %}", **kwargs) -> None:
        """A paragraph repeated per item (docxtpl's {%p %} tags vanish with their paragraph)."""
        _para(self.doc, opening, size=14)
        self.body(line, **kwargs)
        _para(self.doc, closing, size=14)

    def signature(self, *, left_label="Nơi nhận:", recipients=True) -> None:
        """"Nơi nhận" on the left, the signer on the right, kept on one page."""
        table = self.doc.add_table(rows=1, cols=2)
        _widths(table, [self.width * 0.45, self.width * 0.55])
        _no_split(table.rows[0])
        left, right = table.rows[0].cells
        if recipients:
            _first_para(left, text=left_label, size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
            _para(left, "{%p for r in recipients_to %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
            _para(left, "- {{ r }};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
            _para(left, "{%p endfor %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
            _para(left, "- Lưu: {{ archive }}.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        _first_para(right, text="{{ signer_authority|upper }}", size=14, bold=True)
        _para(right, "{{ signer_title|upper }}", size=14, bold=True)
        for _ in range(4):
            _para(right, "", size=14)
        _para(right, "{{ signer_name }}", size=14, bold=True)

    def table(self, headers: list[str], widths: list[float], size=12):
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _first_para(cell, text=text, size=size, bold=True)
        _repeat_header(table.rows[0])
        _widths(table, widths)
        return table

    def table_loop(self, table, opening: str, cells: list[tuple[str, int]], size=12, closing="{%tr endfor %}"):
        """Three rows: the {%tr %} opening, the repeated row (text, alignment), the closing."""
        self._tag_row(table, opening, size)
        row = table.add_row()
        for cell, (text, align) in zip(row.cells, cells, strict=True):
            _first_para(cell, text=text, size=size, align=align)
        self._tag_row(table, closing, size)

    def _tag_row(self, table, tag: str, size: int) -> None:
        row = table.add_row()
        _first_para(row.cells[0], text=tag, size=size)

    def subject_sections(self, table, cells: list[tuple[str, int]]) -> None:
        """The rows of a list: "I. TẬP THỂ" then "II. CÁ NHÂN" (numbered I when alone),
        each only when it has a row, each row of CELLS."""
        self._tag_row(table, "{%tr if collectives %}", 12)
        self.section_row(table, "I. TẬP THỂ ({{ collectives|length|hai_so }})")
        self.table_loop(table, "{%tr for r in collectives %}", cells)
        self._tag_row(table, "{%tr endif %}", 12)
        self._tag_row(table, "{%tr if individuals %}", 12)
        self.section_row(table, "{{ 'II' if collectives else 'I' }}. CÁ NHÂN ({{ individuals|length|hai_so }})")
        self.table_loop(table, "{%tr for r in individuals %}", cells)
        self._tag_row(table, "{%tr endif %}", 12)

    def section_row(self, table, text: str, size=12) -> None:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        _first_para(merged, text=text, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)

    def page_break(self) -> None:
        _para(self.doc).add_run().add_break(WD_BREAK.PAGE)


L, C, R = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


# --- the kinds ----------------------------------------------------------------------------


def to_trinh() -> Document:
    """Tờ trình đề nghị khen thưởng (after Decree 152/2025, Mẫu 01)."""
    f = Frame()
    f.heading()
    f.title("TỜ TRÌNH")
    f.body("Kính gửi: {{ addressee }}", indent=False, align=C)
    f.loop("{%p for b in bases %}", "{{ b }};")
    f.body("{{ issuer_short }} đề nghị {{ addressee }} xem xét, quyết định khen thưởng:")
    f.loop("{%p for line in proposals %}", "- {{ line }};")
    f.body("(Có danh sách và hồ sơ kèm theo)", italic=True)
    f.loop("{%p if body %}", "Tóm tắt thành tích:", "{%p endif %}", bold=True)
    f.loop("{%p for p in body %}", "{{ p }}")
    f.body("{{ closing }}")
    f.signature()
    return f.doc


def danh_sach() -> Document:
    """Danh sách kèm theo tờ trình: collectives, then individuals (landscape, per Decree
    30/2020 a table may turn the page)."""
    f = Frame(landscape=True)
    f.heading()
    _para(f.doc, "DANH SÁCH", size=14, bold=True)
    _para(f.doc, "{{ subtitle }}", size=14, bold=True)
    _para(f.doc, "({{ attached_to }})", size=14, italic=True, after=6)
    w = f.width
    widths = [12, w * 0.22, w * 0.25, w * 0.16, w - 12 - w * 0.63]
    table = f.table(["STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị", "Hình thức đề nghị",
                     "Thành tích"], widths)
    cells = [("{{ loop.index }}", C), ("{{ r.name }}", L), ("{{ r.position_unit }}", L), ("{{ r.form }}", L),
             ("{{ r.achievement }}", L)]
    f.subject_sections(table, cells)
    _widths(table, widths)
    _para(f.doc, "Tổng cộng: {{ collectives|length|hai_so }} tập thể, {{ individuals|length|hai_so }} cá nhân.",
          size=13, italic=True, align=L, before=6, after=12)
    f.signature(recipients=False)
    return f.doc


def bien_ban() -> Document:
    """Biên bản họp Hội đồng Thi đua – Khen thưởng: attendance, quorum, agenda, the
    vote-counting committee, per-item secret-ballot tallies (agree / disagree / agree with a
    lower form) and their sources (online, paper, written, invalid), conclusion."""
    f = Frame()
    f.heading()
    f.title("BIÊN BẢN")
    f.body("Thời gian: bắt đầu lúc {{ start_text }}.")
    f.body("Địa điểm: {{ venue }}.")
    f.body("Chủ trì: {{ chair.name }}, {{ chair.title }}.")
    f.body("Thư ký: {{ secretary.name }}, {{ secretary.title }}.")
    f.body("Thành phần: {{ present|length }}/{{ members_total }} thành viên Hội đồng có mặt:")
    f.loop("{%p for m in present %}", "- {{ m.name }}, {{ m.title }};")
    f.body("{% if absent %}Vắng mặt: {{ absent|length }} thành viên:{% else %}Vắng mặt: không.{% endif %}")
    f.loop("{%p for m in absent %}", "- {{ m.name }}, {{ m.title }}{% if m.reason %} ({{ m.reason }}){% endif %};")
    f.body("{{ quorum }}")
    f.body("NỘI DUNG PHIÊN HỌP", bold=True, indent=False, align=C)
    f.body("1. Chương trình phiên họp", bold=True)
    f.loop("{%p for a in agenda %}", "- {{ a }};")
    f.body("2. Kết quả bỏ phiếu kín", bold=True)
    f.body("{% if tellers %}Ban kiểm phiếu gồm:{% else %}Ban kiểm phiếu: không lập.{% endif %}")
    f.loop("{%p for t in tellers %}", "- {{ t.name }}, {{ t.title }} — {{ t.role }};")
    f.body("{{ ballot_note }}")
    w = f.width
    widths = [11, w * 0.27, w * 0.19, 17, 17, 23, w - 11 - 57 - w * 0.46]
    table = f.table(["STT", "Tập thể, cá nhân được đề nghị", "Hình thức đề nghị", "Đồng ý", "Không đồng ý",
                     "Đồng ý hình thức thấp hơn", "Kết quả"], widths, size=11)
    f.table_loop(table, "{%tr for i in items %}", [
        ("{{ loop.index }}", C), ("{{ i.name }}{% if i.unit %}, {{ i.unit }}{% endif %}", L), ("{{ i.proposed }}", L),
        ("{{ i.agree }}", C), ("{{ i.disagree }}", C),
        ("{{ i.lower }}{% if i.lower_form %} ({{ i.lower_form }}){% endif %}", C), ("{{ i.result }}", L),
    ], size=11)
    _widths(table, widths)
    _para(f.doc, after=6)
    f.body("Số phiếu theo nguồn:")
    f.loop("{%p for i in items %}", "- {{ i.name }}: {{ i.sources }}.")
    f.body("3. Kết luận", bold=True)
    f.loop("{%p for c in conclusions %}", "{{ c }}")
    f.body("Phiên họp kết thúc lúc {{ end_text }}. Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe "
           "và thống nhất.")
    table = f.doc.add_table(rows=1, cols=2)
    _widths(table, [f.width / 2, f.width / 2])
    _no_split(table.rows[0])
    left, right = table.rows[0].cells
    for cell, role, person in ((left, "THƯ KÝ", "secretary"), (right, "CHỦ TRÌ", "chair")):
        _first_para(cell, text=role, size=14, bold=True)
        for _ in range(4):
            _para(cell, "", size=14)
        _para(cell, "{{ " + person + ".name }}", size=14, bold=True)
    return f.doc


def quyet_dinh() -> Document:
    """Quyết định khen thưởng: Điều 1 the award, Điều 2 the reward money, Điều 3 who
    carries it out; the recipients and their money on an attached list."""
    f = Frame()
    f.heading()
    f.title("QUYẾT ĐỊNH")
    _para(f.doc, "{{ decider|upper }}", size=14, bold=True, after=6)
    f.loop("{%p for b in bases %}", "{{ b }};", italic=True)
    f.body("{{ proposal_basis }}.", italic=True)
    _para(f.doc, "QUYẾT ĐỊNH:", size=14, bold=True, before=6, after=6)
    p = f.body("")
    _run(p, "Điều 1. ", bold=True)
    _run(p, "Tặng {{ award_name }} cho {{ recipients_text }} (có danh sách kèm theo), {{ reason }}.")
    p = f.body("")
    _run(p, "Điều 2. ", bold=True)
    _run(p, "Tiền thưởng kèm theo thực hiện theo quy định tại Nghị định số {{ money_decree }} của Chính phủ; tổng số "
            "tiền thưởng là {{ money_total_text }} đồng (Bằng chữ: {{ money_total_words }}), chi từ "
            "{{ fund_source }}.")
    p = f.body("")
    _run(p, "Điều 3. ", bold=True)
    _run(p, "Quyết định này có hiệu lực kể từ ngày ký. {{ executors }} và các tập thể, cá nhân có tên tại Điều 1 "
            "chịu trách nhiệm thi hành Quyết định này./.")
    f.signature()
    f.page_break()
    _para(f.doc, "{{ issuer|upper }}", size=13, bold=True, align=L)
    _para(f.doc, "DANH SÁCH", size=14, bold=True, before=12)
    _para(f.doc, "Tặng {{ award_name }}", size=14, bold=True)
    _para(f.doc, "(Kèm theo Quyết định số {{ number_text }} ngày {{ date_short }} của {{ decider_short }})", size=14,
          italic=True, after=6)
    w = f.width
    widths = [12, w * 0.34, w - 12 - w * 0.34 - 35, 35]
    table = f.table(["STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị", "Tiền thưởng (đồng)"], widths)
    cells = [("{{ loop.index }}", C), ("{{ r.name }}", L), ("{{ r.position_unit }}", L), ("{{ r.money_text }}", R)]
    f.subject_sections(table, cells)
    row = table.add_row()
    total = row.cells[0].merge(row.cells[2])
    _first_para(total, text="Tổng cộng", size=12, bold=True)
    _first_para(row.cells[3], text="{{ money_total_text }}", size=12, bold=True, align=R)
    _widths(table, widths)
    _para(f.doc, "(Danh sách có {{ collectives|length|hai_so }} tập thể và {{ individuals|length|hai_so }} cá nhân)",
          size=13, italic=True, before=6)
    return f.doc


# Where the officer writes: the draft computes the figures and leaves the prose, each
# place marked so that none is sent unwritten.
def _prose(f: Frame, what: str) -> None:
    f.body(f"[{what}: cán bộ viết]", italic=True)


def bao_cao() -> Document:
    """Báo cáo tổng kết công tác thi đua, khen thưởng năm: the figures of the year for the
    reporting unit's subtree (movements, registrations, awards by level and kind, the share
    of people working directly, exemplars, the fund), the assessment, the next year's tasks
    and the proposals left to the officer."""
    f = Frame()
    f.heading()
    f.title("BÁO CÁO")
    _prose(f, "Mở đầu, căn cứ thực hiện")
    f.body("Số liệu trong báo cáo gồm {{ reporting_unit }} và các đơn vị trực thuộc; khen thưởng tính theo các "
           "quyết định ký {{ period_text }}, không kể khen thưởng đã bị hủy bỏ.", italic=True)
    f.body("I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {{ year }}", bold=True, indent=False)
    f.body("1. Công tác chỉ đạo, tổ chức các phong trào thi đua", bold=True)
    _prose(f, "Công tác chỉ đạo, hướng dẫn, tuyên truyền")
    f.body("Trong năm đã phát động {{ movements_total }} phong trào thi đua:")
    w = f.width
    widths = [w - 3 * 30, 30, 30, 30]
    table = f.table(["Phương thức tổ chức", "Tổng số", "Cấp tỉnh phát động", "Cơ quan, đơn vị phát động"], widths)
    f.table_loop(table, "{%tr for r in movement_rows %}", [("{{ r.label }}", L), ("{{ r.total }}", C),
                                                           ("{{ r.province }}", C), ("{{ r.unit }}", C)])
    _widths(table, widths)
    _para(f.doc, after=6)
    f.loop("{%p for m in movements %}", "- {{ m.name }} ({{ m.kind }}; {{ m.organiser }} phát động{% if m.launched %} "
           "ngày {{ m.launched }}{% endif %}){% if m.reviews %}. {{ m.reviews }}{% endif %};")
    _prose(f, "Kết quả nổi bật của các phong trào thi đua")
    f.body("2. Đăng ký thi đua", bold=True)
    f.body("Có {{ registrations_total }} lượt đăng ký danh hiệu thi đua, trong đó {{ registrations_approved }} lượt "
           "trên bản đăng ký đã được duyệt.")
    _para(f.doc, "{%p if registrations %}", size=14)
    widths = [12, w - 12 - 28 - 2 * 30, 28, 30, 30]
    table = f.table(["STT", "Danh hiệu thi đua", "Đối tượng", "Số lượt đăng ký", "Đã duyệt"], widths)
    f.table_loop(table, "{%tr for r in registrations %}", [
        ("{{ loop.index }}", C), ("{{ r.title }}", L), ("{{ r.subject }}", C), ("{{ r.registered }}", C),
        ("{{ r.approved }}", C)])
    _widths(table, widths)
    _para(f.doc, "{%p endif %}", size=14)
    f.body("3. Công tác khen thưởng", bold=True)
    f.body("Các quyết định ký {{ period_text }} đã khen thưởng {{ awards_total }} lượt tập thể, hộ gia đình và cá "
           "nhân ({{ awards_collectives }} lượt tập thể, {{ awards_households }} lượt hộ gia đình, "
           "{{ awards_individuals }} lượt cá nhân); trong đó khen thưởng cấp Nhà nước {{ state_total }} lượt, khen "
           "thưởng cấp bộ, cấp tỉnh {{ province_total }} lượt (theo biểu 0602.N và 0603.N).")
    _para(f.doc, "{%p if award_levels %}", size=14)
    widths = [w - 4 * 24, 24, 24, 24, 24]
    table = f.table(["Danh hiệu thi đua, hình thức khen thưởng", "Tập thể", "Hộ gia đình", "Cá nhân", "Cộng"],
                    widths)
    f._tag_row(table, "{%tr for lv in award_levels %}", 12)
    f.section_row(table, "{{ lv.label }}: {{ lv.total }} lượt")
    f.table_loop(table, "{%tr for r in lv.rows %}", [
        ("{{ r.name }} ({{ r.category }})", L), ("{{ r.collectives }}", C), ("{{ r.households }}", C),
        ("{{ r.individuals }}", C), ("{{ r.total }}", C)])
    f._tag_row(table, "{%tr endfor %}", 12)
    _widths(table, widths)
    _para(f.doc, "{%p endif %}", size=14)
    _para(f.doc, after=6)
    f.body("Trong {{ direct.individuals }} lượt cá nhân được khen thưởng có {{ direct.direct }} lượt là người trực "
           "tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân…), chiếm "
           "{{ direct.share }}{% if direct.unclassified %}; {{ direct.unclassified }} lượt chưa xác định nhóm chức "
           "vụ{% endif %}.")
    _para(f.doc, "{%p if direct_levels %}", size=14)
    widths = [w - 3 * 30, 30, 30, 30]
    table = f.table(["Cấp khen thưởng", "Lượt cá nhân", "Người trực tiếp", "Tỷ lệ"], widths)
    f.table_loop(table, "{%tr for r in direct_levels %}", [
        ("{{ r.label }}", L), ("{{ r.individuals }}", C), ("{{ r.direct }}", C), ("{{ r.share }}", C)])
    _widths(table, widths)
    _para(f.doc, "{%p endif %}", size=14)
    _para(f.doc, after=6)
    _prose(f, "Nhận xét về chất lượng, tính kịp thời của công tác khen thưởng")
    f.body("4. Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", bold=True)
    f.body("Năm {{ year }} có {{ exemplars.total }} điển hình tiên tiến được đề cử, {{ exemplars.approved }} điển "
           "hình được duyệt, {{ exemplars.published }} điển hình được công bố công khai; {{ exemplars.honoured }} "
           "điển hình được tuyên dương tại hội nghị điển hình tiên tiến, đại hội thi đua yêu nước.")
    f.loop("{%p for e in exemplar_rows %}", "- {{ e.name }}{% if e.unit %}, {{ e.unit }}{% endif %} ({{ e.field }}; "
           "{{ e.state }}{% if e.congresses %}; tuyên dương tại {{ e.congresses }}{% endif %});")
    f.loop("{%p for c in congresses %}", "- {{ c.kind }} «{{ c.name }}» ngày {{ c.held_on }}: tuyên dương "
           "{{ c.honoured }} điển hình;")
    _prose(f, "Công tác bồi dưỡng, nhân rộng điển hình tiên tiến")
    f.body("5. Quỹ thi đua, khen thưởng", bold=True)
    f.body("{% if not fund.shown %}[Số liệu chi quỹ thi đua, khen thưởng: cán bộ ghi]{% elif fund.decisions or "
           "fund.income %}Năm ngân sách {{ year }}, quỹ thu {{ fund.income|vnd }} đồng (ngân sách nhà nước cấp, đóng "
           "góp của tổ chức, cá nhân và nguồn thu hợp pháp khác); quỹ đã chi thưởng {{ fund.paid|vnd }} đồng theo "
           "{{ fund.decisions }} quyết định, thu hồi {{ fund.recovered|vnd }} đồng; số tiền thưởng đã chi sau thu hồi "
           "là {{ fund.net|vnd }} đồng; chênh lệch thu, chi trong năm {{ fund.difference|vnd }} đồng."
           "{% else %}Năm ngân sách {{ year }}, quỹ không có khoản thu, chi thưởng, thu hồi nào.{% endif %}")
    _para(f.doc, "{%p if fund.shown and fund_rows %}", size=14)
    widths = [w - 4 * 26, 26, 26, 26, 26]
    table = f.table(["Quỹ của đơn vị", "Thu vào quỹ (đồng)", "Chi thưởng (đồng)", "Thu hồi (đồng)",
                     "Chênh lệch thu, chi (đồng)"], widths)
    f.table_loop(table, "{%tr for r in fund_rows %}", [
        ("{{ r.unit }}", L), ("{{ r.income|vnd }}", R), ("{{ r.paid|vnd }}", R), ("{{ r.recovered|vnd }}", R),
        ("{{ r.difference|vnd }}", R)])
    _widths(table, widths)
    _para(f.doc, "{%p endif %}", size=14)
    _para(f.doc, after=6)
    _prose(f, "Nguồn hình thành quỹ trong năm")
    f.body("6. Đánh giá chung", bold=True)
    _prose(f, "Đánh giá chung")
    _prose(f, "Ưu điểm")
    _prose(f, "Hạn chế, nguyên nhân")
    _prose(f, "Bài học kinh nghiệm")
    f.body("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ next_year }}", bold=True, indent=False)
    _prose(f, "Phương hướng, nhiệm vụ trọng tâm")
    f.body("III. KIẾN NGHỊ, ĐỀ XUẤT", bold=True, indent=False)
    _prose(f, "Kiến nghị, đề xuất")
    f.signature()
    return f.doc


BUILDERS = {"to_trinh": to_trinh, "danh_sach": danh_sach, "bien_ban": bien_ban, "quyet_dinh": quyet_dinh,
            "bao_cao": bao_cao}


def build(out_dir: Path = DEFAULT_DIR, kinds=None) -> list[Path]:
    """Write the templates of KINDS (all when None) into OUT_DIR. Each run writes new bytes
    (the archive's times), so build only the kinds that changed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, builder in BUILDERS.items():
        if kinds and kind not in kinds:
            continue
        doc = builder()
        props = doc.core_properties
        props.author = props.last_modified_by = "thidua"
        props.title = kind
        path = out_dir / f"{kind}.docx"
        doc.save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    # python -m thidua.printing.make_templates [OUTPUT_DIR [KIND …]]
    for written_path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR, sys.argv[2:] or None):
        print(written_path)
