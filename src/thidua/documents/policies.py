"""Who reaches documents (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.documents.models import Document

access.register(access.Policy(Document, "unit__path", view=Perm.DOCUMENT_VIEW, change=Perm.DOCUMENT_CHANGE,
                              related=("unit",)))
