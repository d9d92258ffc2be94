"""Every public URL, as an anonymous visitor sees it: only what was published, nothing
personal beyond name, unit and title, cache headers on every page, the sitemap."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.portal.conftest import HIDDEN_EXEMPLARS, PRIVATE
from thidua.core.public import PUBLIC_MAX_AGE
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision
from thidua.decisions.services import RecipientSpec
from thidua.movements import services as movements


@pytest.fixture
def world(published, unpublished, draft_b, running, not_launched, ended, exemplar_published, exemplars_hidden):
    return {"published": published, "unpublished": unpublished, "draft": draft_b, "running": running,
            "exemplar": exemplar_published, "hidden_exemplars": exemplars_hidden}


def public_urls(world) -> list[str]:
    return [
        reverse("portal:home"), reverse("portal:movements"), reverse("portal:movement", args=[world["running"].pk]),
        reverse("portal:decisions"), reverse("portal:decision", args=[world["published"].pk]),
        reverse("portal:lookup"), reverse("portal:lookup") + "?q=phong", reverse("portal:lookup") + "?q=15",
        reverse("portal:verify"), reverse("portal:sitemap"),
        reverse("portal:exemplars"), reverse("portal:exemplars") + "?nam=2025&linh-vuc=hanh_chinh",
        reverse("portal:exemplar", args=[world["exemplar"].pk]),
        reverse("portal:exemplar_photo", args=[world["exemplar"].photos.get().pk]),
    ]


def text(response) -> str:
    """RESPONSE's body as text (a photo's bytes too: nothing private may hide in them)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


def test_every_public_page_answers_anonymous_with_public_fields_only(client, world, person_b):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = text(response)
        for secret in PRIVATE:
            assert secret not in body, (url, secret)
        # Nothing of the unpublished decision or the draft: not its person, number or summary.
        for hidden in (person_b.full_name, "27/QĐ-UBND", "đợt chưa công khai", "Dự thảo chưa ký",
                       "Thành tích chưa công khai", "Hoàn thành xuất sắc nhiệm vụ"):
            assert hidden not in body, (url, hidden)
        assert "Mục đích nội bộ" not in body and "Chỉ tiêu nội bộ" not in body, url
        for hidden in HIDDEN_EXEMPLARS:
            assert hidden not in body, (url, hidden)


def test_every_public_page_is_cacheable_and_sets_no_cookie(client, world):
    for url in public_urls(world):
        response = client.get(url)
        cache = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", f"max-age={PUBLIC_MAX_AGE}"} <= cache, url
        assert "Accept-Language" in response["Vary"], url
        assert "Cookie" not in response.get("Vary", ""), url
        assert not response.cookies, (url, response.cookies)
        if response["Content-Type"].startswith("text/html"):
            assert response.has_header("Content-Security-Policy"), url


def test_signed_in_visitors_read_the_same_page(client, world, secretariat):
    anonymous = client.get(reverse("portal:decision", args=[world["published"].pk])).content
    login(client, secretariat)
    response = client.get(reverse("portal:decision", args=[world["published"].pk]))
    assert response.content == anonymous
    assert "Trần Thị Thu" not in response.content.decode()  # nothing of the account
    assert not response.cookies


def test_unpublished_draft_and_missing_decisions_answer_404_not_cached(client, world):
    for pk in (world["unpublished"].pk, world["draft"].pk, 999_999, "abc"):
        response = client.get(f"/cong-khai/quyet-dinh/{pk}/")
        assert response.status_code == 404, pk
        # A visitor's "not found" hands out no session or CSRF cookie either.
        assert not response.cookies, (pk, response.cookies)
    response = client.get(reverse("portal:decision", args=[world["unpublished"].pk]))
    assert "public" not in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_withdrawn_decision_leaves_every_page(client, world, secretariat, person_a):
    decision = world["published"]
    decisions.decision_unpublish(actor=secretariat, decision=decision)
    assert client.get(reverse("portal:decision", args=[decision.pk])).status_code == 404
    for url in public_urls(world):
        if "/quyet-dinh/" in url and url != reverse("portal:decisions"):
            continue
        assert person_a.full_name not in text(client.get(url)), url
        assert "15/QĐ-UBND" not in text(client.get(url)), url


def test_decision_page_shows_the_list_name_unit_title(client, world, person_a):
    body = client.get(reverse("portal:decision", args=[world["published"].pk])).content.decode()
    assert "Quyết định số 15/QĐ-UBND" in body and "02/07/2026" in body
    assert person_a.full_name in body
    assert "Phòng Công chức, viên chức, Sở Nội vụ" in body  # the unit they were awarded in
    assert "Bằng khen của Chủ tịch" in body


def test_decision_list_shows_published_only(client, world):
    body = client.get(reverse("portal:decisions")).content.decode()
    assert reverse("portal:decision", args=[world["published"].pk]) in body
    assert reverse("portal:decision", args=[world["unpublished"].pk]) not in body
    assert "1 tập thể, cá nhân được khen thưởng" in body


@pytest.mark.parametrize("query", ["nguyen van phong", "Nguyễn Văn Phóng", "PHONG", "15", "15/QĐ-UBND",
                                   "15/QD-UBND", "số 15"])
def test_lookup_finds_published_awards_by_folded_name_or_number(client, world, person_a, person_b, query):
    body = client.get(reverse("portal:lookup"), {"q": query}).content.decode()
    assert person_a.full_name in body, query
    assert person_b.full_name not in body, query
    assert "1 kết quả" in body


@pytest.mark.parametrize("query", ["nguyen thi phong", "27", "27/QĐ-UBND", "001085012345", "1985"])
def test_lookup_never_finds_unpublished_or_private_data(client, world, query):
    body = client.get(reverse("portal:lookup"), {"q": query}).content.decode()
    assert "0 kết quả" in body, query


def test_lookup_is_paginated(client, world, settings, monkeypatch):
    from thidua.portal import views

    monkeypatch.setattr(views, "PER_PAGE", 1)
    decision = Decision.objects.get(pk=world["unpublished"].pk)
    decisions.decision_publish(actor=decision.created_by, decision=decision)
    first = client.get(reverse("portal:lookup"), {"q": "phong"}).content.decode()
    assert "2 kết quả" in first and "Trang 1/2" in first and "trang=2" in first
    second = client.get(reverse("portal:lookup"), {"q": "phong", "trang": 2}).content.decode()
    assert "Trang 2/2" in second


def test_movements_show_what_their_launching_document_makes_public(client, world, not_launched, ended):
    body = client.get(reverse("portal:movements")).content.decode()
    assert "Phong trào thi đua Chuyển đổi số" in body
    assert "Đoàn kết, sáng tạo, chuyển đổi số toàn diện" in body
    assert "Chỉ thị số 01/CT-UBND" in body
    assert not_launched.name not in body and ended.name not in body
    detail = client.get(reverse("portal:movement", args=[world["running"].pk])).content.decode()
    assert "Sơ kết 6 tháng" in detail and "Tổng kết năm" in detail
    for movement in (not_launched, ended):
        assert client.get(reverse("portal:movement", args=[movement.pk])).status_code == 404


def test_portal_names_the_province(client, world, settings):
    body = client.get(reverse("portal:home")).content.decode()
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in body
    assert reverse("accounts:login") in body
    settings.THIDUA_PROVINCE_NAME = "Tỉnh Hà Sơn"
    assert "Tỉnh Hà Sơn" in client.get(reverse("portal:home")).content.decode()


def test_home_lists_sections(client, world, person_a):
    body = client.get(reverse("portal:home")).content.decode()
    assert "Phong trào thi đua Chuyển đổi số" in body
    assert "Quyết định số 15/QĐ-UBND" in body
    for url in (reverse("dossiers:public_list"), reverse("portal:lookup"), reverse("portal:verify")):
        assert url in body


def test_sitemap_lists_public_pages_only(client, world):
    response = client.get(reverse("portal:sitemap"))
    assert response["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    # Our own answer, built from escaped values: no entity or DTD to fear.
    locs = [e.text for e in ET.fromstring(response.content).findall("s:url/s:loc", ns)]  # noqa: S314
    assert "http://testserver/cong-khai/" in locs
    assert f"http://testserver/cong-khai/quyet-dinh/{world['published'].pk}/" in locs
    assert f"http://testserver/cong-khai/phong-trao/{world['running'].pk}/" in locs
    assert "http://testserver/ho-so/lay-y-kien/" in locs
    assert not any(f"/quyet-dinh/{world['unpublished'].pk}/" in loc for loc in locs)
    assert not any(f"/quyet-dinh/{world['draft'].pk}/" in loc for loc in locs)
    assert not any("/xac-minh/" in loc for loc in locs)


def test_verify_sends_a_code_to_its_page(client, world):
    response = client.get(reverse("portal:verify"), {"ma": "Ab_c-123456789"})
    assert response.status_code == 302 and response["Location"] == reverse("verify:detail", args=["Ab_c-123456789"])
    body = client.get(reverse("portal:verify"), {"ma": "<script>"}).content.decode()
    assert "Mã xác minh không đúng dạng" in body and "<script>" not in body


def test_public_pages_refuse_writes(client, world):
    for url in public_urls(world):
        assert client.post(url).status_code == 405, url


def test_robots_points_to_the_sitemap_on_the_public_address(client, world, settings):
    settings.THIDUA_PUBLIC_URL = "https://thiduakhenthuong.example.gov.vn"
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: https://thiduakhenthuong.example.gov.vn/cong-khai/sitemap.xml" in body
    assert "Allow: /cong-khai/" in body and "Disallow: /xac-minh/" in body
    assert "public" in response["Cache-Control"] and not response.cookies
    sitemap = client.get(reverse("portal:sitemap")).content.decode()
    assert "<loc>https://thiduakhenthuong.example.gov.vn/cong-khai/</loc>" in sitemap


def test_busy_public_pages_read_a_fixed_number_of_queries(client, world, secretariat, chairman, tree,
                                                          django_assert_num_queries):
    from tests.conftest import make_person
    from tests.decisions.conftest import make_draft, sign

    # Twenty more people on one more published decision: the pages must not read per line.
    people = [make_person(tree["a1"], f"Nguyễn Văn Phong {i}") for i in range(20)]
    draft = make_draft(secretariat, tree["root"], *[RecipientSpec(kind="BK_TINH", year=2025, person=p)
                                                     for p in people], summary="Đợt hai")
    signed = decisions.decision_publish(actor=secretariat, decision=sign(chairman, draft, number="16/QĐ-UBND"))
    # Each page also reads the province's name for its header; the list pages count their rows.
    for url, queries in ((reverse("portal:decision", args=[signed.pk]), 6),  # + lines, their units, kind names
                         (reverse("portal:lookup") + "?q=phong", 5),
                         (reverse("portal:decisions"), 4), (reverse("portal:home"), 10),
                         (reverse("portal:sitemap"), 4)):
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


def test_the_linked_public_pages_of_other_apps_hold_nothing_private(client, world, person_a):
    from thidua.awards.models import Award
    from thidua.printing.certificates import ensure_tokens

    award = Award.objects.get(person=person_a)
    check = reverse("verify:detail", args=[ensure_tokens([award])[award.pk]])
    for url in (check, reverse("dossiers:public_list")):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200 and reverse("portal:home") in body, url  # on the portal's layout
        for secret in PRIVATE:
            assert secret not in body, (url, secret)
        assert response.has_header("Cache-Control"), url
    assert person_a.full_name in client.get(check).content.decode()


def test_movements_are_paginated(client, world, monkeypatch, secretariat, tree):
    from thidua.portal import views

    monkeypatch.setattr(views, "PER_PAGE", 1)
    today = timezone.localdate()
    movements.movement_create(actor=secretariat, organiser=tree["a"], name="Phong trào của Sở Nội vụ",
                              year=today.year, document=world["running"].document)
    first = client.get(reverse("portal:movements")).content.decode()
    assert "Trang 1/2" in first and "Phong trào thi đua Chuyển đổi số" in first
    second = client.get(reverse("portal:movements"), {"trang": 2}).content.decode()
    assert "Phong trào của Sở Nội vụ" in second and "Phong trào thi đua Chuyển đổi số" not in second
