"""The menu bar fits a 1280-pixel office screen for the user with the most entries."""

import pytest

from tests.conftest import make_user
from thidua.core.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_administrators_menu_fits_without_scrolling_sideways(open_as, tree):
    make_user("quantri", Role.ADMIN, tree["root"], full_name="Nguyễn Thị Phương Quản Trị")
    page = open_as("quantri")
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    account = page.get_by_role("button", name="Nguyễn Thị Phương Quản Trị")
    box = account.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280
    page.get_by_role("button", name="Dữ liệu").click()
    page.get_by_role("link", name="Danh mục khen thưởng").click()
    page.wait_for_url("**/danh-muc-khen-thuong/")
