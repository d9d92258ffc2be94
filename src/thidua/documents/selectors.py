"""Reads of documents, through the scope."""

from django.db.models import QuerySet

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.selectors import matching
from thidua.documents.models import Document


def documents_for(user) -> QuerySet[Document]:
    """The documents USER may read, newest first: what a form's "văn bản" choice offers."""
    return access.scope(user, Perm.DOCUMENT_VIEW, Document.objects.all()).order_by("-issued_on", "-id")


def document_list(user, q: str = "") -> QuerySet[Document]:
    """The documents list: USER's documents with their unit, matching every word of Q."""
    qs = access.scope(user, Perm.DOCUMENT_VIEW, Document.objects.select_related("unit"))
    qs = matching(qs, q)
    return qs.order_by("-issued_on", "-id")


def may_read(user, document: Document) -> bool:
    return access.scope(user, Perm.DOCUMENT_VIEW, Document.objects.filter(pk=document.pk)).exists()


def readable_pks(user, pks) -> set[int]:
    """Which of the documents PKS USER may open: a page names the others without a link."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return set()
    return set(documents_for(user).filter(pk__in=pks).values_list("pk", flat=True))
