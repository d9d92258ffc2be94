from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "thidua.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu từ Excel"

    def ready(self) -> None:
        from thidua.imports import audit_actions  # noqa: F401 — registers the action codes
