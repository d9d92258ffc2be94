from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    label = "councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.councils import audit_actions  # noqa: F401 — registers the action codes
        from thidua.councils.models import Council, Meeting

        register_scope(Council, "authority_unit__path")
        register_scope(Meeting, "council__authority_unit__path")

        from thidua.councils.selectors import voting_meetings
        from thidua.dossiers import selectors as dossier_selectors

        dossier_selectors.voting_meetings.fill(voting_meetings)
