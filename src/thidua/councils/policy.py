"""Who may do what with a council (DESIGN.md §7): the authority's secretariat runs it
(`dossier.review` covering the authority unit); its members read its meetings and vote.
Everybody else is answered 404."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.councils.models import Council, CouncilMember


def runs(user, council: Council) -> bool:
    return access.covers(user, Perm.DOSSIER_REVIEW, council.authority_unit.path)


def membership(user, council: Council) -> CouncilMember | None:
    if not getattr(user, "is_authenticated", False) or not access.has_any(user, Perm.COUNCIL_VOTE):
        return None
    return council.members.filter(user=user, active=True).first()


def sees(user, council: Council) -> bool:
    return runs(user, council) or membership(user, council) is not None
