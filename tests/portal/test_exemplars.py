"""The published exemplars on the portal, as an anonymous visitor meets them: the list with
its filters, an exemplar's page with its story and photos, the home section, the sitemap
and the photo view — and nothing of an exemplar the secretariat has not published (or has
withdrawn), nor anything of the person beyond name, unit and title."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from tests.portal.conftest import HIDDEN_EXEMPLARS, PRIVATE, add_photo, nominate_exemplar
from thidua.core.public import PUBLIC_MAX_AGE
from thidua.exemplars import services as exemplars


@pytest.fixture
def shown(exemplar_published, exemplars_hidden):
    return exemplar_published


def _text(response) -> str:
    return response.content.decode()


def _public(response) -> bool:
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"public", f"max-age={PUBLIC_MAX_AGE}"} <= cache


def _sitemap(client) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    # Our own answer, built from escaped values: no entity or DTD to fear.
    root = ET.fromstring(client.get(reverse("portal:sitemap")).content)  # noqa: S314
    return [e.text for e in root.findall("s:url/s:loc", ns)]


def test_the_list_home_and_page_show_the_published_exemplar(client, shown):
    listing = _text(client.get(reverse("portal:exemplars")))
    assert "Lê Thị Gương" in listing and "Tiên phong một cửa điện tử" in listing
    assert "Trưởng phòng" in listing and "Phòng Công chức, viên chức" in listing
    assert "Cải cách hành chính, công vụ" in listing and "năm 2025" in listing
    assert reverse("portal:exemplar", args=[shown.pk]) in listing
    assert "1 điển hình tiên tiến" in listing
    home = _text(client.get(reverse("portal:home")))
    assert "Gương điển hình tiên tiến" in home and "Lê Thị Gương" in home
    assert reverse("portal:exemplars") in home  # the menu
    page = _text(client.get(reverse("portal:exemplar", args=[shown.pk])))
    # The story is drawn as HTML (its emphasis kept), the photo by the portal's own view.
    assert "từ <strong>7 ngày</strong> xuống 3 ngày" in page
    photo = shown.photos.get()
    assert f'src="{reverse("portal:exemplar_photo", args=[photo.pk])}"' in page
    assert 'alt="Chị Gương tại bộ phận một cửa"' in page and 'width="40" height="30"' in page
    assert "Cá nhân" in page and "Trưởng phòng" in page
    for secret in [*PRIVATE, "Chuyên viên chính", "Nữ", "chan-dung"]:
        assert secret not in page, secret


def test_no_unpublished_exemplar_reaches_a_list_the_home_or_the_sitemap(client, shown, exemplars_hidden):
    for url in (reverse("portal:exemplars"), reverse("portal:exemplars") + "?nam=2024",
                reverse("portal:exemplars") + "?linh-vuc=giao_duc", reverse("portal:home"),
                reverse("portal:sitemap")):
        body = _text(client.get(url))
        for hidden in HIDDEN_EXEMPLARS:
            assert hidden not in body, (url, hidden)
        for row in exemplars_hidden.values():
            assert reverse("portal:exemplar", args=[row.pk]) not in body, (url, row.state)
    locs = _sitemap(client)
    assert f"http://testserver{reverse('portal:exemplars')}" in locs
    assert f"http://testserver{reverse('portal:exemplar', args=[shown.pk])}" in locs
    assert sum("/dien-hinh/" in loc for loc in locs) == 2  # the list and the one published
    assert not any("/anh/" in loc for loc in locs)


def test_an_unpublished_exemplar_and_its_photos_answer_404_not_cached(client, shown, exemplars_hidden):
    for state, row in exemplars_hidden.items():
        response = client.get(reverse("portal:exemplar", args=[row.pk]))
        assert response.status_code == 404, state
        assert not _public(response) and "no-cache" in response["Cache-Control"], state
        photo = row.photos.get()
        response = client.get(reverse("portal:exemplar_photo", args=[photo.pk]))
        assert response.status_code == 404, state
        assert not _public(response), state
    assert client.get("/cong-khai/dien-hinh/999999/").status_code == 404
    assert client.get("/cong-khai/dien-hinh/anh/999999/").status_code == 404


def test_the_photo_of_a_published_exemplar_is_served_cacheable_without_a_cookie(client, shown):
    photo = shown.photos.get()
    response = client.get(reverse("portal:exemplar_photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG\r\n\x1a\n")
    # Named by its number, not by the name the uploader gave the file.
    assert "chan-dung" not in response["Content-Disposition"] and "inline" in response["Content-Disposition"]
    assert _public(response) and "Accept-Language" in response["Vary"]
    assert not response.cookies
    assert client.head(reverse("portal:exemplar_photo", args=[photo.pk])).status_code == 200
    assert client.post(reverse("portal:exemplar_photo", args=[photo.pk])).status_code == 405


def test_new_pages_are_cacheable_and_set_no_cookie_even_for_a_signed_in_visitor(client, shown, secretariat):
    urls = [reverse("portal:exemplars"), reverse("portal:exemplars") + "?nam=2025",
            reverse("portal:exemplar", args=[shown.pk])]
    anonymous = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and _public(response), url
        assert not response.cookies and response.has_header("Content-Security-Policy"), url
        anonymous[url] = response.content
    login(client, secretariat)
    for url in urls:
        response = client.get(url)
        assert response.content == anonymous[url], url  # nothing of the account
        assert not response.cookies, url


def test_withdrawing_takes_the_exemplar_and_its_photo_off_every_page(client, shown, secretariat):
    photo = shown.photos.get()
    assert client.get(reverse("portal:exemplar_photo", args=[photo.pk])).status_code == 200
    exemplars.exemplar_unpublish(actor=secretariat, exemplar=shown, reason="Cần xác minh lại")
    assert client.get(reverse("portal:exemplar", args=[shown.pk])).status_code == 404
    assert client.get(reverse("portal:exemplar_photo", args=[photo.pk])).status_code == 404
    for url in (reverse("portal:exemplars"), reverse("portal:home"), reverse("portal:sitemap")):
        body = _text(client.get(url))
        assert "Lê Thị Gương" not in body and reverse("portal:exemplar", args=[shown.pk]) not in body, url
    assert "Chưa có điển hình tiên tiến nào được công bố." in _text(client.get(reverse("portal:exemplars")))


def test_the_list_filters_by_year_and_field_and_ignores_what_is_not_one(client, shown, exemplars_hidden,
                                                                         secretariat):
    other = exemplars_hidden["nominated"]  # Phạm Thị Đề Cử, giáo dục, 2025: now approved and published
    exemplars.exemplar_approve(actor=secretariat, exemplar=other)
    exemplars.exemplar_publish(actor=secretariat, exemplar=other)
    url = reverse("portal:exemplars")

    def names(query):
        body = _text(client.get(url, query))
        return {n for n in ("Lê Thị Gương", "Phạm Thị Đề Cử") if n in body}

    assert names({}) == {"Lê Thị Gương", "Phạm Thị Đề Cử"}
    assert names({"linh-vuc": "giao_duc"}) == {"Phạm Thị Đề Cử"}
    assert names({"linh-vuc": "hanh_chinh", "nam": "2025"}) == {"Lê Thị Gương"}
    assert names({"nam": "2024"}) == set()
    # Not a year or not a field: the filter is left off, the page still answers.
    for query in ({"nam": "abc"}, {"nam": "99999"}, {"linh-vuc": "<script>"}, {"trang": "x"}):
        response = client.get(url, query)
        assert response.status_code == 200 and "<script>" not in _text(response).replace(
            '<script src="/static/', ""), query
        assert names(query) == {"Lê Thị Gương", "Phạm Thị Đề Cử"}, query
    body = _text(client.get(url, {"nam": "2025", "linh-vuc": "giao_duc"}))
    assert '<option value="2025" selected>' in body and '<option value="giao_duc" selected>' in body
    assert '<option value="2024"' not in body  # only the years of what was published


def test_the_list_is_paginated_keeping_its_filters(client, shown, exemplars_hidden, secretariat, monkeypatch):
    from thidua.portal import views

    monkeypatch.setattr(views, "PER_PAGE", 1)
    other = exemplars_hidden["approved"]
    exemplars.exemplar_publish(actor=secretariat, exemplar=other)
    first = _text(client.get(reverse("portal:exemplars"), {"nam": "2025", "linh-vuc": "hanh_chinh"}))
    assert "Trang 1/2" in first and "?nam=2025&amp;linh-vuc=hanh_chinh&amp;trang=2" in first
    assert "Trần Văn Duyệt" in first  # newest published first
    second = _text(client.get(reverse("portal:exemplars"), {"nam": "2025", "linh-vuc": "hanh_chinh", "trang": 2}))
    assert "Trang 2/2" in second and "Lê Thị Gương" in second and "Trần Văn Duyệt" not in second


def test_a_script_in_the_story_never_reaches_the_public_page(client, secretariat, tree):
    exemplar = nominate_exemplar(secretariat, tree["a1"], "Vũ Văn Kịch Bản")
    exemplar = exemplars.exemplar_update(
        actor=secretariat, exemplar=exemplar, version=exemplar.version, field=exemplar.field, year=exemplar.year,
        position="Chuyên viên", headline="<script>alert('tieu-de')</script>",
        story='<p>Thành tích thật.</p><script>alert("xss")</script><img src=x onerror="alert(2)">'
              '<a href="javascript:alert(3)" onclick="alert(4)">liên kết</a><style>body{}</style>')
    exemplars.exemplar_approve(actor=secretariat, exemplar=exemplar)
    exemplars.exemplar_publish(actor=secretariat, exemplar=exemplar)
    for url in (reverse("portal:exemplar", args=[exemplar.pk]), reverse("portal:exemplars"),
                reverse("portal:home")):
        body = _text(client.get(url))
        assert "Vũ Văn Kịch Bản" in body, url
        for bad in ('alert("xss")', "alert(2)", "alert(3)", "alert(4)", "onerror", "onclick", "javascript:",
                    "<img", "<style", "<script>"):
            assert bad not in body, (url, bad)
        # The only script is the page's own bundle, from our static files.
        assert body.count("<script") == 1 and '<script src="/static/' in body, url
    page = _text(client.get(reverse("portal:exemplar", args=[exemplar.pk])))
    assert "<p>Thành tích thật.</p>" in page and "liên kết" in page
    assert "&lt;script&gt;alert(&#x27;tieu-de&#x27;)&lt;/script&gt;" in page  # a headline is text, escaped


def test_the_list_and_home_read_a_fixed_number_of_queries(client, shown, secretariat, tree):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = (reverse("portal:exemplars"), reverse("portal:home"), reverse("portal:sitemap"))
    before = {url: count(url) for url in urls}
    for i in range(4):
        row = nominate_exemplar(secretariat, tree["a1"], f"Ngô Văn Số {i}")
        add_photo(secretariat, row)
        exemplars.exemplar_approve(actor=secretariat, exemplar=row)
        exemplars.exemplar_publish(actor=secretariat, exemplar=row)
    assert {url: count(url) for url in urls} == before


def test_the_portal_shows_the_story_as_the_editor_wrote_it(client, secretariat, shown):
    """Headings, emphasis, underline, lists, a quotation and a link written with the story
    editor reach the public page as they are (the story was sanitised when saved)."""
    from tests.exemplars.test_richtext import EDITOR_OUTPUT

    story = "".join(EDITOR_OUTPUT)
    exemplars.exemplar_update(actor=secretariat, exemplar=shown, field=shown.field, year=shown.year, story=story,
                              position=shown.position, headline=shown.headline, awards=list(shown.awards.all()),
                              version=shown.version)
    page = _text(client.get(reverse("portal:exemplar", args=[shown.pk])))
    assert f'data-testid="story">{story}</article>' in page
