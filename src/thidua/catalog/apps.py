from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "thidua.catalog"
    label = "catalog"
    verbose_name = "Danh mục danh hiệu, hình thức khen thưởng"

    def ready(self) -> None:
        from thidua.catalog import audit_actions  # noqa: F401 — registers the action codes
