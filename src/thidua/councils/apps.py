from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    label = "councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"

    def ready(self) -> None:
        from thidua.core import access
        from thidua.core.roles import Perm
        from thidua.councils import (
            audit_actions,  # noqa: F401 — registers the action codes
            machines,  # noqa: F401 — registers the meeting's machine
        )
        from thidua.councils.models import Council, Meeting
        from thidua.councils.selectors import councils_seen, meetings_seen

        # The authority's secretariat runs a council (`dossier.review` over its unit, what
        # `policy.runs` asks); its members see it too (`policy.sees`). Lists read the paths.
        access.register(access.Policy(Council, "authority_unit__path", view=Perm.DOSSIER_REVIEW,
                                      change=Perm.DOSSIER_REVIEW, visible=councils_seen,
                                      related=("authority_unit",)))
        access.register(access.Policy(Meeting, "council__authority_unit__path", view=Perm.DOSSIER_REVIEW,
                                      change=Perm.DOSSIER_REVIEW, visible=meetings_seen,
                                      related=("council__authority_unit",)))

        from thidua.councils.selectors import voting_meetings
        from thidua.dossiers import selectors as dossier_selectors

        dossier_selectors.voting_meetings.fill(voting_meetings)
