"""Reads of the public portal. Nobody is signed in, so no scope applies: each read is
bounded instead by what is public by nature, and returns plain records, never model rows,
so a template cannot reach a field that is not public.

* Movements: a movement launched by a document that has been issued is a public act, but
  the directive's own text may not be kept in thidua for the public (documents have no
  public flag, ADR 0005 scopes them to the units concerned). The portal shows what the
  launching document itself makes public: the movement's name, kind, organiser and theme,
  its time frame and milestones, and the document's kind, number, date, issuer and
  summary — no aims, targets, participants, figures or file.
* Decisions: only what their secretariat published (`decisions.selectors.published`).
* Consultations: the dossiers' own public selectors.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from thidua.movements.models import Milestone, Movement
from thidua.org import labels
from thidua.org.models import Unit


@dataclass(frozen=True)
class PublicMilestone:
    kind: str
    title: str
    due_on: dt.date
    past: bool


@dataclass(frozen=True)
class PublicMovement:
    pk: int
    name: str
    kind: str
    organiser: str
    theme: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    document_kind: str
    document_number: str
    document_date: dt.date
    document_issuer: str
    document_summary: str
    milestones: tuple[PublicMilestone, ...]


def _running(today: dt.date) -> QuerySet[Movement]:
    """Movements under way on TODAY whose launching document was issued by then; one without
    an end date runs through its own year."""
    return (Movement.objects.filter(document__isnull=False, document__issued_on__lte=today)
            .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today))
            .filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True, year__gte=today.year)))


def running_movements(today: dt.date | None = None) -> QuerySet[Movement]:
    """The movements under way (see `_running`), those organised nearest the top first, with
    what their public record reads."""
    return (_running(today or timezone.localdate()).select_related("organiser", "document")
            .order_by("organiser__depth", "-year", "name", "pk"))


def public_movements(rows, today: dt.date | None = None, *, milestones: bool = False) -> list[PublicMovement]:
    """ROWS (of `running_movements`) as the public reads them; with MILESTONES their
    milestones too (one more query)."""
    today = today or timezone.localdate()
    if milestones:
        rows = rows.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")))
    return [_public(m, today, milestones) for m in rows]


def public_movement_get(pk, today: dt.date | None = None) -> PublicMovement:
    """One movement under way, with its milestones; 404 for any other."""
    today = today or timezone.localdate()
    found = public_movements(running_movements(today).filter(pk=pk), today, milestones=True)
    if not found:
        raise Http404
    return found[0]


def _public(m: Movement, today: dt.date, milestones: bool) -> PublicMovement:
    doc = m.document
    return PublicMovement(
        pk=m.pk, name=m.name, kind=m.get_kind_display(), organiser=labels.full_name(m.organiser), theme=m.theme,
        starts_on=m.starts_on, ends_on=m.ends_on, document_kind=doc.get_kind_display(), document_number=doc.number,
        document_date=doc.issued_on, document_issuer=doc.issuer, document_summary=doc.summary,
        milestones=tuple(PublicMilestone(kind=ms.get_kind_display(), title=ms.title, due_on=ms.due_on,
                                         past=ms.due_on < today) for ms in m.milestones.all()) if milestones else ())


def province_name() -> str:
    """Whose portal this is, as the site names its province: `THIDUA_PROVINCE_NAME` when the
    deployment sets it, else the root of the unit tree written out ("Ủy ban nhân dân tỉnh Hà
    Sơn"); "" for an empty database."""
    if settings.THIDUA_PROVINCE_NAME:
        return settings.THIDUA_PROVINCE_NAME
    root = Unit.objects.filter(depth=1).order_by("path").only("name").first()
    return labels.full_name(root) if root is not None else ""
