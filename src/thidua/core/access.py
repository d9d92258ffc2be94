"""The one permission gate (DESIGN.md §7, house style §10.3–4).

`scope(user, perm, queryset)` narrows any queryset to the rows under the units where
the user holds a role carrying PERM; `can(user, perm, obj)` answers for one record;
`get(user, Model, pk, perm=…)` fetches and authorises in one call: 404 for missing and
out-of-scope alike, so a refused user learns nothing about what exists; 403 when the user
sees the row but lacks PERM. Every refusal is logged to the `thidua.access` logger.

Each model an app shows registers one `Policy` at start-up (`register`, in its
`AppConfig.ready`): the lookup to the unit that owns a row, the permission that shows it,
the one that changes it, which unit a permission is checked over (a decision is signed
over its issuing authority), the related rows a page needs. Views and selectors fetch one
row with `get(user, Model, pk, perm=…)` and ask `policy(Model).may(user, obj, perm)`.
"""

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import PermissionDenied
from thidua.core.hooks import Hook
from thidua.core.roles import ROLE_PERMS, Role

log = logging.getLogger("thidua.access")

REFUSED = _("Bạn không có quyền thực hiện thao tác này trên bản ghi này.")

# The unit model itself (registered with the lookup "path"): its roots are the trees.
_TREE: list[type[Model]] = []


@dataclass
class Policy:
    """How users reach MODEL's rows (see the module docstring).

    path: the lookup from a row to the tree path of the unit that owns it ("unit__path").
    view: the permission that shows a row over that unit ("" : `visible` alone decides).
    change: the permission `get(…, perm=policy.change)` and `may` ask by default.
    over: permission → the path of the unit of a row that this permission is checked over,
      where it is not the owning unit (signing a decision: its issuing authority).
    visible: USER → the rows USER sees, where that is more than `view` over `path` (the
      signed decisions naming someone the user sees); it replaces the path rule.
    related: what `get` selects with the row.
    """

    model: type[Model]
    path: str
    view: str = ""
    change: str = ""
    over: Mapping[str, Callable[[Model], str]] = field(default_factory=dict)
    visible: Callable[..., QuerySet] | None = None
    related: tuple[str, ...] = ()

    def rows(self, user, seen: str = "") -> QuerySet:
        """Every row USER may see (with SEEN: every row that permission shows USER, where a
        page shows a row for another purpose — a unit's registrations)."""
        if self.visible is not None and not seen:
            return self.visible(user)
        return scope(user, seen or self.view, self.model.objects.all())

    def path_for(self, obj: Model, perm: str) -> str:
        return self.over[perm](obj) if perm in self.over else path_of(obj)

    def may(self, user, obj: Model, perm: str = "") -> bool:
        """Whether USER holds PERM (default: `change`) over OBJ, asked without logging."""
        return covers(user, perm or self.change, self.path_for(obj, perm or self.change))

    def require(self, user, obj: Model, perm: str = "") -> None:
        """The house's logged 403 unless `may`."""
        perm = perm or self.change
        require(user, perm, path=self.path_for(obj, perm))

    def get(self, user, pk=None, *, perm: str = "", seen: str = "", queryset: QuerySet | None = None,
            **lookup) -> Model:
        """One row: 404 when missing or out of USER's sight (`rows(user, SEEN)`), logged alike
        so a refused user learns nothing about what exists; then a logged 403 unless USER
        holds PERM over it. QUERYSET narrows what may be found (a dossier's own items)."""
        if pk is not None:
            lookup["pk"] = pk
        rows = self.rows(user, seen)
        if queryset is not None:
            rows = rows & queryset
        try:
            obj = rows.select_related(*self.related).get(**lookup)
        except (self.model.DoesNotExist, ValueError, TypeError):
            log.warning("404 out-of-scope or missing %s %s for user=%s", self.model._meta.label, lookup,
                        getattr(user, "pk", None))
            raise Http404 from None
        if perm:
            self.require(user, obj, perm)
        return obj


_POLICIES: dict[str, Policy] = {}


def register(policy: Policy) -> Policy:
    _POLICIES[policy.model._meta.label_lower] = policy
    if policy.path == "path":
        _TREE[:] = [policy.model]
    return policy


def policy(model: type[Model]) -> Policy:
    try:
        return _POLICIES[model._meta.label_lower]
    except KeyError:
        raise LookupError(f"{model._meta.label} has no registered access policy") from None


def get(user, model: type[Model], pk=None, *, perm: str = "", seen: str = "", queryset: QuerySet | None = None,
        **lookup) -> Model:
    """`policy(MODEL).get(…)`: the one way a page fetches a row it was given."""
    return policy(model).get(user, pk, perm=perm, seen=seen, queryset=queryset, **lookup)


# Where a user's grants are read: the accounts app keeps them and fills this at start-up
# (`accounts.seams`), so the ground floor imports no app above it. READ(user) → [(role,
# unit path, unit depth)].
grant_reader = Hook("grant reader", lambda user: [])


def _grants(user) -> list[tuple[str, str, int]]:
    """(role, unit path, unit depth) of USER's grants, cached on the user object for the request."""
    cached = getattr(user, "_thidua_grants", None)
    if cached is None:
        cached = list(grant_reader(user))
        user._thidua_grants = cached
    return cached


def roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {role for role, _path, _depth in _grants(user)}


def is_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.ADMIN in roles(user)


def prefixes(user, perm: str) -> list[str] | None:
    """The unit paths whose subtrees PERM covers for USER; None means everything."""
    if not getattr(user, "is_authenticated", False):
        return []
    if is_admin(user):
        return None
    paths = sorted({path for role, path, _depth in _grants(user) if perm in ROLE_PERMS.get(role, ())})
    kept: list[str] = []
    for path in paths:  # sorted, so an ancestor comes before its descendants
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def granted_paths(user, perm: str) -> set[str]:
    """The unit paths of USER's own grants carrying PERM, each as granted (a grant below
    another is kept: a desk is the unit a grant names, not the subtree it covers)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {path for role, path, _depth in _grants(user) if perm in ROLE_PERMS.get(role, ())}


def has_any(user, perm: str) -> bool:
    p = prefixes(user, perm)
    return p is None or bool(p)


def path_condition(user, perm: str, lookup: str) -> Q | None:
    """Q over LOOKUP (a unit path field) for the subtrees PERM covers for USER: None means
    every unit, an always-false Q none."""
    allowed = prefixes(user, perm)
    if allowed is None:
        return None
    cond = Q(pk__in=[])
    for path in allowed:
        cond |= Q(**{f"{lookup}__startswith": path})
    return cond


def _every_tree(user, allowed: list[str]) -> bool:
    """Whether ALLOWED holds the root of every tree in the database: then every unit is in
    scope (one query, only for a user granted a root, cached for the request)."""
    granted_roots = {path for _role, path, depth in _grants(user) if depth == 1}
    if not granted_roots & set(allowed) or not _TREE:
        return False
    roots = getattr(user, "_thidua_roots", None)
    if roots is None:
        roots = set(_TREE[0].objects.filter(depth=1).values_list("path", flat=True))
        user._thidua_roots = roots
    return roots <= set(allowed)


def sees_everything(user, perm: str) -> bool:
    """Whether PERM covers every unit for USER (an administrator, or a grant on every root)."""
    allowed = prefixes(user, perm)
    return allowed is None or (bool(allowed) and _every_tree(user, allowed))


def scope(user, perm: str, queryset: QuerySet) -> QuerySet:
    """QUERYSET narrowed to what PERM lets USER reach."""
    allowed = prefixes(user, perm)
    if allowed is None:
        return queryset
    if not allowed:
        return queryset.none()
    lookup = policy(queryset.model).path
    if _every_tree(user, allowed) and (lookup == "path" or lookup.endswith("__path")):
        # Every unit is in scope: a row is when it has a unit at all. Said so, the database
        # reads an index or nothing instead of matching every unit's path against the root
        # (the province's secretariat: its dashboard and lists read the whole province).
        return queryset if lookup == "path" else queryset.filter(**{f"{lookup.removesuffix('__path')}__isnull": False})
    cond = Q()
    for path in allowed:
        cond |= Q(**{f"{lookup}__startswith": path})
    return queryset.filter(cond)


def path_of(obj: Model) -> str:
    value = obj
    for part in policy(type(obj)).path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


def covers(user, perm: str, path: str) -> bool:
    allowed = prefixes(user, perm)
    if allowed is None:
        return True
    return bool(path) and any(path.startswith(p) for p in allowed)


def can(user, perm: str, obj: Model) -> bool:
    return covers(user, perm, path_of(obj))


def require(user, perm: str, obj: Model | None = None, *, path: str | None = None) -> None:
    """Raise PermissionDenied unless USER holds PERM over OBJ (or over the unit PATH)."""
    target = path if path is not None else path_of(obj) if obj is not None else ""
    if not covers(user, perm, target):
        log.warning("refused %s to user=%s on %s", perm, getattr(user, "pk", None), target or obj)
        raise PermissionDenied(REFUSED)


def refuse(user, what: str, obj: Model | None = None):
    """Log a refusal of WHAT to USER and raise the house's 403 (a rule that is not one
    permission over one unit: a transition's own rule, a bloc standing)."""
    log.warning("refused %s to user=%s on %s", what, getattr(user, "pk", None), obj)
    raise PermissionDenied(REFUSED)


def filter_units(user, perm: str, units: Iterable[Model]) -> list[Model]:
    return [u for u in units if covers(user, perm, u.path)]
