"""Movement writes: launch, edit, clone for a new year, record a review.

Every service checks that the actor may change movements of the organiser (its scope
covers the organiser) and writes an audit event in the same transaction.
"""

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import fold
from thidua.documents.services import document_link_or_stub
from thidua.movements import audit_actions as A
from thidua.movements.models import Milestone, Movement, Participant, Review
from thidua.movements.selectors import movement_figures
from thidua.notices import handoffs
from thidua.org.models import Bloc, Unit

PARTICIPANT_OUTSIDE = _("Đơn vị «%(unit)s» không thuộc cấp phát động «%(organiser)s», không thể tham gia phong trào.")
BLOC_OUTSIDE = _("Khối «%(bloc)s» không do «%(organiser)s» hoặc cấp dưới tổ chức.")
PARENT_NOT_ABOVE = _("Phong trào cấp trên phải do cấp trên hoặc chính «%(organiser)s» phát động.")
PARENT_IS_SELF = _("Một phong trào không thể thực hiện theo chính nó.")
MILESTONE_OUTSIDE = _("Mốc «%(title)s» (%(date)s) nằm ngoài thời gian của phong trào.")
CLONE_EXISTS = _("Năm %(year)s đã có phong trào «%(name)s» của đơn vị này.")

_FIELDS = ("name", "kind", "year", "document", "parent", "theme", "aims", "targets", "content", "criteria",
           "starts_on", "ends_on", "registration_deadline", "monitoring_unit")


@dataclasses.dataclass(frozen=True)
class MilestoneInput:
    kind: str
    due_on: dt.date
    title: str = ""


def _search_key(movement: Movement) -> str:
    return fold(f"{movement.name} {movement.theme}")[:600]


def _check(movement: Movement, participants: Iterable[tuple[Unit, bool]], blocs: Iterable[Bloc],
           milestones: Iterable[MilestoneInput]) -> None:
    organiser = movement.organiser
    for unit, _subtree in participants:
        if not unit.path.startswith(organiser.path):
            raise ApplicationError(PARTICIPANT_OUTSIDE % {"unit": unit, "organiser": organiser},
                                   {"field": "participant_units"})
    for bloc in blocs:
        if not bloc.organiser.path.startswith(organiser.path):
            raise ApplicationError(BLOC_OUTSIDE % {"bloc": bloc, "organiser": organiser}, {"field": "blocs"})
    parent = movement.parent
    if parent is not None:
        if parent.pk is not None and parent.pk == movement.pk:
            raise ApplicationError(PARENT_IS_SELF, {"field": "parent"})
        if not organiser.path.startswith(parent.organiser.path):
            raise ApplicationError(PARENT_NOT_ABOVE % {"organiser": organiser}, {"field": "parent"})
    for m in milestones:
        if (movement.starts_on and m.due_on < movement.starts_on) or (movement.ends_on and m.due_on > movement.ends_on):
            when = m.due_on.strftime("%d/%m/%Y")
            raise ApplicationError(MILESTONE_OUTSIDE % {"title": m.title or m.kind, "date": when},
                                   {"field": "milestones"})


def _snapshot(movement: Movement) -> dict:
    data = audit.snapshot(movement)
    data["participants"] = [f"{p.unit}{' (+)' if p.subtree else ''}" for p in movement.participants.all()]
    data["blocs"] = [str(b) for b in movement.blocs.all()]
    data["milestones"] = [f"{m.due_on.isoformat()} {m}" for m in movement.milestones.all()]
    return data


def _write_parts(movement, participants, blocs, milestones, attachments) -> None:
    if participants is not None:
        movement.participants.all().delete()
        Participant.objects.bulk_create(Participant(movement=movement, unit=u, subtree=s) for u, s in participants)
    if blocs is not None:
        movement.blocs.set(blocs)
    if milestones is not None:
        movement.milestones.all().delete()
        Milestone.objects.bulk_create(Milestone(movement=movement, kind=m.kind, title=m.title, due_on=m.due_on)
                                      for m in milestones)
    if attachments is not None:
        movement.attachments.set(attachments)


@transaction.atomic
def movement_create(*, actor, organiser: Unit, participants: list[tuple[Unit, bool]] | None = None,
                    blocs: list[Bloc] = (), milestones: list[MilestoneInput] = (), attachments=(),
                    **fields) -> Movement:
    """Launch a movement organised by ORGANISER. Without PARTICIPANTS the organiser's
    whole subtree takes part."""
    access.require(actor, Perm.MOVEMENT_CHANGE, organiser)
    movement = Movement(organiser=organiser, created_by=actor if actor.pk else None,
                        **{k: v for k, v in fields.items() if k in _FIELDS})
    participants = list(participants) if participants else [(organiser, True)]
    _check(movement, participants, blocs, milestones)
    movement.search_key = _search_key(movement)
    movement.full_clean()
    movement.save()
    _write_parts(movement, participants, blocs, milestones, attachments)
    audit.record(actor=actor, action=A.MOVEMENT_CREATE, target=movement, unit_path=organiser.path,
                 after=_snapshot(movement))
    handoffs.announce("movement", movement, "movement.launch", actor=actor)
    return movement


@transaction.atomic
def movement_update(*, actor, movement: Movement, participants: list[tuple[Unit, bool]] | None = None,
                    blocs: list[Bloc] | None = None, milestones: list[MilestoneInput] | None = None,
                    attachments=None, reason: str = "", version: int | None = None, **fields) -> Movement:
    """Save MOVEMENT's text, participants, blocs, milestones and attachments; VERSION is the
    version the form was opened on: a save on an older one is refused (StaleError)."""
    current = Movement.objects.select_for_update().select_related("organiser").get(pk=movement.pk)
    access.require(actor, Perm.MOVEMENT_CHANGE, current.organiser)
    concurrency.require_version(current, version, wanted={k: v for k, v in fields.items() if k in _FIELDS})
    before = _snapshot(current)
    for key, value in fields.items():
        if key in _FIELDS:
            setattr(current, key, value)
    _check(current, participants or [], blocs or [], milestones or [])
    current.search_key = _search_key(current)
    current.full_clean()
    current.save()
    if participants is not None and not participants:
        participants = [(current.organiser, True)]
    _write_parts(current, participants, blocs, milestones, attachments)
    audit.record(actor=actor, action=A.MOVEMENT_UPDATE, target=current, unit_path=current.organiser.path,
                 before=before, after=_snapshot(current), reason=reason)
    return current


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 into a common year
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def movement_clone(*, actor, movement: Movement, year: int | None = None) -> Movement:
    """Copy MOVEMENT for YEAR (next year by default): text, participants, blocs and
    milestones with their dates moved by the same number of years. The launching
    document is left empty: the new year's directive is a new document."""
    source = Movement.objects.select_related("organiser").get(pk=movement.pk)
    access.require(actor, Perm.MOVEMENT_CHANGE, source.organiser)
    target_year = year or source.year + 1
    years = target_year - source.year
    name = source.name.replace(str(source.year), str(target_year))
    twin = Movement.objects.filter(organiser=source.organiser, year=target_year, name__in={name, source.name}).first()
    if twin is not None:
        raise ApplicationError(CLONE_EXISTS % {"year": target_year, "name": twin.name})
    copy = Movement(
        organiser=source.organiser, name=name, kind=source.kind,
        year=target_year, parent=source.parent, theme=source.theme, aims=source.aims, targets=source.targets,
        content=source.content, criteria=source.criteria, starts_on=_shift(source.starts_on, years),
        ends_on=_shift(source.ends_on, years), registration_deadline=_shift(source.registration_deadline, years),
        monitoring_unit=source.monitoring_unit, cloned_from=source, created_by=actor if actor.pk else None,
    )
    copy.search_key = _search_key(copy)
    copy.full_clean()
    copy.save()
    _write_parts(copy, [(p.unit, p.subtree) for p in source.participants.select_related("unit")],
                 list(source.blocs.all()),
                 [MilestoneInput(m.kind, _shift(m.due_on, years), m.title) for m in source.milestones.all()], None)
    audit.record(actor=actor, action=A.MOVEMENT_CLONE, target=copy, unit_path=copy.organiser.path,
                 after=_snapshot(copy), reason=str(_("Nhân bản từ phong trào năm %s") % source.year))
    return copy


@transaction.atomic
def review_create(*, actor, movement: Movement, kind: str, held_on: dt.date, document=None, notes: str = "",
                  exemplar_people=(), exemplar_units=(), exemplar_notes: str = "") -> Review:
    """Record a sơ kết / tổng kết with the movement's figures as computed now: the review
    keeps them even when the data changes later."""
    access.require(actor, Perm.MOVEMENT_CHANGE, movement.organiser)
    figures = dataclasses.asdict(movement_figures(movement))
    figures["computed_on"] = timezone.localdate().isoformat()
    review = Review(movement=movement, kind=kind, held_on=held_on, document=document, notes=notes,
                    exemplar_notes=exemplar_notes, figures=figures, created_by=actor if actor.pk else None)
    review.full_clean()
    review.save()
    review.exemplar_people.set(exemplar_people)
    review.exemplar_units.set(exemplar_units)
    audit.record(actor=actor, action=A.REVIEW_CREATE, target=movement, unit_path=movement.organiser.path,
                 after={**audit.snapshot(review), "exemplars": [str(p) for p in exemplar_people]
                        + [str(u) for u in exemplar_units]})
    return review


@transaction.atomic
def movement_launch(*, actor, organiser: Unit, document_fields: dict, references: list[dict],
                    **movement_fields) -> Movement:
    """Launch a movement from its directive, all or nothing: the directive (reused when
    the same number and date is on file), every document it cites that has a number
    (matched to one on file or created as a stub), then the movement with the cited
    documents as its related documents."""
    document, _created = document_link_or_stub(actor=actor, unit=organiser, **document_fields)
    cited = [document_link_or_stub(actor=actor, unit=organiser, **ref)[0] for ref in references]
    attachments = list(dict.fromkeys([*movement_fields.pop("attachments", []), *cited]))
    return movement_create(actor=actor, organiser=organiser, document=document, attachments=attachments,
                           **{k: v for k, v in movement_fields.items() if k != "document"})
