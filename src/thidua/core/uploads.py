"""The one check every uploaded file passes before anything keeps or reads it: not empty,
not over the size limit, a type the field accepts — judged by the bytes, not by the name
alone —, a file name safe to show and store, and, for an image, a bounded number of pixels.

`check(upload, field=…, types=…)` raises `UploadRefused` (an ApplicationError naming the
form field) with a Vietnamese message that names the field, the file and the limit;
`clean(…)` does the same for a form's `clean_<field>`. The limits are settings
(`THIDUA_UPLOAD_MAX_BYTES`, `THIDUA_UPLOAD_MAX_IMAGE_PIXELS`); a field may only lower them.

Pillow's own decompression-bomb guard is set to the same pixel limit here, so every image
Pillow opens anywhere in the process (a certificate background drawn into a PDF) is
bounded too.
"""

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image, JpegImagePlugin, PngImagePlugin

from thidua.core.errors import ApplicationError

EMPTY = _("«%(field)s»: tệp «%(name)s» rỗng (0 byte); hãy chọn lại tệp.")
TOO_BIG = _("«%(field)s»: tệp «%(name)s» nặng %(size)s, vượt giới hạn %(max)s mỗi tệp.")
BAD_TYPE = _("«%(field)s»: không nhận tệp «%(name)s»; chỉ nhận %(allowed)s.")
BAD_CONTENT = _("«%(field)s»: nội dung tệp «%(name)s» không phải %(type)s như đuôi tệp cho biết (tệp hỏng hoặc "
                "bị đổi đuôi); hãy mở tệp bằng phần mềm tương ứng, lưu lại đúng định dạng rồi tải lên.")
INFLATES = _("«%(field)s»: tệp «%(name)s» khi giải nén lớn %(size)s, vượt giới hạn %(max)s (tệp nén bất thường); hãy "
             "mở tệp, lưu lại rồi tải lên.")
IMAGE_TOO_LARGE = _("«%(field)s»: ảnh «%(name)s» có %(width)s × %(height)s điểm ảnh, vượt giới hạn %(max)s triệu "
                    "điểm ảnh; hãy thu nhỏ ảnh rồi tải lên lại.")

_HEAD_BYTES = 2048
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_names(fileobj) -> set[str] | None:
    """The member names of a zip archive (its central directory only), None if not a zip."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _opendocument(mimetype: bytes) -> Callable[[bytes, object], bool]:
    # An OpenDocument file starts with its uncompressed "mimetype" member, name and value.
    return lambda head, _f: head.startswith(b"PK\x03\x04") and b"mimetype" + mimetype in head[:200]


def _zip_with(member: str) -> Callable[[bytes, object], bool]:
    def sniff(head: bytes, fileobj) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(fileobj)
        return names is not None and member in names
    return sniff


def _text(head: bytes, fileobj) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sample
    return True


@dataclass(frozen=True)
class FileType:
    code: str
    label: str  # what the user calls it, in messages
    extensions: tuple[str, ...]
    sniff: Callable[[bytes, object], bool]
    image: bool = False


TYPES: dict[str, FileType] = {t.code: t for t in (
    FileType("pdf", "PDF", ("pdf",), lambda head, _f: b"%PDF-" in head[:1024]),
    FileType("docx", "Word (.docx)", ("docx",), _zip_with("word/document.xml")),
    FileType("doc", "Word 97–2003 (.doc)", ("doc",), lambda head, _f: head.startswith(_OLE2)),
    FileType("xlsx", "Excel (.xlsx)", ("xlsx",), _zip_with("xl/workbook.xml")),
    FileType("xls", "Excel 97–2003 (.xls)", ("xls",), lambda head, _f: head.startswith(_OLE2)),
    FileType("odt", "OpenDocument (.odt)", ("odt",), _opendocument(b"application/vnd.oasis.opendocument.text")),
    FileType("ods", "OpenDocument (.ods)", ("ods",),
             _opendocument(b"application/vnd.oasis.opendocument.spreadsheet")),
    FileType("jpeg", "ảnh JPEG", ("jpg", "jpeg"), lambda head, _f: head.startswith(b"\xff\xd8\xff"), image=True),
    FileType("png", "ảnh PNG", ("png",), lambda head, _f: head.startswith(b"\x89PNG\r\n\x1a\n"), image=True),
    FileType("zip", "tệp nén .zip", ("zip",), lambda head, _f: head.startswith((b"PK\x03\x04", b"PK\x05\x06"))),
    FileType("txt", "văn bản thuần (.txt)", ("txt",), _text),
)}

# What the fields of the system accept.
OFFICE_FILES = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpeg", "png", "zip")
DOCUMENT_FILES = ("pdf", "docx", "doc", "xlsx", "odt", "jpeg", "png")
IMAGES = ("jpeg", "png")
TEXT_FILES = ("docx", "pdf", "txt")


def extensions(types: Iterable[str]) -> list[str]:
    """The file name extensions of TYPES, for a model's validator or a message."""
    return [ext for code in types for ext in TYPES[code].extensions]


def accept(types: Iterable[str]) -> str:
    """The HTML `accept` attribute of a file input taking TYPES: ".pdf,.docx,…"."""
    return ",".join(f".{ext}" for ext in extensions(types))


def max_bytes() -> int:
    return settings.THIDUA_UPLOAD_MAX_BYTES


def max_image_pixels() -> int:
    return settings.THIDUA_UPLOAD_MAX_IMAGE_PIXELS


# Pillow warns above its limit and refuses above twice it; `check` refuses at the limit.
Image.MAX_IMAGE_PIXELS = settings.THIDUA_UPLOAD_MAX_IMAGE_PIXELS


def size_text(size: int) -> str:
    """20971520 → "20 MB"; 22334455 → "21,3 MB"; 900 → "900 byte"."""
    if size < 1024:
        return f"{size} byte"
    unit, value = ("KB", size / 1024) if size < 1024 * 1024 else ("MB", size / (1024 * 1024))
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} {unit}"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_name(name: str, *, default: str = "tep") -> str:
    """A file name fit to store and show: no folder part, no control or reserved
    characters, no leading dots, Vietnamese kept (NFC), at most 255 characters with the
    extension kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip()
    if re.fullmatch(r"\.+[^.\s]+", name):  # ".pdf": an extension alone
        name = default + "." + name.lstrip(".")
    name = name.lstrip(". ")
    stem, dot, ext = name.rpartition(".")
    if not stem:
        stem, dot, ext = name, "", ""
    ext = ext[:16]
    stem = stem[: 255 - len(dot) - len(ext)].rstrip() or default
    return f"{stem}{dot}{ext}"


class UploadRefused(ApplicationError):
    """An upload the check refused; `extra["field"]` names the form field."""


def _allowed_text(types: Iterable[FileType]) -> str:
    return ", ".join(f".{ext}" for t in types for ext in t.extensions)


def check(upload, *, field: str, label, types: Iterable[str], limit: int | None = None,
          pixel_limit: int | None = None, unzipped_limit: int | None = None,
          only: Iterable[str] | None = None) -> FileType:
    """Check UPLOAD (a Django UploadedFile) for the form field FIELD, shown as LABEL, that
    accepts TYPES (codes of `TYPES`); LIMIT and PIXEL_LIMIT may lower the settings'
    limits. UNZIPPED_LIMIT, for a file the system will read (a .docx whose text is
    extracted): a zip-based file is refused when its parts would unzip past it. ONLY
    narrows the extensions taken to these (a model's own list). Renames the upload to its
    safe name and returns its type; raises UploadRefused."""
    accepted = [TYPES[code] for code in types]
    if only is not None:
        names = {ext.lower() for ext in only}
        accepted = [FileType(t.code, t.label, tuple(e for e in t.extensions if e in names), t.sniff, t.image)
                    for t in accepted if names & set(t.extensions)]
    name = safe_name(getattr(upload, "name", "") or "")
    upload.name = name
    args = {"field": label, "name": name}

    def refuse(message, **more):
        raise UploadRefused(message % (args | more), {"field": field})

    ext = name.rpartition(".")[2].lower() if "." in name else ""
    matching = [t for t in accepted if ext in t.extensions]
    if not matching:
        refuse(BAD_TYPE, allowed=_allowed_text(accepted))
    size = upload.size or 0
    if size == 0:
        refuse(EMPTY)
    most = min(max_bytes(), limit or max_bytes())
    if size > most:
        shown = size_text(size)
        if shown == size_text(most):  # just over: "20 MB, over 20 MB" would read as a mistake
            shown = f"{size:,} byte".replace(",", ".")
        refuse(TOO_BIG, size=shown, max=size_text(most))
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    kind = next((t for t in matching if t.sniff(head, upload)), None)
    upload.seek(0)
    if kind is None:
        refuse(BAD_CONTENT, type=matching[0].label)
    if kind.image:
        _check_image(upload, refuse, kind, min(max_image_pixels(), pixel_limit or max_image_pixels()))
    if unzipped_limit is not None and head.startswith(b"PK"):
        unzipped = _unzipped_size(upload)
        if unzipped > unzipped_limit:
            refuse(INFLATES, size=size_text(unzipped), max=size_text(unzipped_limit))
    return kind


def _unzipped_size(fileobj) -> int:
    """What a zip's parts add up to once unzipped, as its directory declares (Python's
    zipfile never inflates a part past its declared size)."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0
    finally:
        fileobj.seek(0)


_READERS = {"jpeg": JpegImagePlugin.JpegImageFile, "png": PngImagePlugin.PngImageFile}


def _check_image(upload, refuse, kind: FileType, limit: int) -> None:
    """Read the image's header (never its pixels), bound its size, verify its structure.
    The format's own reader is used directly: `Image.open` would refuse a huge image
    before saying how big it is."""
    try:
        image = _READERS[kind.code](upload)
        width, height = image.size
        if width * height > limit:
            refuse(IMAGE_TOO_LARGE, width=f"{width:,}".replace(",", "."), height=f"{height:,}".replace(",", "."),
                   max=f"{limit / 1_000_000:g}".replace(".", ","))
        image.verify()
    except UploadRefused:
        raise
    except Exception:  # Pillow's errors for a broken file are of many types
        refuse(BAD_CONTENT, type=kind.label)
    finally:
        upload.seek(0)


def clean(upload, *, field: str, label, types: Iterable[str], limit: int | None = None,
          pixel_limit: int | None = None, unzipped_limit: int | None = None, only: Iterable[str] | None = None):
    """`check` for a form's clean_<field>: returns UPLOAD (None passes), raises the
    refusal as the field's ValidationError."""
    if not upload:
        return upload
    try:
        check(upload, field=field, label=label, types=types, limit=limit, pixel_limit=pixel_limit,
              unzipped_limit=unzipped_limit, only=only)
    except UploadRefused as exc:
        raise forms.ValidationError(exc.message) from None
    return upload
