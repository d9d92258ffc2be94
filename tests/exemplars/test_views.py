"""The register's pages as users meet them: scope, the nominate-from-award flow, the
buttons of the secretariat, the story shown safe, photos."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from tests.exemplars.conftest import STORY, bomb_png, png, upload
from thidua.core.models import AuditEvent
from thidua.exemplars import services
from thidua.exemplars.models import Congress, Exemplar, ExemplarPhoto, ExemplarState


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def photo(nominated, officer_a, media):
    return services.exemplar_photo_add(actor=officer_a, exemplar=nominated, image=upload(png()))


@pytest.fixture
def congress(secretariat, tree, approved):
    c = services.congress_create(actor=secretariat, kind="hoi_nghi", unit=tree["a"], name="Hội nghị điển hình Sở",
                                 held_on=approved.created_at.date())
    return services.congress_honour(actor=secretariat, congress=c, exemplars=[approved])


def urls(exemplar, photo, congress, award, review):
    get = [reverse("exemplars:detail", args=[exemplar.pk]), reverse("exemplars:edit", args=[exemplar.pk]),
           reverse("exemplars:photo", args=[photo.pk]),
           reverse("exemplars:nominate_award", args=[award.pk]),
           reverse("exemplars:nominate_review", args=[review.pk]) + f"?ca-nhan={exemplar.person_id}",
           reverse("exemplars:congress", args=[congress.pk]), reverse("exemplars:congress_edit", args=[congress.pk]),
           reverse("exemplars:congress_print", args=[congress.pk]),
           reverse("exemplars:congress_xlsx", args=[congress.pk]),
           reverse("exemplars:congress_docx", args=[congress.pk])]
    post = [reverse("exemplars:transition", args=[exemplar.pk, "duyet"]),
            reverse("exemplars:transition", args=[exemplar.pk, "tra-lai"]),
            reverse("exemplars:publish", args=[exemplar.pk]), reverse("exemplars:unpublish", args=[exemplar.pk]),
            reverse("exemplars:photo_add", args=[exemplar.pk]), reverse("exemplars:photo_remove", args=[photo.pk])]
    return get, post


def test_it_refuses_out_of_scope(client, officer_b, nominated, photo, secretariat, tree, award_a, review):
    congress = services.congress_create(actor=secretariat, kind="hoi_nghi", unit=tree["a"], name="Hội nghị Sở A",
                                        held_on=nominated.created_at.date())
    get, post = urls(nominated, photo, congress, award_a, review)
    login(client, officer_b)
    for url in get:
        assert client.get(url).status_code == 404, url
    for url in post:
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    nominated.refresh_from_db()
    assert nominated.state == ExemplarState.NOMINATED and ExemplarPhoto.objects.count() == 1
    page = client.get(reverse("exemplars:register")).content.decode()
    assert "Nguyễn Văn Phóng" not in page
    assert "Hội nghị Sở A" not in client.get(reverse("exemplars:congresses")).content.decode()


def test_anonymous_is_sent_to_sign_in(client, nominated, photo, secretariat, tree, award_a, review):
    congress = services.congress_create(actor=secretariat, kind="hoi_nghi", unit=tree["a"], name="Hội nghị Sở A",
                                        held_on=nominated.created_at.date())
    get, post = urls(nominated, photo, congress, award_a, review)
    for url in [reverse("exemplars:register"), reverse("exemplars:congresses"),
                reverse("exemplars:congress_create"), *get, *post]:
        response = client.post(url) if url in post else client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], url


def test_nominate_from_award_page(client, officer_a, award_a):
    login(client, officer_a)
    page = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    form_url = reverse("exemplars:nominate_award", args=[award_a.pk])
    assert f'href="{form_url}"' in page and "Đề cử điển hình tiên tiến" in page
    form = client.get(form_url).content.decode()
    token = re.search(r'name="lan-gui" value="([^"]+)"', form).group(1)
    response = client.post(form_url, {"lan-gui": token, "field": "hanh_chinh", "year": "2025",
                                      "position": "Chuyên viên chính", "story": STORY, "awards": [award_a.pk]})
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and response["Location"] == exemplar.get_absolute_url()
    assert exemplar.position == "Chuyên viên chính" and exemplar.source_award == award_a
    assert AuditEvent.objects.filter(action="exemplar.nominate", target_id=exemplar.pk, actor=officer_a).exists()
    detail = client.get(exemplar.get_absolute_url()).content.decode()
    assert "Đề cử" in detail and "<strong>đổi mới</strong>" in detail


def test_no_nominate_button_for_the_head(client, head_a, award_a):
    login(client, head_a)
    page = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    assert "Đề cử điển hình tiên tiến" not in page
    assert client.get(reverse("exemplars:nominate_award", args=[award_a.pk])).status_code == 403


def test_nominate_form_shows_the_field_error(client, officer_a, award_a):
    login(client, officer_a)
    form_url = reverse("exemplars:nominate_award", args=[award_a.pk])
    token = re.search(r'name="lan-gui" value="([^"]+)"', client.get(form_url).content.decode()).group(1)
    page = client.post(form_url, {"lan-gui": token, "field": "y_te", "year": "2025",
                                  "story": "<script>x</script>"}).content.decode()
    assert str(services.STORY_REQUIRED) in page and not Exemplar.objects.exists()


def test_story_is_shown_without_its_script(client, officer_a, award_a):
    exemplar = services.exemplar_nominate(
        actor=officer_a, award=award_a, field="y_te", year=2025,
        story='<p>Còn lại</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>')
    login(client, officer_a)
    page = client.get(exemplar.get_absolute_url()).content.decode()
    story = re.search(r'data-testid="story">(.*?)</article>', page, re.S).group(1)
    assert "<p>Còn lại</p>" in story
    assert "alert" not in story and "onerror" not in story and "javascript:" not in story


def test_nominate_from_review_page(client, officer_a, review, person_a):
    login(client, officer_a)
    page = client.get(reverse("movements:review", args=[review.movement_id, review.pk])).content.decode()
    url = reverse("exemplars:nominate_review", args=[review.pk]) + f"?ca-nhan={person_a.pk}"
    assert url.replace("?", "?") in page.replace("&amp;", "&")
    token = re.search(r'name="lan-gui" value="([^"]+)"', client.get(url).content.decode()).group(1)
    response = client.post(url, {"lan-gui": token, "field": "kinh_te", "year": "2025", "story": STORY})
    assert response.status_code == 302
    assert Exemplar.objects.get().source_review == review


def test_secretariat_approves_and_publishes(client, secretariat, nominated):
    login(client, secretariat)
    page = client.get(nominated.get_absolute_url()).content.decode()
    assert "Duyệt điển hình" in page and "Trả lại" in page
    client.post(reverse("exemplars:transition", args=[nominated.pk, "duyet"]))
    page = client.get(nominated.get_absolute_url()).content.decode()
    assert "Công bố công khai" in page
    client.post(reverse("exemplars:publish", args=[nominated.pk]))
    nominated.refresh_from_db()
    assert nominated.state == ExemplarState.APPROVED and nominated.published_at is not None
    assert 'data-testid="published"' in client.get(nominated.get_absolute_url()).content.decode()


def test_return_needs_a_reason(client, secretariat, nominated):
    login(client, secretariat)
    response = client.post(reverse("exemplars:transition", args=[nominated.pk, "tra-lai"]), {"reason": ""},
                           follow=True)
    assert "Cần ghi rõ lý do trả lại" in response.content.decode()
    nominated.refresh_from_db()
    assert nominated.state == ExemplarState.NOMINATED


def test_officer_cannot_approve_through_the_url(client, officer_a, nominated):
    login(client, officer_a)
    assert "Duyệt điển hình" not in client.get(nominated.get_absolute_url()).content.decode()
    assert client.post(reverse("exemplars:transition", args=[nominated.pk, "duyet"])).status_code == 403
    assert client.post(reverse("exemplars:publish", args=[nominated.pk])).status_code == 403


def test_photo_upload_and_image_bomb_through_the_page(client, officer_a, nominated, media):
    login(client, officer_a)
    url = reverse("exemplars:photo_add", args=[nominated.pk])
    client.post(url, {"image": upload(png(), "anh.png"), "caption": "Ảnh tập thể"})
    photo = ExemplarPhoto.objects.get()
    served = client.get(reverse("exemplars:photo", args=[photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    response = client.post(url, {"image": upload(bomb_png(), "bom.png")}, follow=True)
    assert "vượt giới hạn" in response.content.decode() and ExemplarPhoto.objects.count() == 1


def test_register_filters(client, secretariat, nominated, approved):
    login(client, secretariat)
    base = reverse("exemplars:register")
    assert "Nguyễn Văn Phóng" in client.get(base + "?nam=2025&linh-vuc=hanh_chinh").content.decode()
    assert "Nguyễn Văn Phóng" not in client.get(base + "?linh-vuc=y_te").content.decode()
    assert "Nguyễn Văn Phóng" not in client.get(base + "?trang-thai=published").content.decode()
    assert "Nguyễn Văn Phóng" in client.get(base + "?trang-thai=approved&q=phong").content.decode()


def test_congress_created_and_shown_on_the_exemplar(client, secretariat, tree, approved):
    login(client, secretariat)
    create = reverse("exemplars:congress_create")
    token = re.search(r'name="lan-gui" value="([^"]+)"', client.get(create).content.decode()).group(1)
    response = client.post(create, {"lan-gui": token, "kind": "dai_hoi", "unit": tree["root"].pk,
                                    "name": "Đại hội Thi đua yêu nước tỉnh lần thứ VI", "held_on": "20/10/2025"})
    congress = Congress.objects.get()
    assert response["Location"] == congress.get_absolute_url()
    page = client.get(congress.get_absolute_url()).content.decode()
    assert "Nguyễn Văn Phóng" in page  # a candidate
    client.post(congress.get_absolute_url(), {"exemplars": [approved.pk]})
    assert list(congress.honourees.all()) == [approved]
    assert "Đại hội Thi đua yêu nước tỉnh lần thứ VI" in client.get(approved.get_absolute_url()).content.decode()
    assert AuditEvent.objects.filter(action="congress.honour", target_id=congress.pk).exists()


def test_a_congress_out_of_sight_is_named_not_linked(client, officer_a, secretariat, tree, approved):
    congress = services.congress_create(actor=secretariat, kind="dai_hoi", unit=tree["root"],
                                        name="Đại hội Thi đua yêu nước tỉnh", held_on=approved.created_at.date())
    services.congress_honour(actor=secretariat, congress=congress, exemplars=[approved])
    login(client, officer_a)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "Đại hội Thi đua yêu nước tỉnh" in page
    assert reverse("exemplars:congress", args=[congress.pk]) not in page
    assert client.get(reverse("exemplars:congress", args=[congress.pk])).status_code == 404


def test_register_reads_a_fixed_number_of_queries(client, secretariat, officer_a, review, tree, nominated):
    login(client, secretariat)
    url = reverse("exemplars:register")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for subject in ({"person": review.exemplar_people.get()}, {"collective": tree["a1"]}):
        services.exemplar_nominate(actor=officer_a, review=review, field="kinh_te", year=2024, story=STORY, **subject)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert page.count('href="/dien-hinh/') >= 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]


def test_edit_keeps_its_version_and_refuses_a_stale_save(client, officer_a, secretariat, nominated):
    login(client, officer_a)
    url = reverse("exemplars:edit", args=[nominated.pk])
    form = client.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    services.exemplar_update(actor=secretariat, exemplar=nominated, field="y_te", year=2025, story=STORY,
                             version=int(version))
    page = client.post(url, {"field": "kinh_te", "year": "2025", "story": "<p>Bản của tôi</p>",
                             "version": version}).content.decode()
    assert "sau khi bạn mở trang này" in page and "Bản của tôi" in page
    nominated.refresh_from_db()
    assert nominated.field == "y_te"


def test_returned_then_nominated_again_through_the_pages(client, officer_a, secretariat, nominated):
    services.exemplar_return(actor=secretariat, exemplar=nominated, reason="Thiếu ảnh")
    login(client, officer_a)
    page = client.get(nominated.get_absolute_url()).content.decode()
    assert "Thiếu ảnh" in page and "Đề cử lại" in page
    client.post(reverse("exemplars:transition", args=[nominated.pk, "de-cu-lai"]))
    nominated.refresh_from_db()
    assert nominated.state == ExemplarState.NOMINATED
    assert AuditEvent.objects.filter(action="exemplar.resubmit", actor=officer_a).exists()


def test_detail_names_who_nominated_approved_and_published(client, secretariat, approved):
    services.exemplar_publish(actor=secretariat, exemplar=approved)
    login(client, secretariat)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "Lê Văn An" in page and page.count("Trần Thị Thu") >= 2


def test_the_story_form_works_without_javascript(client, officer_a, nominated):
    """The story editor only dresses the textarea: the page carries the textarea itself
    (shown, named story), the toolbar inert in a <template> and the editor's scripts; what a
    browser without JavaScript posts from the textarea is saved and shown as written."""
    from tests.exemplars.test_richtext import EDITOR_OUTPUT

    login(client, officer_a)
    url = reverse("exemplars:edit", args=[nominated.pk])
    form = client.get(url).content.decode()
    textarea = re.search(r"<textarea[^>]*>", form).group(0)
    assert 'name="story"' in textarea and "data-rich-text" in textarea and "hidden" not in textarea
    tools = re.search(r'<template id="story-editor-tools">(.*?)</template>', form, re.S).group(1)
    assert 'aria-label="Đậm"' in tools and 'aria-label="Danh sách gạch đầu dòng"' in tools
    assert "vendor/squire/squire.js" in form and "thidua/story-editor.js" in form
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    story = "".join(EDITOR_OUTPUT)
    response = client.post(url, {"field": "y_te", "year": "2025", "story": story, "version": version})
    assert response.status_code == 302
    nominated.refresh_from_db()
    assert nominated.story == story
    page = client.get(nominated.get_absolute_url()).content.decode()
    assert re.search(r'data-testid="story">(.*?)</article>', page, re.S).group(1) == story
    assert AuditEvent.objects.filter(action="exemplar.update", target_id=nominated.pk, actor=officer_a).exists()
