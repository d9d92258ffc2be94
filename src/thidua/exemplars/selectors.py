"""Reads of the exemplar register: every list passes the scope (`core.access`), except
`published`, which is what the public may read and nothing more."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.selectors import matching
from thidua.exemplars.models import Congress, Exemplar, ExemplarPhoto, ExemplarState, Honour


@dataclass(frozen=True)
class Filters:
    """The register's filters as the list page reads them from its query string."""

    q: str = ""
    year: int | None = None
    field: str = ""
    movement: int | None = None
    state: str = ""  # a state of the machine, or PUBLISHED
    unit: object = None  # an org.Unit the user sees: its subtree


PUBLISHED = "published"


def exemplars_for(user) -> QuerySet[Exemplar]:
    """Every exemplar USER may see."""
    return access.policy(Exemplar).rows(user)


def exemplar_list(user, filters: Filters = Filters()) -> QuerySet[Exemplar]:
    qs = exemplars_for(user).select_related("unit", "movement")
    if filters.q:
        qs = matching(qs, filters.q)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.movement:
        qs = qs.filter(movement_id=filters.movement)
    if filters.state == PUBLISHED:
        qs = qs.filter(published_at__isnull=False)
    elif filters.state in ExemplarState.values:
        qs = qs.filter(state=filters.state)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    return qs


def years(user) -> list[int]:
    return list(exemplars_for(user).order_by("-year").values_list("year", flat=True).distinct())


def exemplar_page(user, exemplar: Exemplar) -> dict:
    """What the detail page shows of EXEMPLAR (fetched through `access.get`) to USER: its
    honours name every congress, and link those USER sees (`seen_congresses`)."""
    honours = list(Honour.objects.filter(exemplar=exemplar).select_related("congress", "congress__unit")
                   .order_by("-congress__held_on"))
    seen = set(congresses_for(user).filter(pk__in=[h.congress_id for h in honours]).values_list("pk", flat=True))
    return {
        "seen_congresses": seen,
        "photos": list(exemplar.photos.all()),
        "awards": list(exemplar.awards.select_related("held_unit", "person", "unit").order_by("-year", "-decided_on")),
        "initiatives": list(exemplar.initiatives.all()),
        "honours": honours,
    }


def congresses_for(user) -> QuerySet[Congress]:
    return access.policy(Congress).rows(user).select_related("unit")


def honour_candidates(user, congress: Congress) -> QuerySet[Exemplar]:
    """Approved exemplars of the congress unit's subtree USER sees, to choose from."""
    return (exemplars_for(user).filter(state=ExemplarState.APPROVED, unit__path__startswith=congress.unit.path)
            .select_related("unit").order_by("-year", "name"))


def honour_list(congress: Congress) -> list[Honour]:
    """The congress's honour list in its order (collectives and people together)."""
    return list(congress.honours.select_related("exemplar", "exemplar__unit", "exemplar__collective")
                .order_by("order", "id"))


# --- what the public may read ---------------------------------------------------------------


@dataclass(frozen=True)
class PublicPhoto:
    id: int
    caption: str
    width: int
    height: int


@dataclass(frozen=True)
class PublicExemplar:
    """An exemplar as the public may read it: name, unit, title (position), field, story
    (sanitised HTML), photos; nothing else of the person (no birth date, no CCCD)."""

    id: int
    name: str
    unit: str
    title: str
    kind: str
    field: str
    year: int
    headline: str
    story: str
    published_at: object
    photos: list[PublicPhoto] = field(default_factory=list)


def _public(exemplar: Exemplar) -> PublicExemplar:
    return PublicExemplar(
        id=exemplar.pk, name=exemplar.name, unit=exemplar.unit.name, title=exemplar.position,
        kind=exemplar.get_subject_kind_display(), field=exemplar.get_field_display(), year=exemplar.year,
        headline=exemplar.headline, story=exemplar.story, published_at=exemplar.published_at,
        photos=[PublicPhoto(p.pk, p.caption, p.width, p.height) for p in exemplar.photos.all()],
    )


def published_rows(*, q: str = "", year: int | None = None, field: str = "") -> QuerySet[Exemplar]:
    """The published exemplars (newest published first) as rows, for the portal to count and
    page; turn a page of them into public values with `public_exemplars`, never show a row."""
    qs = (Exemplar.objects.filter(published_at__isnull=False, state=ExemplarState.APPROVED)
          .select_related("unit").order_by("-published_at", "-id"))
    if q:
        qs = matching(qs, q)
    if year:
        qs = qs.filter(year=year)
    if field:
        qs = qs.filter(field=field)
    return qs


def public_exemplars(rows) -> list[PublicExemplar]:
    """ROWS (from `published_rows`) as `PublicExemplar` values, their photos read at once."""
    return [_public(e) for e in rows.prefetch_related(Prefetch("photos", ExemplarPhoto.objects.order_by("id")))]


def published_years() -> list[int]:
    """The years of the published exemplars, newest first (the portal's filter)."""
    return list(published_rows().order_by("-year").values_list("year", flat=True).distinct())


def published(*, q: str = "", year: int | None = None, field: str = "", pk: int | None = None,
              limit: int | None = None) -> list[PublicExemplar]:
    """The published exemplars (newest published first), each with its public fields only:
    for the public portal. PK narrows to one (an empty list when it is not published)."""
    qs = published_rows(q=q, year=year, field=field)
    if pk is not None:
        qs = qs.filter(pk=pk)
    if limit is not None:
        qs = qs[:limit]
    return public_exemplars(qs)


def published_photo(pk: int) -> ExemplarPhoto | None:
    """A photo of a published exemplar (for the portal to serve), or None."""
    return (ExemplarPhoto.objects.filter(pk=pk, exemplar__published_at__isnull=False,
                                         exemplar__state=ExemplarState.APPROVED).first())


def may_approve(user, exemplar: Exemplar) -> bool:
    return access.covers(user, Perm.EXEMPLAR_APPROVE, exemplar.unit.path)
