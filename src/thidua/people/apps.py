from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "thidua.people"
    label = "people"
    verbose_name = "Cá nhân, xếp loại, kỷ luật"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.people import audit_actions  # noqa: F401 — registers the action codes
        from thidua.people.models import Discipline, Employment, Evaluation, Person

        register_scope(Person, "current_unit__path")
        register_scope(Employment, "person__current_unit__path")
        register_scope(Discipline, "person__current_unit__path")
        register_scope(Evaluation, "unit__path")
