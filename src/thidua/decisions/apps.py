from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = "Quyết định khen thưởng và quỹ"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.decisions import audit_actions  # noqa: F401 — registers the action codes
        from thidua.decisions.models import Decision, FundEntry, Recipient

        # A decision belongs to the unit that keeps it and pays from its fund.
        register_scope(Decision, "unit__path")
        register_scope(Recipient, "decision__unit__path")
        register_scope(FundEntry, "unit__path")

        from thidua.decisions.selectors import decision_get_for
        from thidua.printing import selectors as printing_selectors

        printing_selectors.decision_for_print.fill(decision_get_for)
