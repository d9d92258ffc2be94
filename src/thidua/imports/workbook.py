"""The templates officers fill in for the imports (reading an upload is `imports.reading`)."""

import io
from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.awards.models import FIRST_YEAR as AWARD_FIRST_YEAR
from thidua.awards.models import CommendationType, InitiativeScope
from thidua.catalog.models import SubjectKind
from thidua.core.xlsx import put
from thidua.imports.awards import AWARD_COLUMNS, INITIATIVE_COLUMNS
from thidua.imports.people import COLUMNS, FIRST_YEAR, MAX_ROWS
from thidua.imports.registrations import COLUMNS as REGISTRATION_COLUMNS
from thidua.imports.sheet import Column
from thidua.people.models import Gender, PositionGroup, Rating
from thidua.registrations.models import FIRST_YEAR as REG_FIRST_YEAR

DATA_SHEET = "Danh sách"
LIST_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9B1C1C")
# Rows the dropdowns cover: the import limit, plus the header.
_LAST_ROW = MAX_ROWS + 1


class TemplateBuilder:
    """An import template: the data sheet with its header row, hidden lists that feed the
    dropdowns, and a guide sheet. Headers and dropdown values are the file's contract:
    callers build them under `translation.override("vi")`."""

    def __init__(self, columns: Sequence[Column]):
        self.columns = list(columns)
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = DATA_SHEET
        for i, column in enumerate(self.columns, start=1):
            cell = put(self.ws.cell(row=1, column=i), str(column.header))
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            self.ws.column_dimensions[get_column_letter(i)].width = column.width
        self.ws.row_dimensions[1].height = 32
        self.ws.freeze_panes = "A2"
        self.lists = None
        self.list_count = 0

    def letter(self, key: str) -> str:
        return get_column_letter(next(i for i, c in enumerate(self.columns, start=1) if c.key == key))

    def rng(self, key: str) -> str:
        return f"{self.letter(key)}2:{self.letter(key)}{_LAST_ROW}"

    def number_format(self, key: str, fmt: str) -> None:
        self.ws.column_dimensions[self.letter(key)].number_format = fmt

    def text_columns(self, *keys: str) -> None:
        # Typed codes keep their leading zeros only in a text column ("@").
        for key in keys:
            self.number_format(key, "@")

    def date_columns(self, *keys: str) -> None:
        for key in keys:
            self.number_format(key, "DD/MM/YYYY")

    def add_list(self, header_code: str, header_name: str, rows: Sequence[tuple[str, str]]) -> str | None:
        """Put (code, name) ROWS on the hidden list sheet; the formula of their code range."""
        if self.lists is None:
            self.lists = self.wb.create_sheet(LIST_SHEET)
            self.lists.sheet_state = "hidden"
        col = self.list_count * 3 + 1
        self.list_count += 1
        code_letter, name_letter = get_column_letter(col), get_column_letter(col + 1)
        for j, value in enumerate((header_code, header_name)):
            cell = put(self.lists.cell(row=1, column=col + j), value)
            cell.font = Font(bold=True)
        for i, (code, name) in enumerate(rows, start=2):
            put(self.lists.cell(row=i, column=col), code)
            put(self.lists.cell(row=i, column=col + 1), name)
        self.lists.column_dimensions[code_letter].width = 16
        self.lists.column_dimensions[name_letter].width = 60
        if not rows:
            return None
        return f"'{LIST_SHEET}'!${code_letter}$2:${code_letter}${len(rows) + 1}"

    def dropdown(self, key: str, formula: str, error: str, prompt: str = "", *, strict: bool = True) -> None:
        """A list to pick from; not STRICT, other values may be typed too (several codes)."""
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict,
                            errorTitle=_("Giá trị không hợp lệ"), error=error,
                            showInputMessage=bool(prompt), prompt=prompt or None)
        dv.add(self.rng(key))
        self.ws.add_data_validation(dv)

    def unit_dropdown(self, units: Sequence, error: str = "") -> None:
        """UNITS on the list sheet, their codes the dropdown of the unit column."""
        unit_range = self.add_list(_("Mã đơn vị"), _("Tên đơn vị"), [(u.code, u.name) for u in units])
        if unit_range:
            self.dropdown("unit_code", unit_range,
                          error or _("Chọn mã đơn vị trong danh sách (các đơn vị bạn được quản lý)."))

    def year_columns(self, low: int, high: int, *keys: str) -> None:
        error = _("Năm từ %(a)s đến %(b)s.") % {"a": low, "b": high}
        for key in keys:
            self.whole_number(key, low, high, error)

    def whole_number(self, key: str, low: int, high: int, error: str) -> None:
        dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                            allow_blank=True, showErrorMessage=True, errorTitle=_("Giá trị không hợp lệ"),
                            error=error)
        dv.add(self.rng(key))
        self.ws.add_data_validation(dv)

    def guide(self, title: str, lines: Sequence[tuple[str, str]]) -> None:
        guide = self.wb.create_sheet(HELP_SHEET)
        guide.column_dimensions["A"].width = 26
        guide.column_dimensions["B"].width = 90
        put(guide["A1"], title).font = Font(bold=True, size=13)
        for i, (label, text) in enumerate(lines, start=3):
            put(guide.cell(row=i, column=1), label).font = Font(bold=True)
            put(guide.cell(row=i, column=2), text).alignment = Alignment(wrap_text=True, vertical="top")

    def save(self) -> bytes:
        self.wb.active = 0
        buf = io.BytesIO()
        self.wb.save(buf)
        return buf.getvalue()


def build_people_template(units: Sequence, *, current_year: int) -> bytes:
    """The people-and-ratings template: a header row, dropdowns and a unit list for UNITS."""
    # Headers and dropdown values are the file's contract: Vietnamese whatever the
    # user's language (the parser also accepts the active language's).
    with translation.override("vi"):
        t = TemplateBuilder(COLUMNS)
        genders = [str(label) for label in Gender.labels]
        ratings = [str(label) for label in Rating.labels]
        groups = _labels(PositionGroup.choices)
    t.text_columns("cccd", "unit_code")
    t.date_columns("birth_date")
    t.unit_dropdown(units)
    t.dropdown("gender", f'"{",".join(genders)}"', _("Chọn %(a)s hoặc %(b)s.") % {"a": genders[0], "b": genders[1]})
    t.dropdown("rating", f'"{",".join(ratings)}"', _("Chọn một trong: %s.") % "; ".join(ratings),
               _("Chọn mức xếp loại trong danh sách."))
    group_range = t.add_list(_("Nhóm chức vụ (thống kê)"), "", groups)
    t.dropdown("position_group", group_range, _("Chọn nhóm trong danh sách."))
    t.whole_number("year", FIRST_YEAR, current_year,
                   _("Năm xếp loại từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": current_year})
    t.whole_number("months_worked", 0, 12, _("Số tháng công tác từ 0 đến 12."))
    t.guide(_("Hướng dẫn nhập danh sách cá nhân và xếp loại hằng năm"),
            _guide_lines(current_year, units[0].code if units else "…"))
    return t.save()


def _guide_lines(current_year: int, example_code: str) -> list[tuple[str, str]]:
    ratings = "; ".join(str(label) for label in Rating.labels)
    return [
        (_("Cách dùng"), _("Mỗi dòng của trang «%(sheet)s» là xếp loại một năm của một cá nhân; một cá nhân có thể "
                           "có nhiều dòng cho nhiều năm. Không sửa dòng tiêu đề. Toàn bộ tệp chỉ được lưu khi "
                           "không còn lỗi nào.") % {"sheet": DATA_SHEET}),
        (_("Mã đơn vị"), _("Bắt buộc. Chọn trong danh sách; chỉ gồm các đơn vị đang hoạt động thuộc phạm vi quản lý "
                           "của bạn.")),
        (_("Họ và tên"), _("Bắt buộc, ít nhất hai từ, có dấu. Ví dụ: Nguyễn Văn An.")),
        (_("Giới tính"), _("Nam hoặc Nữ; bắt buộc khi thêm cá nhân mới.")),
        (_("Ngày sinh"), _("Dạng dd/mm/yyyy, ví dụ 02/01/1985.")),
        (_("Số CCCD"), _("Đủ 12 chữ số, kể cả số 0 ở đầu; cột này đã định dạng Văn bản (Text) — nếu dán từ tệp "
                         "khác, hãy giữ định dạng Văn bản để Excel không bỏ số 0 ở đầu.")),
        (_("Chức vụ"), _("Không bắt buộc; chỉ dùng khi thêm cá nhân mới.")),
        (_("Năm xếp loại"), _("Bắt buộc, từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": current_year}),
        (_("Xếp loại"), _("Bắt buộc, một trong: %s (tệp cũ ghi tắt HTXSNV, HTTNV, HTNV, KHTNV vẫn được nhận).")
         % ratings),
        (_("Số tháng công tác"), _("Từ 0 đến 12; để trống là 12 tháng (hoặc giữ số đã ghi nếu đã có xếp loại).")),
        (_("Ghi chú"), _("Không bắt buộc.")),
        (_("Nhóm chức vụ (thống kê)"), _("Không bắt buộc. Nhóm mà biểu thống kê khen thưởng đếm cá nhân: %s. "
                                         "Ghi cho cá nhân mới, hoặc cho cá nhân đã có mà chưa được phân nhóm.")
         % "; ".join(str(label) for label in PositionGroup.labels)),
        (_("Nhận diện cá nhân"), _("Theo số CCCD nếu có; nếu không, theo họ tên, ngày sinh và đơn vị. Không tìm thấy "
                                   "thì thêm cá nhân mới vào đơn vị đó.")),
        (_("Ví dụ một dòng"), _("%(code)s | Nguyễn Văn An | Nam | 14/03/1985 | 001085012345 | Chuyên viên | %(y)s | "
                                "Hoàn thành tốt nhiệm vụ | 12 |") % {"code": example_code, "y": current_year - 1}),
    ]


def _labels(choices) -> list[tuple[str, str]]:
    """A choice list as the template offers it: the Vietnamese labels only (the import also
    takes the codes old files hold)."""
    return [(str(label), "") for _code, label in choices]


def build_awards_template(units: Sequence, kinds: Sequence, *, current_year: int) -> bytes:
    """The historical-awards template: units in scope and catalog codes as dropdowns."""
    with translation.override("vi"):
        t = TemplateBuilder(AWARD_COLUMNS)
        subjects = _labels(SubjectKind.choices)
        types = _labels(CommendationType.choices)
        guide = _awards_guide(current_year, units[0].code if units else "…")
    t.text_columns("unit_code", "cccd", "decision_number", "kind")
    t.date_columns("birth_date", "decided_on")
    t.unit_dropdown(units)
    kind_range = t.add_list(_("Danh hiệu, hình thức"), "", [(k.name, "") for k in kinds])
    subject_range = t.add_list(_("Đối tượng"), "", subjects)
    type_range = t.add_list(_("Loại hình khen thưởng"), "", types)
    if kind_range:
        t.dropdown("kind", kind_range, _("Chọn trong danh mục danh hiệu, hình thức khen thưởng."),
                   _("Ví dụ: Lao động tiên tiến"))
    t.dropdown("subject", subject_range, _("Chọn Cá nhân, Tập thể hoặc Hộ gia đình."))
    t.dropdown("commendation_type", type_range, _("Chọn loại hình khen thưởng trong danh sách."))
    t.year_columns(AWARD_FIRST_YEAR, current_year, "year", "period_from", "period_to")
    t.guide(_("Hướng dẫn nhập khen thưởng đã có (lịch sử)"), guide)
    return t.save()


def _awards_guide(current_year: int, example_code: str) -> list[tuple[str, str]]:
    return [
        (_("Cách dùng"), _("Mỗi dòng của trang «%s» là một danh hiệu hoặc hình thức khen thưởng đã được quyết định "
                           "cho một cá nhân, hộ gia đình hoặc tập thể. Không sửa dòng tiêu đề. Toàn bộ tệp chỉ được "
                           "lưu khi không còn lỗi nào; dòng đã có trong sổ khen thưởng (cùng số quyết định) được bỏ "
                           "qua.") % DATA_SHEET),
        (_("Mã đơn vị"), _("Bắt buộc. Với cá nhân: đơn vị người đó đang công tác; với tập thể: chính đơn vị được "
                           "khen.")),
        (_("Nhận diện cá nhân"), _("Theo số CCCD nếu có; nếu không, theo họ tên, ngày sinh và mã đơn vị. Không "
                                   "tìm thấy thì dòng bị báo lỗi (không tự thêm cá nhân mới).")),
        (_("Đối tượng"), _("Cá nhân, Tập thể hoặc Hộ gia đình; để trống: có họ tên là cá nhân, không có là tập "
                           "thể.")),
        (_("Danh hiệu, hình thức"), _("Bắt buộc, chọn trong danh sách (ví dụ Lao động tiên tiến, Chiến sĩ thi đua "
                                      "cơ sở, Tập thể lao động xuất sắc). Danh hiệu, hình thức phải tặng được cho "
                                      "đối tượng của dòng.")),
        (_("Năm thành tích"), _("Bắt buộc, từ 1945 đến %s; với danh hiệu là năm đạt danh hiệu.") % current_year),
        (_("Thành tích từ năm, đến năm"), _("Không bắt buộc: thời kỳ thành tích mà quyết định nêu.")),
        (_("Số, ngày quyết định"), _("Bắt buộc; ngày dạng dd/mm/yyyy, không sau hôm nay.")),
        (_("Tiền thưởng"), _("Để trống để tính theo danh mục (hệ số × mức lương cơ sở tại ngày quyết định, làm "
                             "tròn lên hàng chục nghìn đồng).")),
        (_("Ví dụ một dòng"), _("%(code)s | Nguyễn Văn An | 14/03/1985 | 001085012345 | Cá nhân | Lao động tiên tiến | "
                                "%(y)s | | | Khen thưởng công trạng | 15/QĐ-SNV | 15/01/%(y2)s | Giám đốc Sở Nội vụ "
                                "| |")
         % {"code": example_code, "y": current_year - 1, "y2": current_year}),
    ]


def build_initiatives_template(units: Sequence, kinds: Sequence, *, current_year: int) -> bytes:
    """The initiatives template: one row per author; units, scopes and codes as dropdowns."""
    with translation.override("vi"):
        t = TemplateBuilder(INITIATIVE_COLUMNS)
        scopes = _labels(InitiativeScope.choices)
        guide = _initiatives_guide(current_year, units[0].code if units else "…")
    t.text_columns("unit_code", "author_cccd", "decision_number", "used_for")
    t.date_columns("recognized_on", "author_birth")
    t.unit_dropdown(units)
    scope_range = t.add_list(_("Phạm vi công nhận"), "", scopes)
    kind_range = t.add_list(_("Danh hiệu, hình thức"), "", [(k.name, "") for k in kinds])
    t.dropdown("scope", scope_range, _("Chọn phạm vi công nhận trong danh sách."))
    if kind_range:
        t.dropdown("used_for", kind_range, _("Chọn danh hiệu, hình thức khen thưởng trong danh sách."))
    t.year_columns(AWARD_FIRST_YEAR, current_year, "year")
    t.guide(_("Hướng dẫn nhập sáng kiến"), guide)
    return t.save()


def _initiatives_guide(current_year: int, example_code: str) -> list[tuple[str, str]]:
    return [
        (_("Cách dùng"), _("Mỗi dòng là một tác giả của một sáng kiến; các dòng cùng mã đơn vị, tên sáng kiến và năm "
                           "là một sáng kiến (ghi giống nhau phạm vi, ngày và số quyết định công nhận). Toàn bộ tệp "
                           "chỉ được lưu khi không còn lỗi nào; sáng kiến đã có được bỏ qua.")),
        (_("Mã đơn vị"), _("Bắt buộc: đơn vị áp dụng sáng kiến, nơi các tác giả đang công tác.")),
        (_("Phạm vi công nhận"), _("Cấp cơ sở, Cấp bộ, ban, ngành, tỉnh hoặc Toàn quốc.")),
        (_("Tác giả"), _("Theo số CCCD nếu có; nếu không, theo họ tên, ngày sinh và mã đơn vị.")),
        (_("Tỷ lệ đóng góp"), _("Phần trăm của từng tác giả, tổng bằng 100; để trống khi chỉ có một tác giả.")),
        (_("Đã dùng để xét"), _("Không bắt buộc: danh hiệu, hình thức mà sáng kiến đã được dùng để xét (mỗi "
                                "sáng kiến chỉ được tính một lần).")),
        (_("Ví dụ một dòng"), _("%(code)s | Số hóa hồ sơ lưu trữ | %(y)s | Cấp cơ sở | 20/11/%(y)s | 12/QĐ-HĐSK | "
                                "Hội đồng sáng kiến cơ sở | Nguyễn Văn An | 14/03/1985 | | 100 | |")
         % {"code": example_code, "y": current_year - 1}),
    ]


def build_registrations_template(units: Sequence, titles: Sequence[tuple[str, str]], *, current_year: int,
                                 prefill: Sequence[Sequence] = ()) -> bytes:
    """The registrations template: units in scope and title codes as dropdowns; PREFILL rows
    (a unit's people with what they registered) below the header, ready to tick."""
    with translation.override("vi"):
        t = TemplateBuilder(REGISTRATION_COLUMNS)
        guide = _registrations_guide(current_year, units[0].code if units else "…")
    t.text_columns("unit_code", "ident")
    for i, row in enumerate(prefill, start=2):
        for j, value in enumerate(row, start=1):
            put(t.ws.cell(row=i, column=j), value)
    t.unit_dropdown(units, _("Chọn mã đơn vị trong danh sách (các đơn vị bạn được lập đăng ký)."))
    title_range = t.add_list(_("Danh hiệu"), "", [(name, "") for _code, name in titles])
    if title_range:
        t.dropdown("titles", title_range, _("Ghi tên danh hiệu; nhiều danh hiệu cách nhau bằng dấu phẩy."),
                   _("Ví dụ: Lao động tiên tiến, Chiến sĩ thi đua cơ sở"), strict=False)
    t.year_columns(REG_FIRST_YEAR, current_year + 1, "year")
    t.guide(_("Hướng dẫn nhập đăng ký thi đua"), guide)
    return t.save()


def _registrations_guide(current_year: int, example_code: str) -> list[tuple[str, str]]:
    return [
        (_("Cách dùng"), _("Mỗi dòng của trang «%s» là đăng ký của một cá nhân hoặc của chính đơn vị (tập thể) trong "
                           "một năm. Không sửa dòng tiêu đề. Toàn bộ tệp chỉ được lưu khi không còn lỗi nào.")
         % DATA_SHEET),
        (_("Mã đơn vị"), _("Bắt buộc: đơn vị lập bản đăng ký; với cá nhân là đơn vị người đó đang công tác.")),
        (_("Năm"), _("Bắt buộc: năm thi đua đăng ký, ví dụ %s.") % current_year),
        (_("Số CCCD hoặc Mã cá nhân"), _("Với cá nhân: số CCCD (đủ 12 chữ số) hoặc mã cá nhân (số ghi cạnh họ tên "
                                         "trong bản đăng ký trên hệ thống). Để trống cả cột này và cột Họ và tên "
                                         "khi dòng là đăng ký của chính đơn vị.")),
        (_("Họ và tên"), _("Có thể ghi thay cho số CCCD khi đơn vị không có hai người trùng họ tên.")),
        (_("Danh hiệu đăng ký"), _("Tên danh hiệu theo danh sách, nhiều danh hiệu cách nhau bằng dấu phẩy. Cá nhân: "
                                   "Lao động tiên tiến, Chiến sĩ thi đua cơ sở…; tập thể: Tập thể lao động tiên "
                                   "tiến, Tập thể lao động xuất sắc… Để trống nghĩa là không đăng ký danh hiệu nào "
                                   "(rút đăng ký đã có).")),
        (_("Ghi chú, chỉ tiêu"), _("Không bắt buộc. Với dòng của đơn vị: chỉ tiêu, nội dung đăng ký của tập thể. "
                                   "Để trống thì giữ nguyên ghi chú đã có.")),
        (_("Khi xác nhận"), _("Đăng ký được ghi vào bản đăng ký của từng đơn vị và năm (lập mới nếu chưa có). Cá "
                              "nhân, đơn vị có trong tệp được đăng ký đúng các danh hiệu ghi trong tệp; những người "
                              "không có trong tệp giữ nguyên. Bản đăng ký vẫn ở trạng thái đang lập: cán bộ gửi thủ "
                              "trưởng duyệt trên hệ thống. Bản đăng ký đang chờ duyệt hoặc đã duyệt thì không nhập "
                              "được.")),
        (_("Ví dụ"), _("%(code)s | %(y)s | 001085012345 | Nguyễn Văn An | Lao động tiên tiến, Chiến sĩ thi đua cơ sở "
                       "| Có 01 sáng kiến cấp cơ sở\n%(code)s | %(y)s | | | Tập thể lao động xuất sắc | Hoàn thành "
                       "xuất sắc 100%% chỉ tiêu")
         % {"code": example_code, "y": current_year}),
    ]
