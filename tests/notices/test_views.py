"""The "Việc cần làm" page reads the store: a fixed number of queries, however much is due."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.notices.conftest import DEADLINE, at
from thidua.movements import services as movement_services

# Session, user, the store's state, newer audit events, the due list, the history's count and
# page, the role grants and the bell.
TODO_QUERIES = 9


def launch(secretariat, tree, n: int) -> None:
    for i in range(n):
        movement_services.movement_create(
            actor=secretariat, organiser=tree["root"], name=f"Đợt thi đua chuyên đề số {i + 1}", year=2026,
            kind="chuyen_de", starts_on=dt.date(2026, 1, 2), ends_on=dt.date(2026, 12, 31),
            registration_deadline=DEADLINE - dt.timedelta(days=i % 3))


@pytest.mark.parametrize("who", ["secretariat", "officer_a"])
def test_the_page_reads_the_store_in_a_fixed_number_of_queries(request, client, movement, tree, secretariat,
                                                              time_machine, django_assert_num_queries, who):
    time_machine.move_to(at(DEADLINE - dt.timedelta(days=3)), tick=False)
    user = request.getfixturevalue(who)
    login(client, user)
    shown = []
    for more in (0, 6):
        launch(secretariat, tree, more)
        client.get(reverse("notices:todo"))  # the first view after the launches brings the store up to date
        with django_assert_num_queries(TODO_QUERIES):
            body = client.get(reverse("notices:todo")).content.decode()
        shown.append(body.count("đơn vị chưa gửi đăng ký thi đua"))
    assert shown[1] > shown[0] >= 1
