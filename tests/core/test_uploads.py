"""The one upload check (issue 10, B): size, type judged by the bytes, a safe name, an
image's pixels bounded — each refusal a Vietnamese message naming the field."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from thidua.core import uploads
from thidua.core.uploads import UploadRefused


def check(name: str, content: bytes, types=uploads.OFFICE_FILES, **kw):
    upload = SimpleUploadedFile(name, content)
    return uploads.check(upload, field="file", label="Tệp minh chứng", types=types, **kw), upload


def refused(name: str, content: bytes, types=uploads.OFFICE_FILES, **kw) -> str:
    with pytest.raises(UploadRefused) as exc:
        check(name, content, types, **kw)
    assert exc.value.extra == {"field": "file"}
    assert exc.value.message.startswith("«Tệp minh chứng»: ")
    return exc.value.message


def picture(width: int, height: int, kind: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "#f4e9c8").save(buf, format=kind)
    return buf.getvalue()


def png(width: int, height: int) -> bytes:
    return picture(width, height)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims WIDTH × HEIGHT pixels: a few dozen bytes that would
    decode to gigabytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def docx() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("name", "content", "code"), [
    ("bao-cao.pdf", b"%PDF-1.7\n...", "pdf"),
    ("to-trinh.docx", docx(), "docx"),
    ("anh.JPG", picture(20, 10, "JPEG"), "jpeg"),
    ("anh.png", png(20, 10), "png"),
])
def test_a_file_whose_bytes_match_its_name_passes(name, content, code):
    kind, upload = check(name, content)
    assert kind.code == code and upload.read() == content  # left at its start for whoever stores it


def test_the_type_is_judged_by_the_bytes_not_the_name():
    assert refused("to-trinh.pdf", b"MZ\x90\x00 a program") == (
        "«Tệp minh chứng»: nội dung tệp «to-trinh.pdf» không phải PDF như đuôi tệp cho biết (tệp hỏng hoặc bị đổi "
        "đuôi); hãy mở tệp bằng phần mềm tương ứng, lưu lại đúng định dạng rồi tải lên.")
    assert "không phải Word (.docx)" in refused("ke-hoach.docx", b"PK\x03\x04 not really a zip")
    assert "không phải ảnh PNG" in refused("anh.png", b"\xff\xd8\xff\xe0 a jpeg")


def test_an_extension_the_field_does_not_take_is_refused_naming_what_it_takes():
    assert refused("virus.exe", b"MZ", types=uploads.IMAGES) == (
        "«Tệp minh chứng»: không nhận tệp «virus.exe»; chỉ nhận .jpg, .jpeg, .png.")
    assert "không nhận tệp «không đuôi»" in refused("không đuôi", b"%PDF-1.4")


def test_empty_and_oversized_files_are_refused(settings):
    assert refused("a.pdf", b"") == "«Tệp minh chứng»: tệp «a.pdf» rỗng (0 byte); hãy chọn lại tệp."
    settings.THIDUA_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    assert refused("a.pdf", b"%PDF" + b"0" * (3 * 1024 * 1024)) == (
        "«Tệp minh chứng»: tệp «a.pdf» nặng 3 MB, vượt giới hạn 2 MB mỗi tệp.")
    # A field may only lower the limit.
    assert "vượt giới hạn 1 KB" in refused("a.pdf", b"%PDF-1.4" + b"0" * 2000, limit=1024)
    kind, _upload = check("a.pdf", b"%PDF-1.4" + b"0" * 2000, limit=10 * 1024 * 1024)
    assert kind.code == "pdf"


def test_an_image_is_bounded_in_pixels_from_its_header(settings):
    settings.THIDUA_UPLOAD_MAX_IMAGE_PIXELS = 50_000_000
    assert refused("phoi.png", png_header_only(30_000, 20_000)) == (
        "«Tệp minh chứng»: ảnh «phoi.png» có 30.000 × 20.000 điểm ảnh, vượt giới hạn 50 triệu điểm ảnh; hãy thu "
        "nhỏ ảnh rồi tải lên lại.")
    assert "vượt giới hạn 0,0001 triệu" in refused("phoi.png", png(20, 10), pixel_limit=100)
    assert "không phải ảnh PNG" in refused("phoi.png", png(20, 10)[:40])  # cut short: broken


def test_pillow_refuses_the_same_images_anywhere_in_the_process(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.THIDUA_UPLOAD_MAX_IMAGE_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_header_only(100_000, 100_000)))


def test_a_zip_that_would_unzip_past_the_limit_is_refused_when_asked():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w/>" * (1024 * 1024))
    assert "khi giải nén lớn 4 MB, vượt giới hạn 1 MB" in refused("chi-thi.docx", buf.getvalue(),
                                                                 unzipped_limit=1024 * 1024)


@pytest.mark.parametrize(("given", "kept"), [
    ("Báo cáo tổng kết 2025.pdf", "Báo cáo tổng kết 2025.pdf"),
    ("C:\\Users\\An\\Desktop\\to-trinh.pdf", "to-trinh.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..hidden.pdf", "hidden.pdf"),
    ("a<b>:c|d?.pdf", "a b c d.pdf"),
    ("line\nbreak\x00.pdf", "line break.pdf"),
    ("Nguye\u0302\u0303n.pdf", "Nguyễn.pdf"),  # decomposed accents, as macOS writes them
    ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    (".pdf", "tep.pdf"),
])
def test_names_are_made_safe_to_keep_and_show(given, kept):
    assert uploads.safe_name(given) == kept


def test_the_upload_is_renamed_to_its_safe_name():
    _kind, upload = check("../thư mục/Báo cáo.pdf", b"%PDF-1.4")
    assert upload.name == "Báo cáo.pdf"


def test_a_form_shows_the_refusal_on_its_field():
    from django import forms

    class Form(forms.Form):
        file = forms.FileField(label="Tệp đính kèm")

        def clean_file(self):
            return uploads.clean(self.cleaned_data["file"], field="file", label=self.fields["file"].label,
                                 types=uploads.DOCUMENT_FILES)

    form = Form(files={"file": SimpleUploadedFile("a.pdf", b"not a pdf")})
    assert not form.is_valid() and form.errors["file"][0].startswith("«Tệp đính kèm»: nội dung tệp «a.pdf»")
