"""The exemplar's services: sanitised story, the machine's refusals, publishing, photos, audit."""

import pytest

from tests.conftest import make_user
from tests.exemplars.conftest import STORY, bomb_png, png, upload
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.core.uploads import UploadRefused
from thidua.exemplars import machines, selectors, services
from thidua.exemplars.models import Exemplar, ExemplarPhoto, ExemplarState
from thidua.movements import services as movement_services


def events(exemplar):
    return list(AuditEvent.objects.filter(target_type="exemplars.exemplar", target_id=exemplar.pk)
                .order_by("id").values_list("action", flat=True))


XSS = ('<p onclick="alert(1)">Gương <em>sáng</em></p><script>alert("x")</script>'
       '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">xấu</a> '
       '<a href="https://baochinhphu.vn/bai-viet">bài báo</a><iframe src="https://evil"></iframe>'
       '<h3 style="color:red">Thành tích</h3>')


def test_nominate_from_award_sanitises_the_story_and_audits(officer_a, award_a, person_a, tree):
    exemplar = services.exemplar_nominate(actor=officer_a, award=award_a, field="hanh_chinh", year=2025, story=XSS)
    story = exemplar.story
    assert "script" not in story and "alert" not in story and "onerror" not in story and "onclick" not in story
    assert "javascript:" not in story and "<img" not in story and "iframe" not in story and "style" not in story
    assert "<em>sáng</em>" in story and "<h3>Thành tích</h3>" in story
    assert 'href="https://baochinhphu.vn/bai-viet"' in story and "xấu" in story
    exemplar.refresh_from_db()
    assert exemplar.state == ExemplarState.NOMINATED
    assert (exemplar.person, exemplar.unit, exemplar.name) == (person_a, tree["a1"], "Nguyễn Văn Phóng")
    assert exemplar.position == "Chuyên viên" and exemplar.source_award == award_a
    assert list(exemplar.awards.all()) == [award_a]
    event = AuditEvent.objects.get(action="exemplar.nominate", target_id=exemplar.pk)
    assert event.actor == officer_a and event.unit_path == tree["a1"].path


def test_plain_text_story_keeps_its_paragraphs(officer_a, award_a):
    exemplar = services.exemplar_nominate(actor=officer_a, award=award_a, field="y_te", year=2025,
                                          story="Dòng một <b>& hai</b>\n\nĐoạn hai")
    assert exemplar.story.startswith("<p>")


def test_save_sanitises_whatever_path_writes(nominated):
    Exemplar.objects.filter(pk=nominated.pk)  # a raw write through save() is sanitised too
    nominated.story = '<script>alert(1)</script><p>ok</p>'
    nominated.save()
    nominated.refresh_from_db()
    assert nominated.story == "<p>ok</p>"


def test_empty_story_refused(officer_a, award_a):
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_nominate(actor=officer_a, award=award_a, field="y_te", year=2025,
                                   story="<script>alert(1)</script>")
    assert exc.value.message == services.STORY_REQUIRED and exc.value.extra["field"] == "story"
    assert not Exemplar.objects.exists()


def test_officer_of_another_department_may_not_nominate(officer_b, award_a):
    with pytest.raises(PermissionDenied):
        services.exemplar_nominate(actor=officer_b, award=award_a, field="y_te", year=2025, story=STORY)
    assert not Exemplar.objects.exists()


def test_one_nomination_per_subject_and_year(nominated, officer_a, award_a):
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_nominate(actor=officer_a, award=award_a, field="y_te", year=2025, story=STORY)
    assert "đã được đề cử" in exc.value.message


def test_revoked_award_refused(officer_a, award_a):
    award_a.revoked = True
    with pytest.raises(ApplicationError):
        services.exemplar_nominate(actor=officer_a, award=award_a, field="y_te", year=2025, story=STORY)


def test_nominate_from_review(officer_a, review, person_a, tree, movement):
    exemplar = services.exemplar_nominate(actor=officer_a, review=review, person=person_a, field="kinh_te",
                                          year=2025, story=STORY)
    assert exemplar.source_review == review and exemplar.movement == movement
    unit = services.exemplar_nominate(actor=officer_a, review=review, collective=tree["a1"], field="kinh_te",
                                      year=2025, story=STORY)
    assert unit.subject_kind == "collective" and unit.unit == tree["a1"]


def test_review_must_name_the_subject(officer_a, review, tree):
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_nominate(actor=officer_a, review=review, collective=tree["a"], field="kinh_te",
                                   year=2025, story=STORY)
    assert "không có trong danh sách" in exc.value.message


def test_the_officer_may_not_approve(nominated, officer_a):
    with pytest.raises(PermissionDenied):
        services.exemplar_approve(actor=officer_a, exemplar=nominated)
    nominated.refresh_from_db()
    assert nominated.state == ExemplarState.NOMINATED


def test_head_may_not_publish(approved, head_a):
    with pytest.raises(PermissionDenied):
        services.exemplar_publish(actor=head_a, exemplar=approved)


def test_machine_refuses_wrong_states(nominated, secretariat, officer_a):
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_publish(actor=secretariat, exemplar=nominated)
    assert exc.value.message == services.NOT_APPROVED
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_resubmit(actor=officer_a, exemplar=nominated)
    assert "Không thể đề cử lại" in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_return(actor=secretariat, exemplar=nominated, reason="  ")
    assert exc.value.extra["field"] == "reason"
    services.exemplar_approve(actor=secretariat, exemplar=nominated)
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_approve(actor=secretariat, exemplar=nominated)
    assert "Đã duyệt" in exc.value.message


def test_whole_path_with_audit_rows(nominated, secretariat, officer_a):
    services.exemplar_return(actor=secretariat, exemplar=nominated, reason="Bổ sung ảnh và số liệu")
    nominated.refresh_from_db()
    assert nominated.state == ExemplarState.RETURNED and nominated.return_reason == "Bổ sung ảnh và số liệu"
    services.exemplar_update(actor=officer_a, exemplar=nominated, field="hanh_chinh", year=2025,
                             story=STORY + "<p>Thêm số liệu.</p>", version=nominated.version)
    services.exemplar_resubmit(actor=officer_a, exemplar=nominated)
    services.exemplar_approve(actor=secretariat, exemplar=nominated)
    assert selectors.published() == []
    services.exemplar_publish(actor=secretariat, exemplar=nominated)
    nominated.refresh_from_db()
    assert nominated.published_by == secretariat and nominated.published_at is not None
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_return(actor=secretariat, exemplar=nominated, reason="Sai")
    assert exc.value.message == machines.PUBLISHED_FIRST
    services.exemplar_unpublish(actor=secretariat, exemplar=nominated, reason="Chờ xác minh")
    assert events(nominated) == ["exemplar.nominate", "exemplar.return", "exemplar.update", "exemplar.resubmit",
                                 "exemplar.approve", "exemplar.publish", "exemplar.unpublish"]
    unpublish = AuditEvent.objects.get(action="exemplar.unpublish")
    assert unpublish.reason == "Chờ xác minh" and unpublish.actor == secretariat
    approve = AuditEvent.objects.get(action="exemplar.approve")
    assert approve.before["state"] == "Đề cử" and approve.after["state"] == "Đã duyệt"


def test_approved_is_locked_for_the_officer(approved, officer_a):
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_update(actor=officer_a, exemplar=approved, field="y_te", year=2025, story=STORY)
    assert exc.value.message == services.APPROVED_LOCKED


def test_stale_edit_refused(nominated, officer_a, secretariat):
    loaded = nominated.version
    services.exemplar_update(actor=secretariat, exemplar=nominated, field="y_te", year=2025, story=STORY,
                             version=loaded)
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_update(actor=officer_a, exemplar=nominated, field="kinh_te", year=2025, story=STORY,
                                 version=loaded)
    assert exc.value.extra.get("stale")


def test_published_shows_public_fields_only(approved, secretariat):
    services.exemplar_publish(actor=secretariat, exemplar=approved)
    [public] = selectors.published()
    assert (public.name, public.unit, public.title) == ("Nguyễn Văn Phóng", "Phòng Công chức, viên chức",
                                                       "Chuyên viên")
    assert public.field == "Cải cách hành chính, công vụ" and "đổi mới" in public.story
    fields = set(vars(public))
    assert not {"birth_date", "cccd", "person", "state"} & fields


def test_photo_added_and_image_bomb_refused(nominated, officer_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.exemplar_photo_add(actor=officer_a, exemplar=nominated, image=upload(png(40, 30)), caption="Tại xã")
    photo = ExemplarPhoto.objects.get()
    assert (photo.width, photo.height, photo.caption) == (40, 30, "Tại xã")
    with pytest.raises(UploadRefused) as exc:
        services.exemplar_photo_add(actor=officer_a, exemplar=nominated, image=upload(bomb_png(), "bom.png"))
    assert "vượt giới hạn" in exc.value.message and "100.000 × 100.000" in exc.value.message
    with pytest.raises(UploadRefused):
        services.exemplar_photo_add(actor=officer_a, exemplar=nominated, image=upload(b"<html>", "gia.png"))
    assert ExemplarPhoto.objects.count() == 1
    assert events(nominated) == ["exemplar.nominate", "exemplar.photo_add"]
    services.exemplar_photo_remove(actor=officer_a, photo=photo)
    assert not ExemplarPhoto.objects.exists()


def test_photo_refused_to_an_outsider(nominated, officer_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(PermissionDenied):
        services.exemplar_photo_add(actor=officer_b, exemplar=nominated, image=upload(png()))


def test_secretariat_of_a_department_approves_its_own(nominated, tree):
    desk_b = make_user("ttb", Role.SECRETARIAT, tree["b"], "Vũ Thị Hà")
    with pytest.raises(PermissionDenied):
        services.exemplar_approve(actor=desk_b, exemplar=nominated)


def test_a_movement_out_of_sight_is_refused(officer_a, award_a, tree, secretariat):
    theirs = movement_services.movement_create(actor=secretariat, organiser=tree["b"], name="Phong trào của Sở Y tế",
                                               kind="chuyen_de", year=2025)
    with pytest.raises(ApplicationError) as exc:
        services.exemplar_nominate(actor=officer_a, award=award_a, field="y_te", year=2025, story=STORY,
                                   movement=theirs)
    assert exc.value.message == services.MOVEMENT_OUT_OF_SIGHT and not Exemplar.objects.exists()
