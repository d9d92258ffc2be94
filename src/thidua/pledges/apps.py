from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "thidua.pledges"
    label = "pledges"
    verbose_name = "Giao ước và chấm điểm khối thi đua"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.pledges import audit_actions  # noqa: F401 — registers the action codes
        from thidua.pledges.models import Pledge, Proposal, ScoreSheet

        # Scope paths for lists: a pledge belongs to its bloc's organiser, a sheet and a
        # proposal to the member unit. Single records go through pledges.policy.
        register_scope(Pledge, "bloc__organiser__path")
        register_scope(ScoreSheet, "unit__path")
        register_scope(Proposal, "unit__path")

        from thidua.notices.due import register
        from thidua.pledges.due import scoring_reminders

        register(scoring_reminders)
