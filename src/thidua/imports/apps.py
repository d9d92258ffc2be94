from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "thidua.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu từ Excel"

    def ready(self) -> None:
        from thidua.core import access
        from thidua.imports import (
            audit_actions,  # noqa: F401 — registers the action codes
            machines,  # noqa: F401 — registers the batch's machine
        )
        from thidua.imports.models import ImportBatch

        # A batch is its uploader's alone (no unit owns it): anybody else's is a 404, as a
        # missing one.
        access.register(access.Policy(ImportBatch, "", visible=lambda user: ImportBatch.objects.filter(
            created_by=user)))
