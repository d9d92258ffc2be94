"""A movement's launch tells the units taking part (docs/notices.md, row `movement.launch`)."""

import datetime as dt

from django.urls import reverse

from tests.conftest import make_user
from tests.notices.handoff_checks import assert_closed, assert_on_todo_page, assert_told, give_email
from thidua.core.roles import Role
from thidua.movements import services
from thidua.notices import services as notices_services


def test_launch_tells_the_officers_of_the_units_taking_part(tree, secretariat, officer_a, officer_b, head_a, client,
                                                            mailoutbox, django_capture_on_commit_callbacks):
    officer_root = make_user("canbo_tinh", Role.UNIT_OFFICER, tree["root"], "Ngô Văn Tỉnh")
    give_email(secretariat, officer_a, officer_b, head_a, officer_root)
    with django_capture_on_commit_callbacks(execute=True):
        movement = services.movement_create(
            actor=officer_a, organiser=tree["a"], name="Phong trào thi đua «Cải cách hành chính» năm 2026",
            year=2026, starts_on=dt.date(2026, 1, 2), ends_on=dt.date(2026, 12, 31),
            registration_deadline=dt.date(2026, 3, 31))
    words = ("Sở Nội vụ phát động «Phong trào thi đua «Cải cách hành chính» năm 2026»; đơn vị anh/chị tham gia, "
             "hạn đăng ký thi đua 31/03/2026")
    # Sở A's subtree takes part: its officer launched it (not told); Sở B, the province, heads are not told.
    assert_told([], [officer_a, officer_b, head_a, secretariat, officer_root], words, "", mailoutbox)
    officer_a1 = make_user("canbo_a1", Role.UNIT_OFFICER, tree["a1"], "Mai Thị Một")
    give_email(officer_a1)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.movement_create(
            actor=secretariat, organiser=tree["a"], name="Phong trào thi đua năm 2027", year=2027,
            starts_on=dt.date(2027, 1, 2), ends_on=dt.date(2027, 12, 31))
    words = "Sở Nội vụ phát động «Phong trào thi đua năm 2027»; đơn vị anh/chị tham gia"
    # The organiser does not take part in its own movement (`participation`): Phòng A1 does.
    assert_told([officer_a1], [officer_a, officer_b, head_a, secretariat, officer_root], words,
                reverse("movements:detail", args=[second.pk]), mailoutbox)
    assert_on_todo_page(client, officer_a1, words)
    # A notice that only informs closes once read.
    notices_services.notification_read(actor=officer_a1)
    assert_closed([officer_a1], words)
    assert movement.pk != second.pk
