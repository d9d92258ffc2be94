"""Word documents from editable templates: `render_docx(kind, context) -> bytes`.

The template of a kind is the authority's newest uploaded version (the nearest unit up
the tree that has one), else the shipped file data/print/<kind>.docx. Templates are
docxtpl files: Jinja placeholders inside an ordinary .docx. They run in Jinja's sandbox
with autoescaping, because an uploaded template is code written by a user: it may read
the context it is given and nothing else (no attribute of Python's internals, no change
to a list it is handed), and text with "&" or "<" stays valid XML.

The keys each kind receives are documented in `thidua.printing.contexts`.
"""

import io
import re
import zipfile
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from docx import Document as WordDocument
from docxtpl import DocxTemplate
from jinja2 import ChainableUndefined, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from thidua.core.errors import ApplicationError
from thidua.printing import contexts, vnformat

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
# A .docx is a zip: refuse one that inflates past this (a zip bomb) before parsing it.
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024

NOT_DOCX = _("Tệp tải lên không phải văn bản Word (.docx) hợp lệ. Hãy lưu mẫu bằng Word dưới dạng «Word Document "
             "(*.docx)» rồi tải lên lại.")
TOO_BIG = _("Tệp mẫu quá lớn (tối đa 2 MB).")
SYNTAX = _("Mẫu có lỗi cú pháp ở trường trộn gần đoạn «%(near)s»: hãy kiểm tra các cặp dấu {{ }} và {%% %%} "
           "(chi tiết: %(detail)s).")
UNKNOWN_FIELD = _("Mẫu dùng trường trộn «%(name)s» không có trong dữ liệu của «%(kind)s». Các trường có thể dùng: "
                  "%(known)s.")
FORBIDDEN = _("Mẫu chứa biểu thức không được phép trong trường trộn.")
RENDER_FAILED = _("Không tạo được văn bản từ mẫu: %s")
UNKNOWN_KIND = _("Loại văn bản «%s» không có trong hệ thống.")


def _env(strict: bool) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined if strict else ChainableUndefined)
    env.filters.update({
        "vnd": vnformat.vnd,
        "ngay": vnformat.short_date,
        "ngay_thang_nam": vnformat.date_line,
        "bang_chu": vnformat.money_words,
        "hai_so": vnformat.count_text,
    })
    return env


def default_path(kind: str):
    return settings.DATA_DIR / "print" / f"{kind}.docx"


def default_bytes(kind: str) -> bytes:
    if kind not in contexts.KINDS:
        raise ApplicationError(UNKNOWN_KIND % kind)
    return default_path(kind).read_bytes()


def template_bytes(kind: str, authority=None) -> bytes:
    """The template in force for KIND at AUTHORITY (a unit), else the shipped one."""
    from thidua.printing.selectors import current_template

    row = current_template(kind, authority) if authority is not None else None
    if row is None:
        return default_bytes(kind)
    with row.file.open("rb") as fh:
        return fh.read()


def _render(data: bytes, kind: str, context: dict[str, Any], *, strict: bool) -> bytes:
    template = DocxTemplate(io.BytesIO(data))
    template.render(contexts.prepare(kind, context), jinja_env=_env(strict), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def render_docx(kind: str, context: dict[str, Any], *, authority=None) -> bytes:
    """The .docx of KIND filled with CONTEXT (keys: `thidua.printing.contexts`), from the
    template in force at AUTHORITY (a unit; None: the shipped template). Missing optional
    keys print empty. Raises ApplicationError for an unknown kind or a template that fails."""
    if kind not in contexts.KINDS:
        raise ApplicationError(UNKNOWN_KIND % kind)
    data = template_bytes(kind, authority)
    try:
        return _render(data, kind, context, strict=False)
    except TemplateError as exc:  # a template that passed validation cannot get here
        raise ApplicationError(RENDER_FAILED % exc) from exc


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise ApplicationError(NOT_DOCX, {"field": "file"})
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise ApplicationError(TOO_BIG, {"field": "file"})
    except zipfile.BadZipFile:
        raise ApplicationError(NOT_DOCX, {"field": "file"}) from None


def _near(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", None) or () if line.strip()]
    text = " ".join(lines)
    return (text[:120] + "…") if len(text) > 120 else text


def validate_template(data: bytes, kind: str) -> bytes:
    """Render DATA (an uploaded .docx) with KIND's sample context, every placeholder
    required to exist; answer the rendered document. Raises ApplicationError with a
    Vietnamese message naming what is wrong (`extra.field` = "file")."""
    if kind not in contexts.KINDS:
        raise ApplicationError(UNKNOWN_KIND % kind)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ApplicationError(TOO_BIG, {"field": "file"})
    _check_zip(data)
    try:
        rendered = _render(data, kind, contexts.SAMPLES[kind], strict=True)
    except TemplateSyntaxError as exc:
        raise ApplicationError(SYNTAX % {"near": _near(exc) or "?", "detail": exc.message}, {"field": "file"}) from exc
    except SecurityError as exc:
        raise ApplicationError(FORBIDDEN, {"field": "file"}) from exc
    except UndefinedError as exc:
        match = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", exc.message or "")
        name = (match.group(2) or match.group(1)) if match else (exc.message or "?")
        known = ", ".join(sorted(contexts.prepare(kind, contexts.SAMPLES[kind])))
        from thidua.printing.models import DocKind

        raise ApplicationError(UNKNOWN_FIELD % {"name": name, "kind": DocKind(kind).label, "known": known},
                               {"field": "file"}) from exc
    except TemplateError as exc:
        raise ApplicationError(RENDER_FAILED % exc, {"field": "file"}) from exc
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ApplicationError(NOT_DOCX, {"field": "file"}) from exc
    try:
        WordDocument(io.BytesIO(rendered))
    except Exception as exc:  # whatever python-docx cannot open, Word would refuse too
        raise ApplicationError(RENDER_FAILED % exc, {"field": "file"}) from exc
    return rendered
