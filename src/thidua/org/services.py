"""Writes to the unit tree and the blocs. Each service checks the role and audits."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name, fold
from thidua.org import audit_actions as A
from thidua.org.models import KIND_SECTORS, Bloc, BlocMembership, BlocRole, Unit, UnitSuccession
from thidua.org.sectors import effective_sector

UNIT_CODE_TAKEN = _("Mã đơn vị này đã được dùng cho đơn vị khác.")
SUCCESSION_SELF = _("Đơn vị kế thừa phải khác đơn vị cũ.")
BLOC_CODE_TAKEN = _("Mã khối này đã được dùng.")
BLOC_UNIT_CLOSED = _("Đơn vị đã ngừng hoạt động không thể tham gia khối.")
BLOC_YEAR_TAKEN = _("Khối đã có thành viên năm %(year)s; sửa từng đơn vị ở mẫu bên dưới.")
BLOC_NOTHING_TO_COPY = _("Khối chưa có thành viên năm %(year)s để chuyển sang.")
CLOSED_PARENT = _("Không thể thêm đơn vị con vào đơn vị đã ngừng hoạt động.")


def unit_search_key(unit: Unit) -> str:
    return fold(f"{unit.name} {unit.short_name} {unit.code}")[:400]


@transaction.atomic
def unit_create(*, actor, parent: Unit | None, reason: str = "", **fields) -> Unit:
    """Add a unit under PARENT (a new root when None, administrators only)."""
    if parent is None:
        if not access.is_admin(actor):
            raise access.PermissionDenied(access.REFUSED)
    else:
        access.require(actor, Perm.ORG_CHANGE, parent)
        if parent.active_until is not None:
            raise ApplicationError(CLOSED_PARENT)
    if Unit.objects.filter(code=fields["code"]).exists():
        raise ApplicationError(UNIT_CODE_TAKEN, {"field": "code"})
    fields["name"] = clean_name(fields["name"])
    if not fields.get("sector"):
        # A new unit says its sector: its kind's, unless it is its parent's anyway.
        default = KIND_SECTORS.get(fields.get("kind"))
        fields["sector"] = default if default and default != effective_sector(parent) else None
    unit = Unit(**fields)
    unit.search_key = unit_search_key(unit)
    unit = Unit.objects.add_root(instance=unit) if parent is None else Unit.objects.add_child(parent, instance=unit)
    audit.record(actor=actor, action=A.UNIT_CREATE, target=unit, unit_path=unit.path,
                 after=audit.snapshot(unit), reason=reason)
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, version: int | None = None, reason: str = "", **fields) -> Unit:
    """Change the unit's own fields (not its place in the tree). VERSION is the unit's
    version the edit was made on: a save on an older one is refused (StaleError)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    access.require(actor, Perm.ORG_CHANGE, unit)
    concurrency.require_version(unit, version, wanted=fields)
    if "code" in fields and Unit.objects.filter(code=fields["code"]).exclude(pk=unit.pk).exists():
        raise ApplicationError(UNIT_CODE_TAKEN, {"field": "code"})
    before = audit.snapshot(unit)
    for key, value in fields.items():
        setattr(unit, key, clean_name(value) if key == "name" else value)
    unit.search_key = unit_search_key(unit)
    return audit.save_changes(unit, before, actor=actor, action=A.UNIT_UPDATE, unit_path=unit.path, reason=reason)


@transaction.atomic
def unit_record_succession(
    *, actor, predecessors: list[Unit], successor: Unit, kind: str, effective_on: dt.date,
    document=None, reason: str = "",
) -> list[UnitSuccession]:
    """Record that SUCCESSOR took over PREDECESSORS (merge) and close each predecessor.

    The predecessors stay in the tree with `active_until`, and their people, ratings and
    awards remain theirs: history is reachable from the successor's page.
    """
    access.require(actor, Perm.ORG_CHANGE, successor)
    links = []
    for old in predecessors:
        access.require(actor, Perm.ORG_CHANGE, old)
        if old.pk == successor.pk:
            raise ApplicationError(SUCCESSION_SELF)
        link = UnitSuccession.objects.create(
            predecessor=old, successor=successor, kind=kind, effective_on=effective_on, document=document,
        )
        links.append(link)
        before = audit.snapshot(old)
        if kind != "split" and old.active_until is None:
            old.active_until = effective_on
            old.save(update_fields=["active_until"])
        audit.record(actor=actor, action=A.UNIT_SUCCESSION, target=old, unit_path=old.path,
                     before=before, after={**audit.snapshot(old), "successor": successor.name},
                     reason=reason)
    return links


@transaction.atomic
def bloc_create(*, actor, organiser: Unit, code: str, name: str, description: str = "") -> Bloc:
    access.require(actor, Perm.BLOC_CHANGE, organiser)
    if Bloc.objects.filter(code=code).exists():
        raise ApplicationError(BLOC_CODE_TAKEN, {"field": "code"})
    bloc = Bloc.objects.create(organiser=organiser, code=code, name=clean_name(name), description=description)
    audit.record(actor=actor, action=A.BLOC_CREATE, target=bloc, unit_path=organiser.path,
                 after=audit.snapshot(bloc))
    return bloc


@transaction.atomic
def bloc_member_set(*, actor, bloc: Bloc, unit: Unit, year: int, role: str = BlocRole.MEMBER) -> BlocMembership:
    """Put UNIT in BLOC for YEAR with ROLE; a new leader or deputy replaces the old one."""
    access.require(actor, Perm.BLOC_CHANGE, bloc.organiser)
    if unit.active_until is not None and unit.active_until.year <= year:
        raise ApplicationError(BLOC_UNIT_CLOSED, {"field": "unit"})
    if role in (BlocRole.LEADER, BlocRole.DEPUTY):
        BlocMembership.objects.filter(bloc=bloc, year=year, role=role).exclude(unit=unit).update(
            role=BlocRole.MEMBER
        )
    membership, _created = BlocMembership.objects.update_or_create(
        bloc=bloc, unit=unit, year=year, defaults={"role": role},
    )
    audit.record(actor=actor, action=A.BLOC_MEMBER_SET, target=bloc, unit_path=bloc.organiser.path,
                 after={"unit": unit.name, "year": year, "role": role})
    return membership


@transaction.atomic
def bloc_year_copy(*, actor, bloc: Bloc, year: int) -> list[BlocMembership]:
    """Put last year's members of BLOC, with their leader and deputy, in YEAR in one step.
    Refused when YEAR already has members (the copy never merges into a line-up someone
    made by hand); units closed by YEAR are left out, with the role they held."""
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)  # two copies of one year wait for each other
    access.require(actor, Perm.BLOC_CHANGE, bloc.organiser)
    if BlocMembership.objects.filter(bloc=bloc, year=year).exists():
        raise ApplicationError(BLOC_YEAR_TAKEN % {"year": year}, {"field": "year"})
    last = list(BlocMembership.objects.filter(bloc=bloc, year=year - 1).select_related("unit"))
    if not last:
        raise ApplicationError(BLOC_NOTHING_TO_COPY % {"year": year - 1}, {"field": "year"})
    kept = [m for m in last if m.unit.active_until is None or m.unit.active_until.year > year]
    made = BlocMembership.objects.bulk_create(
        [BlocMembership(bloc=bloc, unit=m.unit, year=year, role=m.role) for m in kept])
    held = {m.role: m.unit.name for m in kept}
    audit.record(actor=actor, action=A.BLOC_YEAR_COPY, target=bloc, unit_path=bloc.organiser.path, after={
        "năm": year, "số đơn vị": len(kept), "khối trưởng": held.get(BlocRole.LEADER, ""),
        "khối phó": held.get(BlocRole.DEPUTY, ""),
        "không chuyển (đơn vị đã giải thể, sáp nhập)": ", ".join(sorted(m.unit.name for m in last if m not in kept)),
    })
    return made
