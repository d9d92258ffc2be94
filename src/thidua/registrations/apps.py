from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.registrations import audit_actions  # noqa: F401 — registers the action codes
        from thidua.registrations.models import Registration, RegistrationSheet

        register_scope(Registration, "unit__path")
        register_scope(RegistrationSheet, "unit__path")

        from thidua.movements.selectors import registration_figures
        from thidua.notices.due import register
        from thidua.registrations import due, progress

        register(due.registration_reminders)
        registration_figures.fill(progress.registration_figures)
