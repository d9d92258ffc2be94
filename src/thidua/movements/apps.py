from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = "Phong trào thi đua"

    def ready(self) -> None:
        from thidua.core import access
        from thidua.core.roles import Perm
        from thidua.movements import audit_actions  # noqa: F401 — registers the action codes
        from thidua.movements.models import Movement
        from thidua.movements.selectors import movements_for

        # A movement belongs to its organiser; it is also seen by the units below, which take
        # part (`selectors.movements_for`), and changed by whoever launches for its organiser.
        access.register(access.Policy(Movement, "organiser__path", view=Perm.MOVEMENT_VIEW, change=Perm.MOVEMENT_CHANGE,
                                      visible=movements_for,
                                      related=("organiser", "document", "parent__organiser", "monitoring_unit")))

        from thidua.movements import due
        from thidua.notices.due import register

        register(due.milestone_reminders)
