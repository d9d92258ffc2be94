"""Who reaches dossiers, their items, papers and public opinions (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.dossiers.models import ConsultationOpinion, Dossier, DossierDocument, DossierItem


# A dossier is seen over its proposing unit: the receiving secretariat's unit is that
# unit or one of its ancestors, so DOSSIER_VIEW over the proposing unit serves both
# sides (see Dossier's docstring). Review rights are checked over the authority.
def _authority(obj):
    return obj.authority_path


access.register(access.Policy(
    Dossier, "unit__path", view=Perm.DOSSIER_VIEW, change=Perm.DOSSIER_CHANGE,
    over={Perm.DOSSIER_REVIEW: _authority},
    related=("unit", "authority_unit", "movement", "assigned_to", "forwarded_to", "created_by")))
access.register(access.Policy(DossierItem, "dossier__unit__path", view=Perm.DOSSIER_VIEW,
                              change=Perm.DOSSIER_CHANGE, related=("person", "unit", "held_unit")))
access.register(access.Policy(DossierDocument, "dossier__unit__path", view=Perm.DOSSIER_VIEW,
                              change=Perm.DOSSIER_CHANGE))
access.register(access.Policy(ConsultationOpinion, "dossier__unit__path", view=Perm.DOSSIER_VIEW,
                              change=Perm.DOSSIER_REVIEW,
                              over={Perm.DOSSIER_REVIEW: lambda o: o.dossier.authority_path}))
