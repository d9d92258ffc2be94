"""Writes to the exemplar register and the congresses.

Each service is keyword-only, takes the actor, runs in one transaction, locks what it
changes, checks the actor's role (`core.access`, or the machine's row), writes and records
one AuditEvent. Who does what:

- nominating and editing a nomination: `exemplar.nominate` over the subject's unit (the
  TĐKT officer of the unit in whose scope the person or collective is; the secretariat
  above it holds it too);
- approving, returning, publishing, unpublishing, editing an approved exemplar and
  running a congress: `exemplar.approve` (the secretariat).
"""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from thidua.awards.models import Award, Initiative
from thidua.core import access, audit, concurrency, storage, uploads
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name, fold
from thidua.exemplars import audit_actions as A
from thidua.exemplars import machines
from thidua.exemplars.machines import EXEMPLARS
from thidua.exemplars.models import (
    Congress,
    CongressKind,
    Exemplar,
    ExemplarField,
    ExemplarPhoto,
    ExemplarSource,
    ExemplarState,
    Honour,
    SubjectKind,
)
from thidua.exemplars.richtext import plain, sanitise
from thidua.movements.models import Movement, Review
from thidua.movements.selectors import movements_for
from thidua.org.models import Unit
from thidua.people.models import Person

FIELD_INVALID = _("Hãy chọn lĩnh vực của điển hình.")
YEAR_INVALID = _("Năm phải từ 1945 đến năm nay (%(last)s).")
STORY_REQUIRED = _("Hãy viết câu chuyện, thành tích của điển hình (ít nhất vài câu).")
STORY_TOO_LONG = _("Câu chuyện dài quá 50.000 ký tự; hãy rút gọn.")
AWARD_REVOKED = _("Khen thưởng «%s» đã bị hủy bỏ, thu hồi: không thể đề cử điển hình từ khen thưởng này.")
ALREADY_NOMINATED = _("«%(name)s» đã được đề cử điển hình năm %(year)s (đang ở trạng thái «%(state)s»).")
NOT_IN_REVIEW = _("«%s» không có trong danh sách gương điển hình của lần sơ kết, tổng kết này.")
AWARD_NOT_OF_SUBJECT = _("Khen thưởng «%s» không phải của đối tượng được đề cử.")
MOVEMENT_OUT_OF_SIGHT = _("Không tìm thấy phong trào thi đua đã chọn trong phạm vi của bạn.")
INITIATIVE_NOT_OF_SUBJECT = _("Sáng kiến «%s» không phải của đối tượng được đề cử.")
NOT_APPROVED = _("Chỉ công bố được điển hình đã duyệt.")
ALREADY_PUBLISHED = _("Điển hình này đã được công bố.")
NOT_PUBLISHED = _("Điển hình này chưa được công bố.")
APPROVED_LOCKED = _("Điển hình đã duyệt chỉ Thường trực Hội đồng Thi đua – Khen thưởng được sửa.")
PHOTO_REQUIRED = _("Hãy chọn ảnh để tải lên.")
TOO_MANY_PHOTOS = _("Mỗi điển hình có tối đa %s ảnh.")
PHOTO_LABEL = _("Ảnh")
PHOTO_MAX_BYTES = 8 * 1024 * 1024
# A photo for a page, not a poster: 40 megapixels covers any camera's picture.
PHOTO_MAX_PIXELS = 40_000_000
MAX_PHOTOS = 12
STORY_MAX = 50_000
CONGRESS_NAME_REQUIRED = _("Hãy ghi tên hội nghị, đại hội.")
CONGRESS_KIND_INVALID = _("Loại hội nghị «%s» không hợp lệ.")
HONOUR_NOT_APPROVED = _("«%s» chưa được duyệt là điển hình tiên tiến nên chưa thể tuyên dương.")
HONOUR_OUT_OF_UNIT = _("«%(name)s» không thuộc %(unit)s, nơi tổ chức hội nghị.")


def _scope_path(person: Person | None, collective: Unit | None) -> tuple[Unit, str]:
    unit = person.current_unit if person is not None else collective
    return unit, unit.path


def _check_common(field: str, year: int, story: str, today: dt.date) -> str:
    if field not in ExemplarField.values:
        raise ApplicationError(FIELD_INVALID, {"field": "field"})
    if not isinstance(year, int) or not 1945 <= year <= today.year:
        raise ApplicationError(YEAR_INVALID % {"last": today.year}, {"field": "year"})
    if len(story or "") > STORY_MAX:
        raise ApplicationError(STORY_TOO_LONG, {"field": "story"})
    story = sanitise(story)
    if not plain(story):
        raise ApplicationError(STORY_REQUIRED, {"field": "story"})
    return story


def subject_awards(person: Person | None, collective: Unit | None):
    """The awards standing behind a subject (not revoked), newest first."""
    qs = Award.objects.filter(revoked=False).select_related("person", "unit")  # their names are shown
    return qs.filter(person=person) if person is not None else qs.filter(unit=collective, person__isnull=True)


def subject_initiatives(person: Person | None, collective: Unit | None):
    """The initiatives of a subject: a person's as an author, a collective's as the unit applying it."""
    if person is not None:
        return Initiative.objects.filter(authors__person=person).distinct()
    return Initiative.objects.filter(unit=collective)


def _check_links(person, collective, awards: Iterable[Award], initiatives: Iterable[Initiative]):
    awards, initiatives = list(awards), list(initiatives)
    own_awards = set(subject_awards(person, collective).filter(pk__in=[a.pk for a in awards])
                     .values_list("pk", flat=True))
    for award in awards:
        if award.pk not in own_awards:
            raise ApplicationError(AWARD_NOT_OF_SUBJECT % award, {"field": "awards"})
    own_initiatives = set(subject_initiatives(person, collective).filter(pk__in=[i.pk for i in initiatives])
                          .values_list("pk", flat=True))
    for initiative in initiatives:
        if initiative.pk not in own_initiatives:
            raise ApplicationError(INITIATIVE_NOT_OF_SUBJECT % initiative, {"field": "initiatives"})
    return awards, initiatives


def _check_movement(actor, movement: Movement | None) -> None:
    if movement is not None and not movements_for(actor).filter(pk=movement.pk).exists():
        raise ApplicationError(MOVEMENT_OUT_OF_SIGHT, {"field": "movement"})


def _snapshot(exemplar: Exemplar) -> dict:
    out = audit.snapshot(exemplar)
    out["story"] = plain(exemplar.story)  # the history panel reads words, not markup
    out["awards"] = [str(a) for a in exemplar.awards.select_related("person", "unit")]
    out["initiatives"] = [str(i) for i in exemplar.initiatives.all()]
    return out


@transaction.atomic
def exemplar_nominate(
    *, actor, field: str, year: int, story: str, person: Person | None = None, collective: Unit | None = None,
    award: Award | None = None, review: Review | None = None, movement: Movement | None = None,
    position: str | None = None, headline: str = "", awards: Sequence[Award] = (),
    initiatives: Sequence[Initiative] = (), today: dt.date | None = None,
) -> Exemplar:
    """Nominate PERSON or COLLECTIVE as an exemplar of YEAR, from AWARD (its subject; the
    award is among the awards behind it) or from REVIEW (a sơ kết / tổng kết that named the
    subject among its exemplars; its movement is the exemplar's). STORY is sanitised.

    Raises PermissionDenied without `exemplar.nominate` over the subject's unit,
    ApplicationError for a revoked award, a subject the review did not name, a subject
    already nominated that year, or invalid fields (naming the field)."""
    today = today or timezone.localdate()
    if award is not None:
        person, collective = (award.person, None) if award.person_id else (None, award.unit)
        if award.revoked:
            raise ApplicationError(AWARD_REVOKED % award)
        movement = movement or award.movement
        source = ExemplarSource.AWARD
    else:
        if review is None:
            raise ValueError("an exemplar is nominated from an award or a review")
        named = (review.exemplar_people.filter(pk=person.pk).exists() if person is not None
                 else review.exemplar_units.filter(pk=collective.pk).exists())
        if not named:
            raise ApplicationError(NOT_IN_REVIEW % (person or collective))
        movement = review.movement
        source = ExemplarSource.REVIEW
    if (person is None) == (collective is None):
        raise ValueError("one subject: a person or a collective")
    unit, path = _scope_path(person, collective)
    access.require(actor, Perm.EXEMPLAR_NOMINATE, path=path)
    story = _check_common(field, year, story, today)
    if review is None and not (award is not None and movement == award.movement):
        # A review's movement, or the award's own, comes with the record; one chosen is checked.
        _check_movement(actor, movement)
    awards = list(awards)
    if award is not None and award not in awards:
        awards.insert(0, award)
    awards, initiatives = _check_links(person, collective, awards, initiatives)
    # Lock the subject, so two officers nominating it at once make one exemplar.
    (Person.objects.select_for_update().filter(pk=person.pk) if person is not None
     else Unit.objects.select_for_update().filter(pk=collective.pk)).first()
    existing = Exemplar.objects.filter(person=person, collective=collective, year=year).first()
    if existing is not None:
        raise ApplicationError(ALREADY_NOMINATED % {"name": existing.name, "year": year,
                                                    "state": existing.get_state_display()})
    name = person.full_name if person is not None else collective.name
    exemplar = Exemplar(
        subject_kind=SubjectKind.INDIVIDUAL if person is not None else SubjectKind.COLLECTIVE,
        person=person, collective=collective, unit=unit, name=name,
        position=clean_name(position if position is not None else (person.position if person else "")),
        field=field, year=year, movement=movement, headline=clean_name(headline), story=story, source=source,
        source_award=award, source_review=review, created_by=actor if getattr(actor, "pk", None) else None,
        search_key=fold(f"{name} {unit.name}"),
    )
    exemplar.full_clean()
    exemplar.save()
    exemplar.awards.set(awards)
    exemplar.initiatives.set(initiatives)
    audit.record(actor=actor, action=A.NOMINATE, target=exemplar, unit_path=path, after=_snapshot(exemplar))
    return exemplar


def _lock(exemplar: Exemplar) -> Exemplar:
    return Exemplar.objects.select_for_update().select_related("unit").get(pk=exemplar.pk)


def may_edit(actor, exemplar: Exemplar) -> bool:
    """Whether ACTOR may edit EXEMPLAR: its nominator's unit while not approved, the
    secretariat always."""
    path = exemplar.unit.path
    if access.covers(actor, Perm.EXEMPLAR_APPROVE, path):
        return True
    return exemplar.state != ExemplarState.APPROVED and access.covers(actor, Perm.EXEMPLAR_NOMINATE, path)


@transaction.atomic
def exemplar_update(
    *, actor, exemplar: Exemplar, field: str, year: int, story: str, movement: Movement | None = None,
    position: str = "", headline: str = "", awards: Sequence[Award] = (), initiatives: Sequence[Initiative] = (),
    version: int | None = None, today: dt.date | None = None,
) -> Exemplar:
    """Change what an exemplar says. Raises PermissionDenied unless `may_edit`,
    StaleError when it was saved after VERSION, ApplicationError for invalid fields."""
    today = today or timezone.localdate()
    exemplar = _lock(exemplar)
    _require_edit(actor, exemplar, "exemplar.update")
    concurrency.require_version(exemplar, version)
    story = _check_common(field, year, story, today)
    if movement is not None and movement.pk != exemplar.movement_id:
        _check_movement(actor, movement)
    awards, initiatives = _check_links(exemplar.person, exemplar.collective, awards, initiatives)
    before = _snapshot(exemplar)
    exemplar.field, exemplar.year, exemplar.story, exemplar.movement = field, year, story, movement
    exemplar.position, exemplar.headline = clean_name(position), clean_name(headline)
    exemplar.full_clean()
    exemplar.save()
    exemplar.awards.set(awards)
    exemplar.initiatives.set(initiatives)
    exemplar.refresh_from_db()
    audit.record(actor=actor, action=A.UPDATE, target=exemplar, unit_path=exemplar.unit.path, before=before,
                 after=_snapshot(exemplar))
    return exemplar


@transaction.atomic
def exemplar_approve(*, actor, exemplar: Exemplar) -> Exemplar:
    """Approve a nomination (the secretariat). Raises PermissionDenied or ApplicationError
    (wrong state) as the machine's row says."""
    exemplar = _lock(exemplar)
    row = EXEMPLARS.check(actor, exemplar, machines.APPROVE)
    exemplar.approved_at, exemplar.approved_by = timezone.now(), actor
    exemplar.return_reason = ""
    return EXEMPLARS.move(actor, exemplar, row, fields=["approved_at", "approved_by", "return_reason"])


@transaction.atomic
def exemplar_return(*, actor, exemplar: Exemplar, reason: str) -> Exemplar:
    """Return a nomination, or an approved exemplar not published, with REASON."""
    exemplar = _lock(exemplar)
    row = EXEMPLARS.check(actor, exemplar, machines.RETURN, reason=reason)
    exemplar.return_reason = reason.strip()
    exemplar.approved_at, exemplar.approved_by = None, None
    return EXEMPLARS.move(actor, exemplar, row, reason=reason,
                          fields=["return_reason", "approved_at", "approved_by"])


@transaction.atomic
def exemplar_resubmit(*, actor, exemplar: Exemplar) -> Exemplar:
    """Nominate a returned exemplar again (after editing it)."""
    exemplar = _lock(exemplar)
    return EXEMPLARS.step(actor, exemplar, machines.RESUBMIT)


TRANSITIONS = {machines.APPROVE: exemplar_approve, machines.RETURN: exemplar_return,
               machines.RESUBMIT: exemplar_resubmit}


@transaction.atomic
def exemplar_publish(*, actor, exemplar: Exemplar) -> Exemplar:
    """Publish an approved exemplar: from now on `selectors.published` shows it to the
    public. Raises PermissionDenied without `exemplar.approve` over its unit,
    ApplicationError when it is not approved or already published."""
    exemplar = _lock(exemplar)
    access.require(actor, Perm.EXEMPLAR_APPROVE, path=exemplar.unit.path)
    if exemplar.state != ExemplarState.APPROVED:
        raise ApplicationError(NOT_APPROVED)
    if exemplar.published_at is not None:
        raise ApplicationError(ALREADY_PUBLISHED)
    exemplar.published_at, exemplar.published_by = timezone.now(), actor
    exemplar.save(update_fields=["published_at", "published_by"])
    audit.record(actor=actor, action=A.PUBLISH, target=exemplar, unit_path=exemplar.unit.path,
                 before={"published_at": None}, after={"published_at": exemplar.published_at.isoformat()})
    return exemplar


@transaction.atomic
def exemplar_unpublish(*, actor, exemplar: Exemplar, reason: str = "") -> Exemplar:
    """Take a published exemplar off the public pages (REASON kept in the audit row)."""
    exemplar = _lock(exemplar)
    access.require(actor, Perm.EXEMPLAR_APPROVE, path=exemplar.unit.path)
    if exemplar.published_at is None:
        raise ApplicationError(NOT_PUBLISHED)
    before = {"published_at": exemplar.published_at.isoformat()}
    exemplar.published_at, exemplar.published_by = None, None
    exemplar.save(update_fields=["published_at", "published_by"])
    audit.record(actor=actor, action=A.UNPUBLISH, target=exemplar, unit_path=exemplar.unit.path, before=before,
                 after={"published_at": None}, reason=(reason or "").strip())
    return exemplar


def _require_edit(actor, exemplar: Exemplar, act: str = "exemplar.photo") -> None:
    """Refuse ACT unless ACTOR may edit EXEMPLAR; its own unit is told the approved
    exemplar is locked."""
    if not may_edit(actor, exemplar):
        if access.covers(actor, Perm.EXEMPLAR_NOMINATE, exemplar.unit.path):
            raise ApplicationError(APPROVED_LOCKED)
        access.refuse(actor, act, exemplar)


@transaction.atomic
def exemplar_photo_add(*, actor, exemplar: Exemplar, image, caption: str = "") -> ExemplarPhoto:
    """Add IMAGE (an upload) to EXEMPLAR's photos after the core upload check: a JPEG or
    PNG by its bytes, at most PHOTO_MAX_BYTES and PHOTO_MAX_PIXELS (an image bomb is refused
    from its header, before any pixel is read). Raises UploadRefused (naming the field),
    PermissionDenied unless `may_edit`."""
    exemplar = _lock(exemplar)
    _require_edit(actor, exemplar)
    if not image:
        raise ApplicationError(PHOTO_REQUIRED, {"field": "image"})
    uploads.check(image, field="image", label=PHOTO_LABEL, types=uploads.IMAGES, limit=PHOTO_MAX_BYTES,
                  pixel_limit=PHOTO_MAX_PIXELS)
    if exemplar.photos.count() >= MAX_PHOTOS:
        raise ApplicationError(TOO_MANY_PHOTOS % MAX_PHOTOS, {"field": "image"})
    with Image.open(image) as picture:
        width, height = picture.size
    image.seek(0)
    photo = ExemplarPhoto(exemplar=exemplar, caption=clean_name(caption), original_name=image.name, width=width,
                          height=height, uploaded_by=actor if getattr(actor, "pk", None) else None)
    photo.image.save(image.name, image, save=False)
    with storage.kept_only_with_rows([photo.image]):
        photo.save()
        audit.record(actor=actor, action=A.PHOTO_ADD, target=exemplar, unit_path=exemplar.unit.path,
                     after={"image": photo.original_name, "caption": photo.caption})
    return photo


@transaction.atomic
def exemplar_photo_remove(*, actor, photo: ExemplarPhoto) -> None:
    """Remove PHOTO (its file deleted once the transaction commits)."""
    exemplar = _lock(photo.exemplar)
    _require_edit(actor, exemplar)
    name, file_name, file_storage = photo.original_name, photo.image.name, photo.image.storage
    photo.delete()
    audit.record(actor=actor, action=A.PHOTO_REMOVE, target=exemplar, unit_path=exemplar.unit.path,
                 before={"image": name})
    transaction.on_commit(lambda: file_storage.delete(file_name))


# --- congresses -------------------------------------------------------------------------------


def _check_congress(kind: str, name: str) -> str:
    if kind not in CongressKind.values:
        raise ApplicationError(CONGRESS_KIND_INVALID % kind, {"field": "kind"})
    name = clean_name(name)
    if not name:
        raise ApplicationError(CONGRESS_NAME_REQUIRED, {"field": "name"})
    return name


@transaction.atomic
def congress_create(*, actor, kind: str, unit: Unit, name: str, held_on: dt.date, venue: str = "") -> Congress:
    """Record a congress held by UNIT. Raises PermissionDenied without `exemplar.approve`
    over UNIT."""
    access.require(actor, Perm.EXEMPLAR_APPROVE, path=unit.path)
    name = _check_congress(kind, name)
    congress = Congress(kind=kind, unit=unit, name=name, held_on=held_on, venue=clean_name(venue),
                        created_by=actor if getattr(actor, "pk", None) else None)
    congress.full_clean()
    congress.save()
    audit.record(actor=actor, action=A.CONGRESS_CREATE, target=congress, unit_path=unit.path,
                 after=audit.snapshot(congress))
    return congress


@transaction.atomic
def congress_update(*, actor, congress: Congress, kind: str, name: str, held_on: dt.date, venue: str = "",
                    version: int | None = None) -> Congress:
    congress = Congress.objects.select_for_update().select_related("unit").get(pk=congress.pk)
    access.require(actor, Perm.EXEMPLAR_APPROVE, path=congress.unit.path)
    concurrency.require_version(congress, version)
    name = _check_congress(kind, name)
    before = audit.snapshot(congress)
    congress.kind, congress.name, congress.held_on, congress.venue = kind, name, held_on, clean_name(venue)
    return audit.save_changes(congress, before, actor=actor, action=A.CONGRESS_UPDATE, unit_path=congress.unit.path)


@transaction.atomic
def congress_honour(*, actor, congress: Congress, exemplars: Sequence[Exemplar]) -> Congress:
    """Make EXEMPLARS (in their order) the congress's honour list: each approved and of the
    congress unit's subtree. Raises PermissionDenied without `exemplar.approve` over the
    congress's unit, ApplicationError naming the first exemplar that may not be honoured."""
    congress = Congress.objects.select_for_update().select_related("unit").get(pk=congress.pk)
    access.require(actor, Perm.EXEMPLAR_APPROVE, path=congress.unit.path)
    chosen = list(Exemplar.objects.select_related("unit").filter(pk__in=[e.pk for e in exemplars]))
    by_pk = {e.pk: e for e in chosen}
    ordered = [by_pk[e.pk] for e in exemplars if e.pk in by_pk]
    for exemplar in ordered:
        if exemplar.state != ExemplarState.APPROVED:
            raise ApplicationError(HONOUR_NOT_APPROVED % exemplar.name, {"field": "exemplars"})
        if not exemplar.unit.path.startswith(congress.unit.path):
            raise ApplicationError(HONOUR_OUT_OF_UNIT % {"name": exemplar.name, "unit": congress.unit.name},
                                   {"field": "exemplars"})
    before = [h.exemplar.name for h in congress.honours.select_related("exemplar")]
    congress.honours.all().delete()
    Honour.objects.bulk_create([Honour(congress=congress, exemplar=e, order=i) for i, e in enumerate(ordered, 1)])
    congress.save()  # the version moves: an open honour form is stale now
    audit.record(actor=actor, action=A.CONGRESS_HONOUR, target=congress, unit_path=congress.unit.path,
                 before={"honourees": before}, after={"honourees": [e.name for e in ordered]})
    return congress
