"""Numbering: a decision's number in its authority's series, and the Document it becomes."""


from django.db import IntegrityError, transaction

from thidua.core import audit
from thidua.decisions.models import (
    Decision,
    DecisionCounter,
)
from thidua.documents import audit_actions as document_actions
from thidua.documents.models import Document, DocumentKind
from thidua.documents.services import document_search_key
from thidua.org.models import Unit


def allocate_number(*, authority: Unit, symbol: str, year: int) -> int:
    """The next number of AUTHORITY's SYMBOL series in YEAR, inside the caller's transaction.

    The counter row is locked until the caller commits, so a concurrent signing waits and
    then takes the following number; a rolled-back signing gives its number back, which is
    right: no decision carries it. The first number of a series creates the row; two
    first signings at once meet on its unique constraint and the loser reads the winner's.
    """
    lookup = {"authority": authority, "symbol": symbol, "year": year}
    counter = DecisionCounter.objects.select_for_update().filter(**lookup).first()
    if counter is None:
        try:
            with transaction.atomic():
                DecisionCounter.objects.create(**lookup, last_number=0)
        except IntegrityError:
            pass
        counter = DecisionCounter.objects.select_for_update().get(**lookup)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _create_document(*, actor, decision: Decision) -> Document:
    # Created here rather than through documents.services.document_create: the signer (a
    # head) holds decision.sign, not document.change, and the document is part of the
    # signing itself. Same fields, same checks, same audit action.
    doc = Document(number=decision.number_text, kind=DocumentKind.QUYET_DINH, issued_on=decision.issued_on,
                   issuer=decision.authority_name, summary=decision.summary, unit=decision.unit,
                   signer_title=decision.signer_title, signer_name=decision.signer_name)
    doc.search_key = document_search_key(doc)
    doc.full_clean()
    doc.save()
    audit.record(actor=actor, action=document_actions.DOCUMENT_CREATE, target=doc, unit_path=decision.unit.path,
                 after=audit.snapshot(doc))
    return doc
