"""The columns of the people-and-ratings sheet, as the template heads them and the headers a
file may use instead (folded)."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy

from thidua.imports import sheet
from thidua.imports.sheet import Column
from thidua.people.models import Rating

MAX_ROWS = 10_000
FIRST_YEAR = 1945


COLUMNS: tuple[Column, ...] = (
    Column("unit_code", gettext_lazy("Mã đơn vị"), True, ("ma don vi", "ma dv", "don vi ma"), 14),
    Column("full_name", gettext_lazy("Họ và tên"), True, ("ho va ten", "ho ten", "ho va ten ca nhan"), 28),
    Column("gender", gettext_lazy("Giới tính"), True, ("gioi tinh", "gioi"), 11),
    Column("birth_date", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), False,
           ("ngay sinh", "ngay thang nam sinh", "sinh ngay"), 16),
    Column("cccd", gettext_lazy("Số CCCD"), False,
           ("so cccd", "cccd", "so can cuoc", "so can cuoc cong dan", "can cuoc cong dan", "so dinh danh",
            "so dinh danh ca nhan"), 17),
    Column("position", gettext_lazy("Chức vụ"), False, ("chuc vu", "chuc danh", "chuc vu chuc danh"), 24),
    Column("year", gettext_lazy("Năm xếp loại"), True, ("nam xep loai", "nam danh gia", "nam"), 12),
    Column("rating", gettext_lazy("Xếp loại"), True,
           ("xep loai", "muc xep loai", "ket qua xep loai", "xep loai chat luong", "ma xep loai"), 12),
    Column("months_worked", gettext_lazy("Số tháng công tác"), False,
           ("so thang cong tac", "so thang", "so thang lam viec"), 12),
    Column("note", gettext_lazy("Ghi chú"), False, ("ghi chu",), 30),
    # Last: files made from the template before it had this column still read the same.
    Column("position_group", gettext_lazy("Nhóm chức vụ (thống kê)"), False,
           ("nhom chuc vu thong ke", "nhom chuc vu", "nhom doi tuong", "nhom thong ke"), 30),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
RATING_CODES = tuple(Rating.values)


# --- headers -----------------------------------------------------------------------------



def match_headers(cells: Sequence[Any]) -> dict[str, int]:
    """Column key → 0-based index for the people sheet (see `sheet.match_headers`)."""
    return sheet.match_headers(cells, COLUMNS)

