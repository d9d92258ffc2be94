from django.db import transaction

from thidua.accounts.roles import Perm
from thidua.core import access, audit
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
def document_update(*, actor, document: Document, reason: str = "", **fields) -> Document:
    doc = Document.objects.select_for_update().select_related("unit").get(pk=document.pk)
    access.require(actor, Perm.DOCUMENT_CHANGE, doc)
    before = audit.snapshot(doc)
    for key, value in fields.items():
        if key == "file" and not value:
            continue  # an empty upload keeps the attached file
        setattr(doc, key, value)
    doc.search_key = document_search_key(doc)
    doc.full_clean()
    doc.save()
    audit.record(actor=actor, action=A.DOCUMENT_UPDATE, target=doc, unit_path=doc.unit.path,
                 before=before, after=audit.snapshot(doc), reason=reason)
    return doc
