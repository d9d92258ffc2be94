from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = "Phong trào thi đua"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.movements import audit_actions  # noqa: F401 — registers the action codes
        from thidua.movements.models import Movement

        register_scope(Movement, "organiser__path")

        from thidua.movements import due
        from thidua.notices.due import register

        register(due.milestone_reminders)
