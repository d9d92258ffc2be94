from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self) -> None:
        from thidua.core.access import register_scope
        from thidua.dossiers import audit_actions  # noqa: F401 — registers the action codes
        from thidua.dossiers.models import ConsultationOpinion, Dossier, DossierDocument, DossierItem

        # The receiving secretariat's unit is the proposing unit or one of its ancestors, so
        # the proposing unit's path serves both sides (see Dossier's docstring).
        register_scope(Dossier, "unit__path")
        register_scope(DossierItem, "dossier__unit__path")
        register_scope(DossierDocument, "dossier__unit__path")
        register_scope(ConsultationOpinion, "dossier__unit__path")

        from thidua.dossiers import due
        from thidua.notices.due import register

        register(due.dossier_reminders)
