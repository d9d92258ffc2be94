from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"

    def ready(self) -> None:
        from thidua.core import access
        from thidua.core.roles import Perm
        from thidua.registrations import (
            audit_actions,  # noqa: F401 — registers the action codes
            machines,  # noqa: F401 — registers the sheet's machine
        )
        from thidua.registrations.models import Registration, RegistrationSheet

        # Whoever sees a unit's people sees its registrations; acting on a sheet is its machine's.
        access.register(access.Policy(Registration, "unit__path", view=Perm.PEOPLE_VIEW,
                                      change=Perm.REGISTRATION_CHANGE))
        access.register(access.Policy(RegistrationSheet, "unit__path", view=Perm.PEOPLE_VIEW,
                                      change=Perm.REGISTRATION_CHANGE,
                                      related=("unit", "movement", "submitted_by", "approved_by")))

        from thidua.movements.selectors import registration_figures
        from thidua.notices.due import register
        from thidua.registrations import due, progress

        register(due.registration_reminders)
        registration_figures.fill(progress.registration_figures)
