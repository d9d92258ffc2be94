"""Word documents from editable templates: `render_docx(kind, context) -> bytes`.

The template of a kind is the authority's newest uploaded version (the nearest unit up
the tree that has one), else the shipped file data/print/<kind>.docx. Templates are
docxtpl files: Jinja placeholders inside an ordinary .docx. They run in Jinja's sandbox
with autoescaping, because an uploaded template is code written by a user: it may read
the context it is given and nothing else (no attribute of Python's internals, no change
to a list it is handed), and text with "&" or "<" stays valid XML.

The sandbox does not bound the work: two nested `range(100000)` loops or a string
multiplied a billion times are allowed Jinja. So every render runs in a forked child
(`thidua.core.budget`) with THIDUA_WORD_RENDER_SECONDS of wall clock and
THIDUA_WORD_RENDER_MB of memory on top of what the document's own rows need, and is
stopped beyond that. Whatever stops a render — a syntax error, an unknown field, 1/0, the
budget — becomes one Vietnamese message naming the template and the paragraph, both when
the template is uploaded (rendered with the kind's sample data) and when it prints.

The keys each kind receives are documented in `thidua.printing.contexts`.
"""

import io
import logging
import re
import traceback
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from docx import Document as WordDocument
from docxtpl import DocxTemplate
from jinja2 import ChainableUndefined, StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from thidua.core import budget
from thidua.core.errors import ApplicationError
from thidua.printing import contexts, vnformat
from thidua.printing.models import DocKind
from thidua.printing.selectors import current_template

log = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
# A .docx is a zip: refuse one that inflates past this (a zip bomb) before parsing it.
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
# Memory a render may use per row of the document's lists (recipients, items…) on top of
# THIDUA_WORD_RENDER_MB: docxtpl holds the rendered XML as an lxml tree, about 33 KB per
# row of the shipped decision's table and 40 KB per row of the list attached to a tờ trình
# (measured with 2,000 rows). A template cannot raise this allowance; only the data does.
ROW_ALLOWANCE = 48 * 1024

NOT_DOCX = _("Tệp tải lên không phải văn bản Word (.docx) hợp lệ. Hãy lưu mẫu bằng Word dưới dạng «Word Document "
             "(*.docx)» rồi tải lên lại.")
TOO_BIG = _("Tệp mẫu quá lớn (tối đa 2 MB).")
UNKNOWN_KIND = _("Loại văn bản «%s» không có trong hệ thống.")

# How a template is named in a message.
NAMED_UPLOAD = _("«%(kind)s» (tệp «%(file)s»)")
NAMED_VERSION = _("«%(kind)s» phiên bản %(version)s của %(unit)s (tệp «%(file)s»)")
NAMED_SHIPPED = _("«%(kind)s» (mẫu gốc của hệ thống)")
# Where in the template: the paragraph, counted from the top of that part of the document.
AT_PARAGRAPH = _("Mẫu %(template)s lỗi ở đoạn thứ %(line)s %(part)s%(near)s: %(problem)s.")
AT_PROPERTIES = _("Mẫu %(template)s lỗi trong thuộc tính tài liệu (Tệp › Thông tin): %(problem)s.")
PARTS = {
    "body": _("của phần nội dung"),
    "header": _("của phần đầu trang"),
    "footer": _("của phần chân trang"),
    "footnotes": _("của phần chú thích"),
}
SYNTAX = _("sai cú pháp trường trộn; hãy kiểm tra các cặp dấu {{ }} và {%% %%}")
UNCLOSED = _("có khối {%% for %%} hoặc {%% if %%} chưa đóng; hãy thêm {%% endfor %%} hoặc {%% endif %%} (kể cả "
             "dạng {%%p …%%}) cho từng khối")
UNKNOWN_FIELD = _("trường trộn «%(name)s» không có trong dữ liệu của «%(kind)s». Các trường có thể dùng: %(known)s")
FORBIDDEN = _("biểu thức không được phép trong trường trộn")
DIVISION = _("phép chia cho 0")
TYPES = _("phép tính giữa hai loại dữ liệu không đi với nhau (ví dụ cộng chữ với số)")
VALUE = _("giá trị không hợp lệ hoặc quá lớn cho phép tính")
DEPTH = _("trường trộn gọi lồng nhau quá sâu")
EXPRESSION = _("biểu thức trong trường trộn không tính được")
BROKEN_RESULT = _("Mẫu %(template)s tạo ra văn bản Word hỏng (Word sẽ không mở được). Hãy kiểm tra các thẻ {%%p %%}, "
                  "{%%tr %%} và {%%tc %%} trong mẫu rồi tải lên lại.")
OVER_TIME = _("Mẫu %(template)s cần hơn %(seconds)s giây để tạo văn bản nên đã bị dừng; thường do vòng lặp {%% for %%} "
              "lồng nhau hoặc quá lớn. Hãy rút gọn các vòng lặp trong mẫu rồi tải lên lại.")
OVER_MEMORY = _("Mẫu %(template)s cần hơn %(mb)s MB bộ nhớ để tạo văn bản nên đã bị dừng; thường do vòng lặp hoặc phép "
                "nhân chuỗi quá lớn trong trường trộn. Hãy sửa mẫu rồi tải lên lại.")
CRASHED = _("Không tạo được văn bản từ mẫu %(template)s. Hãy thử lại; nếu vẫn lỗi, hãy dùng lại mẫu gốc của hệ thống "
            "và báo quản trị hệ thống.")
_PROBLEMS = ((ZeroDivisionError, DIVISION), (TypeError, TYPES), (RecursionError, DEPTH),
             ((ValueError, OverflowError, ArithmeticError), VALUE))


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


def _kind_label(kind: str) -> str:
    return str(DocKind(kind).label)


def _template_in_force(kind: str, authority) -> tuple[bytes, str]:
    """The template in force for KIND at AUTHORITY and its name for messages."""
    row = current_template(kind, authority) if authority is not None else None
    if row is None:
        return default_bytes(kind), str(NAMED_SHIPPED % {"kind": _kind_label(kind)})
    with row.file.open("rb") as fh:
        data = fh.read()
    return data, str(NAMED_VERSION % {"kind": _kind_label(kind), "version": row.version, "unit": row.unit.name,
                                      "file": row.original_name or row.file.name.rsplit("/", 1)[-1]})


def template_bytes(kind: str, authority=None) -> bytes:
    """The template in force for KIND at AUTHORITY (a unit), else the shipped one."""
    return _template_in_force(kind, authority)[0]


# --- rendering inside the budget -----------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """Why a render stopped, as plain values the child can hand back to the server."""

    what: str  # syntax, undefined, security, expression, not_docx, broken
    part: str = ""  # body, header, footer, footnotes; "" outside them (document properties)
    line: int = 0  # paragraph within the part, from 1
    near: str = ""  # the paragraph's text
    name: str = ""  # the unknown field
    error: str = ""  # the exception's class, for the problem's wording
    detail: str = ""  # Jinja's English message, for the log only


_MARK = re.compile(r"\{#- ¶(\d+) #\}")


def _number_paragraphs(xml: str) -> str:
    """XML with a Jinja comment `{#- ¶N #}` on a line of its own before each paragraph N
    (and before each table row or cell, numbered for the paragraph it starts with).

    docxtpl drops the paragraph of a `{%p … %}` tag (and the row of `{%tr … %}`), so
    counting paragraphs in the source Jinja sees would drift; these marks survive that and
    tell which paragraph of the officer's document a failing line is. The `-` strips the
    newline again, so the rendered document is unchanged."""
    count = 0

    def mark(m: re.Match) -> str:
        nonlocal count
        if m.group(1) == "p":
            count += 1
            return f"\n{{#- ¶{count} #}}{m.group(0)}"
        return f"\n{{#- ¶{count + 1} #}}{m.group(0)}"

    return re.sub(r"<w:(p|tr|tc)[ >]", mark, xml)


class _Template(DocxTemplate):
    """A DocxTemplate whose paragraphs are numbered and which remembers which part it is
    rendering and that part's source, so a failure can be placed."""

    where: tuple[str, list[str]] | None = None

    def patch_xml(self, src_xml):
        return super().patch_xml(_number_paragraphs(src_xml))

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        # The same lines Jinja numbers: docxtpl starts each paragraph on a line of its own.
        lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml).splitlines()
        self.where = (_part_kind(str(part.partname)), lines)
        xml = super().render_xml_part(src_xml, part, context, jinja_env)
        self.where = None
        return xml


def _part_kind(partname: str) -> str:
    for key in ("header", "footer", "footnotes"):
        if key in partname:
            return key
    return "body"


def _template_line(exc: BaseException) -> int:
    """The line of the Jinja source EXC was raised at (0: unknown)."""
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        return exc.lineno
    line = 0
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _place(template: _Template, exc: BaseException, **fields) -> Failure:
    line = _template_line(exc)
    if template.where is None or not 0 < line <= len(template.where[1]):
        return Failure(**fields)
    part, lines = template.where
    paragraph = next((int(m.group(1)) for text in reversed(lines[:line]) if (m := _MARK.search(text))), 1)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", _MARK.sub("", lines[line - 1]))).strip()
    return Failure(part=part, line=paragraph, near=(text[:120] + "…") if len(text) > 120 else text, **fields)


def _attempt(data: bytes, prepared: dict[str, Any], strict: bool) -> bytes | Failure:
    """Render DATA with PREPARED; the .docx, or a Failure saying where and why. Runs in
    the budget's child: MemoryError is left to the budget."""
    try:
        template = _Template(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception:  # python-docx's errors alike mean "not a Word file"
        return Failure("not_docx")
    try:
        template.render(prepared, jinja_env=_env(strict), autoescape=True)
        out = io.BytesIO()
        template.save(out)
    except MemoryError:
        raise
    except TemplateSyntaxError as exc:
        return _place(template, exc, what="syntax", detail=exc.message or "")
    except SecurityError as exc:
        return _place(template, exc, what="security", detail=str(exc))
    except UndefinedError as exc:
        match = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", exc.message or "")
        name = (match.group(2) or match.group(1)) if match else ""
        return _place(template, exc, what="undefined", name=name, detail=exc.message or "")
    except Exception as exc:  # whatever a user's expression raises: 1/0, "a" + 1…
        return _place(template, exc, what="expression", error=type(exc).__name__, detail=str(exc))
    rendered = out.getvalue()
    if strict:
        try:
            WordDocument(io.BytesIO(rendered))
        except MemoryError:
            raise
        except Exception as exc:  # whatever python-docx cannot open, Word would refuse too
            return Failure("broken", detail=str(exc))
    return rendered


def _allowance(prepared: dict[str, Any]) -> int:
    rows = sum(len(v) for v in prepared.values() if isinstance(v, (list, tuple)))
    return settings.THIDUA_WORD_RENDER_MB * 1024 * 1024 + rows * ROW_ALLOWANCE


def _problem(failure: Failure, kind: str) -> str:
    if failure.what == "syntax":
        return str(UNCLOSED if "end of template" in failure.detail else SYNTAX) % ()
    if failure.what == "security":
        return str(FORBIDDEN)
    if failure.what == "undefined":
        known = ", ".join(sorted(contexts.prepare(kind, contexts.SAMPLES[kind])))
        return str(UNKNOWN_FIELD % {"name": failure.name or "?", "kind": _kind_label(kind), "known": known})
    error = {cls.__name__: cls for cls in (ZeroDivisionError, TypeError, RecursionError, ValueError, OverflowError,
                                           ArithmeticError)}.get(failure.error)
    for classes, text in _PROBLEMS:
        if error is not None and issubclass(error, classes):
            return str(text)
    return str(EXPRESSION)


def _message(failure: Failure, kind: str, name: str) -> str:
    if failure.what == "not_docx":
        return str(NOT_DOCX)
    if failure.what == "broken":
        return str(BROKEN_RESULT % {"template": name})
    problem = _problem(failure, kind)
    if not failure.part:
        return str(AT_PROPERTIES % {"template": name, "problem": problem})
    return str(AT_PARAGRAPH % {"template": name, "line": failure.line, "part": PARTS[failure.part],
                               "near": f" («{failure.near}»)" if failure.near else "", "problem": problem})


def _render(data: bytes, kind: str, context: dict[str, Any], *, strict: bool, name: str) -> bytes:
    """DATA rendered with CONTEXT inside the budget. Raises ApplicationError naming NAME
    (the template) and the paragraph when the template fails or overspends."""
    prepared = contexts.prepare(kind, context)
    seconds = settings.THIDUA_WORD_RENDER_SECONDS
    try:
        result = budget.run(lambda: _attempt(data, prepared, strict), seconds=seconds, memory=_allowance(prepared))
    except budget.OverBudget as exc:
        log.warning("word template %s of %s stopped: over its %s budget", name, kind, exc.resource)
        if exc.resource == "time":
            raise ApplicationError(OVER_TIME % {"template": name, "seconds": f"{seconds:g}"}, {"field": "file"}) \
                from None
        raise ApplicationError(OVER_MEMORY % {"template": name, "mb": settings.THIDUA_WORD_RENDER_MB},
                               {"field": "file"}) from None
    except budget.ChildFailed as exc:
        log.error("word template %s of %s: the render died (%s)", name, kind, exc)
        raise ApplicationError(CRASHED % {"template": name}, {"field": "file"}) from None
    if isinstance(result, Failure):
        log.warning("word template %s of %s failed: %s %s at %s:%s (%s)", name, kind, result.what, result.error,
                    result.part, result.line, result.detail)
        raise ApplicationError(_message(result, kind, name), {"field": "file"})
    return result


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """CONTENT (a rendered .docx) as a download named FILENAME."""
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def render_docx(kind: str, context: dict[str, Any], *, authority=None) -> bytes:
    """The .docx of KIND filled with CONTEXT (keys: `thidua.printing.contexts`), from the
    template in force at AUTHORITY (a unit; None: the shipped template). Missing optional
    keys print empty. Raises ApplicationError for an unknown kind, or naming the template
    and its paragraph when it fails or overspends its budget with this data."""
    if kind not in contexts.KINDS:
        raise ApplicationError(UNKNOWN_KIND % kind)
    data, name = _template_in_force(kind, authority)
    return _render(data, kind, context, strict=False, name=name)


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


def validate_template(data: bytes, kind: str, *, filename: str = "") -> bytes:
    """Render DATA (an uploaded .docx named FILENAME) with KIND's sample context inside the
    budget, every placeholder required to exist; answer the rendered document. Raises
    ApplicationError with a Vietnamese message naming the template, the paragraph and what
    is wrong (`extra.field` = "file")."""
    if kind not in contexts.KINDS:
        raise ApplicationError(UNKNOWN_KIND % kind)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ApplicationError(TOO_BIG, {"field": "file"})
    _check_zip(data)
    name = str(NAMED_UPLOAD % {"kind": _kind_label(kind), "file": filename or "mau.docx"})
    return _render(data, kind, contexts.SAMPLES[kind], strict=True, name=name)
