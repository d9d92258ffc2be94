"""The bloc's scoring table of a draft pledge: its groups and criteria, or a copy of last year's."""

from decimal import Decimal

from django.db import transaction

from thidua.core import audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name
from thidua.pledges import audit_actions as A
from thidua.pledges import policy
from thidua.pledges.models import Criterion, CriterionGroup, CriterionKind, Pledge
from thidua.pledges.services.common import CENT, _lock_pledge, _shown, _standing
from thidua.pledges.services.messages import (
    CRITERION_CODE_TAKEN,
    GROUP_CODE_TAKEN,
    GROUP_NOT_EMPTY,
    MAX_POINTS_POSITIVE,
    NOTHING_TO_COPY,
    TABLE_NOT_EMPTY,
    UNKNOWN_CRITERION,
)
from thidua.pledges.services.states import _require_draft

CRITERION_FIELDS = ["group", "code", "name", "guidance", "max_points", "kind", "evidence_required", "order"]


def _lock_draft(actor, pledge: Pledge) -> Pledge:
    """PLEDGE locked for a change of its table: by its organiser, and only while a draft."""
    pledge = _lock_pledge(pledge)
    policy.require(_standing(actor, pledge).organiser)
    _require_draft(pledge)
    return pledge


def _copy_table(actor, pledge: Pledge) -> int:
    if pledge.groups.exists() or pledge.criteria.exists():
        raise ApplicationError(TABLE_NOT_EMPTY)
    source = (Pledge.objects.filter(bloc_id=pledge.bloc_id, year__lt=pledge.year, criteria__isnull=False)
              .order_by("-year").first())
    if source is None:
        raise ApplicationError(NOTHING_TO_COPY % {"year": pledge.year})
    groups = list(source.groups.all())
    new_groups = CriterionGroup.objects.bulk_create(
        CriterionGroup(pledge=pledge, code=g.code, name=g.name, order=g.order) for g in groups
    )
    group_map = {old.pk: new.pk for old, new in zip(groups, new_groups, strict=True)}
    criteria = list(source.criteria.all())
    Criterion.objects.bulk_create(
        Criterion(pledge=pledge, group_id=group_map[c.group_id], code=c.code, name=c.name, guidance=c.guidance,
                  max_points=c.max_points, kind=c.kind, evidence_required=c.evidence_required, order=c.order)
        for c in criteria
    )
    if not pledge.content and source.content:
        pledge.content = source.content
        pledge.save(update_fields=["content"])
    audit.record(actor=actor, action=A.PLEDGE_COPY, target=pledge, unit_path=pledge.bloc.organiser.path,
                 after={"from_year": source.year, "groups": len(groups), "criteria": len(criteria)})
    return len(criteria)


@transaction.atomic
def pledge_copy_from_last_year(*, actor, pledge: Pledge) -> int:
    """Copy the bloc's most recent earlier scoring table into PLEDGE's empty draft table;
    returns the number of criteria copied."""
    pledge = _lock_draft(actor, pledge)
    return _copy_table(actor, pledge)


@transaction.atomic
def criterion_group_save(*, actor, pledge: Pledge, code: str, name: str, order: int | None = None,
                         group: CriterionGroup | None = None, version: int | None = None) -> CriterionGroup:
    """Add a group to the draft table, or change GROUP (VERSION: the group's version the
    form was opened on; a save on an older one is refused)."""
    pledge = _lock_draft(actor, pledge)
    code = clean_name(code)
    taken = pledge.groups.filter(code=code)
    if group is not None:
        group = pledge.groups.select_for_update().get(pk=group.pk)
        concurrency.require_version(group, version, wanted={"code": code, "name": name,
                                                            **({"order": order} if order is not None else {})})
        taken = taken.exclude(pk=group.pk)
    if taken.exists():
        raise ApplicationError(GROUP_CODE_TAKEN % {"code": code}, {"field": "code"})
    before = audit.snapshot(group) if group else None
    if group is None:
        if order is None:
            order = (max(pledge.groups.values_list("order", flat=True), default=0) or 0) + 1
        group = CriterionGroup.objects.create(pledge=pledge, code=code, name=clean_name(name), order=order)
    else:
        group.code, group.name = code, clean_name(name)
        if order is not None:
            group.order = order
        group.save()
    audit.record(actor=actor, action=A.CRITERION_GROUP_SAVE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before={"group": str(before["code"]) + ". " + before["name"]} if before else None,
                 after={"group": str(group)})
    return group


@transaction.atomic
def criterion_group_delete(*, actor, group: CriterionGroup) -> None:
    pledge = _lock_draft(actor, group.pledge)
    group = pledge.groups.get(pk=group.pk)
    if group.criteria.exists():
        raise ApplicationError(GROUP_NOT_EMPTY % {"code": group.code})
    label = str(group)
    group.delete()
    audit.record(actor=actor, action=A.CRITERION_GROUP_DELETE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before={"group": label})


@transaction.atomic
def criterion_save(*, actor, pledge: Pledge, group: CriterionGroup, code: str, name: str, max_points: Decimal,
                   kind: str = CriterionKind.STANDARD, evidence_required: bool = False, guidance: str = "",
                   order: int | None = None, criterion: Criterion | None = None,
                   version: int | None = None) -> Criterion:
    """Add a criterion to the draft table, or change CRITERION (VERSION: the criterion's
    version the form was opened on; a save on an older one is refused)."""
    pledge = _lock_draft(actor, pledge)
    if group.pledge_id != pledge.pk:
        raise ApplicationError(UNKNOWN_CRITERION, {"field": "group"})
    code = clean_name(code)
    taken = pledge.criteria.filter(code=code)
    if criterion is not None:
        criterion = pledge.criteria.select_for_update().get(pk=criterion.pk)
        concurrency.require_version(criterion, version, wanted={
            "group": group, "code": code, "name": name, "max_points": max_points, "kind": kind,
            "evidence_required": evidence_required, "guidance": guidance,
            **({"order": order} if order is not None else {})})
        taken = taken.exclude(pk=criterion.pk)
    if taken.exists():
        raise ApplicationError(CRITERION_CODE_TAKEN % {"code": code}, {"field": "code"})
    if max_points is None or max_points <= 0:
        raise ApplicationError(MAX_POINTS_POSITIVE, {"field": "max_points"})
    before = _shown(criterion, CRITERION_FIELDS) if criterion else None
    if criterion is None:
        if order is None:
            order = (max(group.criteria.values_list("order", flat=True), default=0) or 0) + 1
        criterion = Criterion(pledge=pledge)
    criterion.group, criterion.code, criterion.name = group, code, clean_name(name)
    criterion.max_points, criterion.kind, criterion.evidence_required = max_points.quantize(CENT), kind, \
        evidence_required
    criterion.guidance = guidance.strip()
    if order is not None:
        criterion.order = order
    criterion.save()
    audit.record(actor=actor, action=A.CRITERION_SAVE, target=criterion, unit_path=pledge.bloc.organiser.path,
                 before=before, after=_shown(criterion, CRITERION_FIELDS))
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    pledge = _lock_draft(actor, criterion.pledge)
    criterion = pledge.criteria.get(pk=criterion.pk)
    before = audit.snapshot(criterion)
    criterion.delete()
    audit.record(actor=actor, action=A.CRITERION_DELETE, target=pledge, unit_path=pledge.bloc.organiser.path,
                 before={"criterion": f"{before['code']}. {before['name']}"})
