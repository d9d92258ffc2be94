"""Numbering: a decision's number and symbol as the văn thư registered them, the Document it
becomes, and its signed copy.

Nghị định 30/2020/NĐ-CP, Art. 15 (docs/law.md D-number): the number follows the order of
issue within the calendar year, and the number and symbol are unique per issuing body per
year; for paper the văn thư gives the number after the leader signed. The văn thư's
register numbers every outgoing document of the body, so thidua takes the number as typed
and only shows the last one it knows as a hint (`last_number`), for revocation decisions
too.
"""

import re
from contextlib import contextmanager

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from thidua.core import audit, storage, uploads
from thidua.core.errors import ApplicationError
from thidua.decisions import audit_actions as A
from thidua.decisions.models import (
    Decision,
    number_text,
)
from thidua.decisions.services.common import _SYMBOL, NUMBER_MAX
from thidua.documents import audit_actions as document_actions
from thidua.documents.models import Document, DocumentKind
from thidua.documents.services import document_search_key
from thidua.org.models import Unit

NUMBER_TEXT_INVALID = _("«Số, ký hiệu»: hãy ghi đúng như văn thư đã đăng ký, ví dụ «1234/QĐ-UBND».")
NUMBER_TEXT_TOO_BIG = _("«Số, ký hiệu»: số tối đa 999999; hãy kiểm tra lại số.")
ISSUED_NUMBER_TAKEN = _("«Số, ký hiệu»: số %(number)s của %(authority)s năm %(year)s đã được ghi cho một quyết định "
                        "khác; số và ký hiệu văn bản của một cơ quan là duy nhất trong năm (Nghị định 30/2020/NĐ-CP, "
                        "Điều 15). Hãy kiểm tra lại số văn thư đã đăng ký.")
SIGNED_FILE_LABEL = _("Bản quyết định đã ký (PDF)")
SIGNED_FILE_PRESENT = _("Quyết định đã có bản đã ký đính kèm; quyết định đã ban hành không sửa được. Nếu có sai sót "
                        "về nội dung, hãy hủy bỏ và ban hành quyết định thay thế.")
NOT_ISSUED = _("Chỉ đính kèm bản đã ký cho quyết định đã ban hành.")
_NUMBER_TEXT = re.compile(r"\s*(\d+)\s*/\s*(\S+)\s*")


def parse_number(text: str) -> tuple[int, str]:
    """"1234/QĐ-UBND" → (1234, "QĐ-UBND"); ApplicationError on the field `number`. A symbol
    is written in capitals (Nghị định 30/2020, Appendix I): "1234/qđ-ubnd" is the same one."""
    match = _NUMBER_TEXT.fullmatch((text or "").upper())
    if match is None or not _SYMBOL.fullmatch(match[2]) or int(match[1]) < 1:
        raise ApplicationError(NUMBER_TEXT_INVALID, {"field": "number"})
    if int(match[1]) > NUMBER_MAX:
        raise ApplicationError(NUMBER_TEXT_TOO_BIG, {"field": "number"})
    return int(match[1]), match[2]


def require_free(decision: Decision, number: int, symbol: str, year: int) -> None:
    """Refuse NUMBER/SYMBOL of YEAR when DECISION's authority has given it already (the
    unique constraint behind it catches two issues at the same instant)."""
    taken = Decision.objects.filter(authority=decision.authority, symbol=symbol, year=year,
                                    number=number).exclude(pk=decision.pk)
    if taken.exists():
        raise ApplicationError(ISSUED_NUMBER_TAKEN % {
            "number": number_text(number, symbol), "authority": decision.authority_name, "year": year},
            {"field": "number"})


def last_number(*, authority: Unit, symbol: str, year: int) -> int | None:
    """The highest number thidua knows in AUTHORITY's SYMBOL series of YEAR: a hint only."""
    return Decision.objects.filter(authority=authority, symbol=symbol, year=year).aggregate(n=Max("number"))["n"]


def check_signed_file(signed_file) -> None:
    """The common upload check (`core.uploads`): a PDF by its content, within the size limit."""
    uploads.check(signed_file, field="signed_file", label=SIGNED_FILE_LABEL, types=("pdf",))


def _create_document(*, actor, decision: Decision) -> Document:
    # Created here rather than through documents.services.document_create: the issuer holds
    # decision.issue, not document.change, and the document is part of the issue itself.
    # Same fields, same checks, same audit action.
    doc = Document(number=decision.number_text, kind=DocumentKind.QUYET_DINH, issued_on=decision.issued_on,
                   issuer=decision.authority_name, summary=decision.summary, unit=decision.unit,
                   signer_title=decision.signer_title, signer_name=decision.signer_name)
    doc.search_key = document_search_key(doc)
    doc.full_clean()
    doc.save()
    audit.record(actor=actor, action=document_actions.DOCUMENT_CREATE, target=doc, unit_path=decision.unit.path,
                 after=audit.snapshot(doc))
    return doc


def _store(document: Document, signed_file) -> None:
    name = uploads.safe_name(signed_file.name)
    document.file.save(name, signed_file, save=False)


@contextmanager
def document_of(*, actor, decision: Decision, signed_file=None):
    """DECISION's Document, with SIGNED_FILE (checked) stored as its file; the block writes
    what names it, and a failure there deletes the stored file."""
    document = _create_document(actor=actor, decision=decision)
    if signed_file is None:
        yield document
        return
    _store(document, signed_file)
    with storage.kept_only_with_rows([document.file]):
        document.save(update_fields=["file"])
        yield document


def attach_signed(*, actor, decision: Decision, signed_file) -> None:
    """Store SIGNED_FILE as the file of DECISION's Document (which has none), audited."""
    check_signed_file(signed_file)
    document = Document.objects.select_for_update().get(pk=decision.document_id)
    _store(document, signed_file)
    with storage.kept_only_with_rows([document.file]):
        document.save(update_fields=["file"])
        audit.record(actor=actor, action=A.DECISION_ATTACH_SIGNED, target=decision,
                     unit_path=decision.unit.path, after={"bản đã ký": document.file.name.rsplit("/", 1)[-1]})
