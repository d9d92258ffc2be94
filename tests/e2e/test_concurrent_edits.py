"""Two officers edit the same person in two browsers: the later save is refused with who
saved first, keeps what was typed, and a second press overwrites knowingly."""

import pytest
from playwright.sync_api import expect

from thidua.people.models import Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_later_of_two_edits_is_refused_naming_the_first(open_as, officer_a, secretariat, person_a):
    first, second = open_as("canbo_a"), open_as("thuky")
    for page in (first, second):
        page.goto(f"/ca-nhan/{person_a.pk}/sua/")

    first.get_by_label("Chức vụ", exact=True).fill("Trưởng phòng")
    first.get_by_role("button", name="Lưu").click()
    expect(first.get_by_text("Đã lưu thông tin cá nhân.")).to_be_visible()

    second.get_by_label("Họ và tên").fill("Nguyễn Văn Phóng Hai")
    second.get_by_role("button", name="Lưu").click()
    expect(second.get_by_role("alert")).to_contain_text("đã được Lê Văn An sửa lúc")
    expect(second.get_by_label("Họ và tên")).to_have_value("Nguyễn Văn Phóng Hai")
    expect(second.get_by_test_id("stale-values")).to_contain_text("Chức vụ: Trưởng phòng")
    person = Person.objects.get(pk=person_a.pk)
    assert (person.full_name, person.position) == ("Nguyễn Văn Phóng", "Trưởng phòng")

    # Having seen the saved values, the secretariat keeps its own name and takes the new post.
    second.get_by_label("Chức vụ", exact=True).fill("Trưởng phòng")
    second.get_by_role("button", name="Lưu").click()
    expect(second.get_by_role("heading", name="Nguyễn Văn Phóng Hai")).to_be_visible()
    person.refresh_from_db()
    assert (person.full_name, person.position) == ("Nguyễn Văn Phóng Hai", "Trưởng phòng")

