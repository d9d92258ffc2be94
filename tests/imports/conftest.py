"""Uploads go to a temporary MEDIA_ROOT; `xlsx_upload` builds a sheet like the template's."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.core.xlsx import XLSX_MIME

HEADERS = ["Mã đơn vị", "Họ và tên", "Giới tính", "Ngày sinh (dd/mm/yyyy)", "Số CCCD", "Chức vụ", "Năm xếp loại",
           "Xếp loại", "Số tháng công tác", "Ghi chú", "Nhóm chức vụ (thống kê)"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx_bytes(rows, headers=HEADERS, sheet="Danh sách") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_upload(rows, headers=HEADERS, name="danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows, headers), content_type=XLSX_MIME)
