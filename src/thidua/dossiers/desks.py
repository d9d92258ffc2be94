"""Which TĐKT desk receives a dossier (issue 12; docs/architecture.md, "Desks").

A desk is a unit on which someone holds the secretariat role: the province's Ban / Phòng
Thi đua – Khen thưởng, a Sở's own TĐKT desk, a commune's TĐKT officer. A dossier belongs to
the desk whose grant is the deepest one covering its receiving unit (`authority_path`): a Sở
with a desk of its own receives, reviews, sends to its council and prepares the decision for
what its director decides, and so does a commune for its titles. Where no desk exists at the
receiving unit or between it and the desk above, the nearest desk above handles the dossier
(the page says so).

The desk's own steps (`DESK_PERMS` over the receiving unit) are taken by users granted on
the desk's unit itself; a desk above still reads the dossier (DOSSIER_VIEW covers its
subtree: lists, search, the page) but does not receive it, and it is not in its inbox. An
administrator acts everywhere, as before.
"""

from django.db.models import Q

from thidua.accounts.models import RoleGrant
from thidua.core import access
from thidua.core.roles import ROLE_PERMS, Perm, Role
from thidua.org.models import Unit

# The roles that make a desk: those receiving dossiers, the administrator aside (everywhere).
DESK_ROLES = tuple(role for role, perms in ROLE_PERMS.items() if Perm.DOSSIER_REVIEW in perms and role != Role.ADMIN)
# The steps that belong to the desk: receiving and reviewing, preparing the decision.
DESK_PERMS = frozenset({Perm.DOSSIER_REVIEW, Perm.DECISION_CHANGE, Perm.DECISION_ISSUE})


def desk_paths(user=None) -> list[str]:
    """The unit paths of every desk (active accounts only), cached on USER for the request
    as `core.access` caches its grants."""
    cached = getattr(user, "_thidua_desks", None)
    if cached is None:
        cached = sorted(set(RoleGrant.objects.filter(role__in=DESK_ROLES, user__is_active=True)
                            .values_list("unit__path", flat=True)))
        if user is not None:
            user._thidua_desks = cached
    return cached


def desk_for(path: str, desks: list[str]) -> str:
    """The deepest of DESKS covering PATH ("" when none does)."""
    return max((d for d in desks if path and path.startswith(d)), key=len, default="")


def acts(user, perm: str, dossier) -> bool:
    """Whether USER takes DOSSIER's desk step needing PERM: PERM over its receiving unit,
    granted on the desk the dossier belongs to (an administrator: anywhere)."""
    return acts_at(user, perm, dossier.authority_path)


def acts_at(user, perm: str, path: str) -> bool:
    """`acts` for the authority at PATH: what its council and its decisions ask too (a
    council is run, a decision drafted and issued, by the desk its authority belongs to)."""
    if not access.covers(user, perm, path):
        return False
    if perm not in DESK_PERMS or access.is_admin(user):
        return True
    desk = desk_for(path, desk_paths(user))
    return not desk or desk in access.granted_paths(user, perm)


def _under(path: str) -> Q:
    return Q(authority_unit__path__startswith=path) | Q(authority_unit__isnull=True, unit__path__startswith=path)


def inbox_q(user, perm: str = Perm.DOSSIER_REVIEW) -> Q:
    """The dossiers whose desk is one of USER's (PERM granted there): under a unit USER is
    granted on, but not under a deeper desk USER does not hold. Everything for an
    administrator."""
    if access.is_admin(user):
        return Q()
    own = access.granted_paths(user, perm)
    desks = desk_paths(user)
    q = Q(pk__in=[])
    for path in own:
        cond = _under(path)
        for deeper in desks:
            if deeper != path and deeper.startswith(path) and deeper not in own:
                cond &= ~_under(deeper)
        q |= cond
    return q


def desk_unit(dossier) -> Unit | None:
    """The unit whose desk receives DOSSIER (None for one sent out of the tree, or when no
    desk covers it)."""
    if not dossier.authority_unit_id:
        return None
    desk = desk_for(dossier.authority_path, desk_paths())
    return Unit.objects.filter(path=desk).first() if desk else None


def require(user, perm: str, dossier) -> None:
    """The house's logged 403 unless `acts`."""
    if not acts(user, perm, dossier):
        access.refuse(user, perm, dossier)


def authorise(on_unit, on_dossier):
    """A `core.transitions.Machine` rule: a row's permission over the receiving authority is
    asked of the desk (`acts`), any other over its unit as the machine would (ON_UNIT: the
    machine's `units`; ON_DOSSIER: the object → its dossier)."""
    def allowed(actor, obj, row) -> bool:
        if row.on == "authority":
            return any(acts(actor, perm, on_dossier(obj)) for perm in row.perms)
        path = on_unit[row.on](obj)
        return any(access.covers(actor, perm, path) for perm in row.perms)
    return allowed


def receiving_desk(dossier) -> tuple[Unit | None, bool]:
    """(the unit whose desk receives DOSSIER, whether it stands in for a receiving unit that
    has no desk of its own): what the dossier page says under "Nơi tiếp nhận"."""
    unit = desk_unit(dossier)
    return unit, unit is not None and unit.pk != dossier.authority_unit_id
