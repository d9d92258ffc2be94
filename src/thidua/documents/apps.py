from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from thidua.core import access
        from thidua.core.roles import Perm
        from thidua.documents import audit_actions  # noqa: F401 — registers the action codes
        from thidua.documents.models import Document

        access.register(access.Policy(Document, "unit__path", view=Perm.DOCUMENT_VIEW, change=Perm.DOCUMENT_CHANGE,
                                      related=("unit",)))
