from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.documents import audit_actions  # noqa: F401 — registers the action codes
        from thidua.documents.models import Document

        register_scope(Document, "unit__path")
