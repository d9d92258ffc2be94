"""The unit picker in Chromium: the decision list's unit filter lists nothing until the user
types, then offers the matching units of their scope, and filters by the one chosen."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_unit_is_found_by_typing_and_filters_the_decision_list(page, tree, secretariat):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, "thuky", PASSWORD)
    page.goto("/quyet-dinh/")
    expect(page.locator("select#id_don_vi option")).to_have_count(1)  # only the empty choice is sent

    page.locator("#id_don_vi-ts-control").fill("y te")
    option = page.locator(".ts-dropdown .option", has_text="Sở Y tế")
    expect(option).to_be_visible()
    expect(page.locator(".ts-dropdown .option", has_text="Sở Nội vụ")).to_have_count(0)
    option.click()
    page.get_by_role("button", name="Lọc").click()

    expect(page).to_have_url(re.compile(rf"don_vi={tree['b'].pk}"))
    expect(page.locator(".ts-control")).to_contain_text("Sở Y tế")

    page.get_by_title("Bỏ chọn").click()  # the filter is cleared, every unit again
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"don_vi=&"))
    assert errors == []  # no script error


def test_an_officer_is_offered_only_the_units_of_their_scope(page, tree, officer_a):
    sign_in(page, "canbo_a", PASSWORD)
    page.goto("/quyet-dinh/")
    page.locator("#id_don_vi-ts-control").fill("so")
    expect(page.get_by_role("option", name="Sở Nội vụ", exact=True)).to_be_visible()
    expect(page.locator(".ts-dropdown .option", has_text="Sở Y tế")).to_have_count(0)
    page.locator("#id_don_vi-ts-control").fill("y te")
    expect(page.locator(".ts-dropdown .no-results")).to_contain_text("Không tìm thấy đơn vị")
