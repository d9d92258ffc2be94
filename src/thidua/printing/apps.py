from django.apps import AppConfig


class PrintingConfig(AppConfig):
    name = "thidua.printing"
    label = "printing"
    verbose_name = "In văn bản và bằng khen"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.printing import audit_actions, checks  # noqa: F401 — registers the action codes and checks
        from thidua.printing.models import AwardVerification, CertificateLayout, DocTemplate, PrinterProfile

        register_scope(DocTemplate, "unit__path")
        register_scope(CertificateLayout, "unit__path")
        register_scope(PrinterProfile, "unit__path")
        register_scope(AwardVerification, "award__held_unit__path")
