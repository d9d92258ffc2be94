from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Sổ khen thưởng, sáng kiến"

    def ready(self) -> None:
        from thidua.awards import audit_actions  # noqa: F401 — registers the action codes
        from thidua.awards.models import Award, Initiative, InitiativeAuthor
        from thidua.core.access import register_scope

        # Lists and statistics follow the unit at the time (as ratings do, ADR 0001); one
        # award is opened through its subject, see `selectors.award_get_for`.
        register_scope(Award, "held_unit__path")
        register_scope(Initiative, "unit__path")
        register_scope(InitiativeAuthor, "initiative__unit__path")
