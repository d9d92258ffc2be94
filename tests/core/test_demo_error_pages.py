"""The pages `thidua demo` answers with DEBUG off (issue 13): our Vietnamese 404 and 403 in
the site's layout, never Django's English debug page, and the layout's CSS and JS still served."""

import pytest
from django.test import Client

DJANGO_DEBUG_WORDS = ("Page not found", "URLconf", "Using the URLconf", "403 Forbidden", "Traceback", "DEBUG = True")


def _layout(body: str) -> None:
    assert '<html lang="vi">' in body
    assert "/static/thidua/thidua.css" in body and "/static/vendor/bootstrap/bootstrap.min.css" in body
    assert 'id="main"' in body and "Về trang tổng quan" in body
    for word in DJANGO_DEBUG_WORDS:
        assert word not in body


@pytest.fixture
def no_debug(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_an_address_that_does_not_exist_shows_our_vietnamese_404(no_debug, officer_a):
    client = Client()
    client.force_login(officer_a)
    response = client.get("/khong-co-trang-nay/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang hoặc bản ghi" in body
    _layout(body)


@pytest.mark.django_db
def test_a_record_out_of_scope_shows_the_same_404(no_debug, officer_a, officer_b, tree):
    client = Client()
    client.force_login(officer_a)
    response = client.get(f"/don-vi/{tree['b'].pk}/sua/")  # Sở B, not Sở A's
    body = response.content.decode()
    assert response.status_code == 404  # the same answer as a missing record: ids cannot be probed
    assert "nằm ngoài phạm vi quản lý của tài khoản này" in body
    _layout(body)


@pytest.mark.django_db
def test_a_page_the_role_may_not_open_shows_our_vietnamese_403(no_debug, officer_a):
    client = Client()
    client.force_login(officer_a)
    response = client.get("/danh-muc-khen-thuong/")  # the catalog's administration: the administrator's only
    body = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền thực hiện thao tác này" in body and "đề nghị quản trị hệ thống phân quyền" in body
    _layout(body)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/static/thidua/thidua.css", "/static/vendor/bootstrap/bootstrap.min.css",
                                  "/static/vendor/htmx/htmx.min.js", "/static/thidua/thidua.js"])
def test_the_demo_serves_its_css_and_js_with_debug_off(no_debug, path):
    # runserver serves static files only with DEBUG on; WhiteNoise (from the app folders,
    # WHITENOISE_USE_FINDERS outside production) serves them to the demo without it.
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(("text/css", "text/javascript", "application/javascript"))
    assert b"".join(response.streaming_content)
