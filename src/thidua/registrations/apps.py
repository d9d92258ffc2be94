from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.registrations import (
            audit_actions,  # noqa: F401 — registers the action codes
            machines,  # noqa: F401 — registers the sheet's machine
        )
        from thidua.registrations.models import Registration, RegistrationSheet

        register_scope(Registration, "unit__path")
        register_scope(RegistrationSheet, "unit__path")
