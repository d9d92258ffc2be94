"""Who may do what with a council (DESIGN.md §7): the authority's secretariat runs it
(`dossier.review` granted on the desk the authority belongs to, `dossiers.desks`: a Sở's
council is run by the Sở's desk; a desk above reads it); its members read its meetings and
vote. Everybody else is answered 404."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.councils.models import Council, CouncilMember
from thidua.dossiers import desks


def runs(user, council: Council) -> bool:
    return desks.acts_at(user, Perm.DOSSIER_REVIEW, council.authority_unit.path)


def membership(user, council: Council) -> CouncilMember | None:
    if not getattr(user, "is_authenticated", False) or not access.has_any(user, Perm.COUNCIL_VOTE):
        return None
    return council.members.filter(user=user, active=True).first()


def sees(user, council: Council) -> bool:
    return runs(user, council) or membership(user, council) is not None
