"""The cell parsers of the people-and-ratings sheet: a value in, a clean value or a
`CellError` saying in Vietnamese what to fix."""

import datetime as dt
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.imports import sheet
from thidua.imports.people.columns import COLUMN_BY_KEY, FIRST_YEAR, RATING_CODES
from thidua.imports.sheet import CellError as _CellError
from thidua.people.models import Gender, PositionGroup, Rating

_is_blank = sheet.is_blank
_text = sheet.text
_int = sheet.to_int


def parse_unit_code(value: Any) -> str:
    code = _text(value)
    if not code:
        raise _CellError(_("chưa nhập mã đơn vị."))
    return code


def parse_full_name(value: Any) -> str:
    name = _text(value)
    if not name:
        raise _CellError(_("chưa nhập họ và tên."))
    if len(name.split()) < 2:
        raise _CellError(_("«%s» chưa đủ họ và tên (cần ít nhất hai từ).") % name)
    if len(name) > 128:
        raise _CellError(_("họ và tên dài quá 128 ký tự."))
    return name


def parse_gender(value: Any) -> str | None:
    if _is_blank(value):
        return None
    folded = fold(_text(value))
    # The codes are the folded Vietnamese words ("nam", "nu"); labels of the active language count too.
    known = {fold(str(label)): code for code, label in Gender.choices} | {code: code for code in Gender.values}
    if folded in known:
        return known[folded]
    raise _CellError(_("giá trị «%s» không hợp lệ; chọn Nam hoặc Nữ.") % _text(value))


def parse_date(value: Any, *, today: dt.date) -> dt.date | None:
    day = sheet.parse_day(value)
    if day is not None and (day.year < 1900 or day > today):
        raise _CellError(_("ngày sinh «%s» không hợp lý.") % day.strftime("%d/%m/%Y"))
    return day


def parse_cccd(value: Any) -> str | None:
    return sheet.parse_cccd(value, column=str(COLUMN_BY_KEY["cccd"].header))


def parse_position(value: Any) -> str:
    text = _text(value)
    if len(text) > 128:
        raise _CellError(_("chức vụ dài quá 128 ký tự."))
    return text


def position_group_lookup() -> dict[str, str]:
    """Folded code or label → code: the Vietnamese labels whatever the active language, and
    the active language's own."""
    table = {code: code for code in PositionGroup.values}
    table.update({fold(str(label)): code for code, label in PositionGroup.choices})
    with translation.override("vi"):
        table.update({fold(str(label)): code for code, label in PositionGroup.choices})
    return table


def parse_position_group(value: Any, table: dict[str, str]) -> str:
    if _is_blank(value):
        return ""
    code = table.get(fold(_text(value)))
    if code is None:
        raise _CellError(_("giá trị «%(value)s» không hợp lệ; chọn một trong: %(groups)s.") % {
            "value": _text(value), "groups": "; ".join(str(label) for label in PositionGroup.labels)})
    return code


def parse_year(value: Any, *, current_year: int) -> int:
    if _is_blank(value):
        raise _CellError(_("chưa nhập năm xếp loại."))
    year = _int(value)
    if year is None or not FIRST_YEAR <= year <= current_year:
        raise _CellError(_("năm «%(value)s» không hợp lệ; năm xếp loại phải từ %(first)s đến %(last)s.") % {
            "value": _text(value), "first": FIRST_YEAR, "last": current_year})
    return year


def _rating_lookup() -> dict[str, str]:
    """Folded code or label → code: the Vietnamese labels whatever the active language,
    and the active language's own."""
    table = {fold(code): code for code in RATING_CODES}
    table.update({fold(str(label)): code for code, label in Rating.choices})
    with translation.override("vi"):
        table.update({fold(str(label)): code for code, label in Rating.choices})
    return table


def _rating_words() -> str:
    return "; ".join(str(label) for label in Rating.labels)


def parse_rating(value: Any, table: dict[str, str]) -> str:
    if _is_blank(value):
        raise _CellError(_("chưa nhập xếp loại; chọn một trong: %s.") % _rating_words())
    code = table.get(fold(_text(value)))
    if code is None:
        raise _CellError(_("giá trị «%(value)s» không hợp lệ; chọn một trong: %(codes)s.") % {
            "value": _text(value), "codes": _rating_words()})
    return code


def parse_months(value: Any) -> int:
    if _is_blank(value):
        return 12
    months = _int(value)
    if months is None or not 0 <= months <= 12:
        raise _CellError(_("số tháng công tác «%s» không hợp lệ; nhập số nguyên từ 0 đến 12.") % _text(value))
    return months


def parse_note(value: Any) -> str:
    text = _text(value)
    if len(text) > 255:
        raise _CellError(_("ghi chú dài quá 255 ký tự."))
    return text

