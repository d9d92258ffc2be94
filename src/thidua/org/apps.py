from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = "Đơn vị và khối thi đua"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.core.models import AuditEvent
        from thidua.org import audit_actions  # noqa: F401 — registers the action codes
        from thidua.org.models import Unit

        register_scope(Unit, "path")
        register_scope(AuditEvent, "unit_path")
