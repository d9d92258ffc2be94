from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit, concurrency
from thidua.core.roles import Perm
from thidua.core.text import clean_name, fold
from thidua.documents import audit_actions as A
from thidua.documents.models import Document


def document_search_key(doc: Document) -> str:
    return fold(f"{doc.number} {doc.summary}")[:400]


@transaction.atomic
def document_create(*, actor, unit, **fields) -> Document:
    access.require(actor, Perm.DOCUMENT_CHANGE, unit)
    doc = Document(unit=unit, **fields)
    doc.number = clean_name(doc.number)
    doc.search_key = document_search_key(doc)
    doc.full_clean()
    doc.save()
    audit.record(actor=actor, action=A.DOCUMENT_CREATE, target=doc, unit_path=unit.path, after=audit.snapshot(doc))
    return doc


@transaction.atomic
def document_update(*, actor, document: Document, version: int | None = None, reason: str = "",
                    **fields) -> Document:
    """Change a document; an empty FILE keeps the attached one. VERSION is the document's
    version the edit was made on: a save on an older one is refused (StaleError)."""
    doc = Document.objects.select_for_update().select_related("unit").get(pk=document.pk)
    access.require(actor, Perm.DOCUMENT_CHANGE, doc)
    concurrency.require_version(doc, version, wanted={k: v for k, v in fields.items() if k != "file"})
    before = audit.snapshot(doc)
    for key, value in fields.items():
        if key == "file" and not value:
            continue  # an empty upload keeps the attached file
        setattr(doc, key, value)
    doc.search_key = document_search_key(doc)
    return audit.save_changes(doc, before, actor=actor, action=A.DOCUMENT_UPDATE, unit_path=doc.unit.path,
                              reason=reason)


STUB_SUMMARY = _("Văn bản được viện dẫn; chưa có toàn văn trong hệ thống.")
STUB_ISSUER = _("(chưa xác định)")


@transaction.atomic
def document_link_or_stub(*, actor, unit, kind: str, number: str, issued_on=None, issuer: str = "",
                          summary: str = "") -> tuple[Document, bool]:
    """The document numbered NUMBER already on file (any holder: a law or a decree is one
    document for everybody), else a stub held by UNIT that a later edit completes.
    Answers (document, created)."""
    number = clean_name(number)
    found = Document.objects.filter(number=number)
    if issued_on is not None:
        found = found.filter(Q(issued_on=issued_on) | Q(issued_on__isnull=True))
    existing = found.order_by("issued_on").first()
    if existing is not None:
        return existing, False
    doc = document_create(actor=actor, unit=unit, kind=kind, number=number, issued_on=issued_on,
                          issuer=issuer or str(STUB_ISSUER), summary=summary or str(STUB_SUMMARY))
    return doc, True
