from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self) -> None:
        from thidua.core import access
        from thidua.core.roles import Perm
        from thidua.dossiers import (
            audit_actions,  # noqa: F401 — registers the action codes
            machines,  # noqa: F401 — registers the dossier's, the item's and the opinion's machines
        )
        from thidua.dossiers.models import ConsultationOpinion, Dossier, DossierDocument, DossierItem

        # A dossier is seen over its proposing unit: the receiving secretariat's unit is that
        # unit or one of its ancestors, so DOSSIER_VIEW over the proposing unit serves both
        # sides (see Dossier's docstring). Review rights are checked over the authority.
        def authority(obj):
            return obj.authority_path

        access.register(access.Policy(
            Dossier, "unit__path", view=Perm.DOSSIER_VIEW, change=Perm.DOSSIER_CHANGE,
            over={Perm.DOSSIER_REVIEW: authority},
            related=("unit", "authority_unit", "movement", "assigned_to", "forwarded_to", "created_by")))
        access.register(access.Policy(DossierItem, "dossier__unit__path", view=Perm.DOSSIER_VIEW,
                                      change=Perm.DOSSIER_CHANGE, related=("person", "unit", "held_unit")))
        access.register(access.Policy(DossierDocument, "dossier__unit__path", view=Perm.DOSSIER_VIEW,
                                      change=Perm.DOSSIER_CHANGE))
        access.register(access.Policy(ConsultationOpinion, "dossier__unit__path", view=Perm.DOSSIER_VIEW,
                                      change=Perm.DOSSIER_REVIEW,
                                      over={Perm.DOSSIER_REVIEW: lambda o: o.dossier.authority_path}))

        from thidua.dossiers import due
        from thidua.notices.due import register

        register(due.dossier_reminders)
