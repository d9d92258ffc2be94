"""A bloc spans branches of the tree: what a bloc leader does to another branch's sheet leaves
the list of everyone else who had the same reminder (`notices.due.ACROSS_BRANCHES`)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from tests.pledges.conftest import (  # noqa: F401 — the bloc fixtures
    NOW,
    YEAR,
    bloc,
    draft,
    pledge,
    review,
    rnd,
    self_score,
    units,
)
from thidua.accounts.models import RoleGrant
from thidua.core.roles import Role


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


TO_REVIEW = "1 bảng điểm chờ thẩm định, chấm chéo «Chấm điểm, xếp hạng năm 2025» – Khối các cơ quan tổng hợp"


def test_a_sheet_reviewed_by_the_bloc_leader_leaves_the_leading_units_officer(client, rnd, units, officer_a,  # noqa: F811
                                                                              officer_b, time_machine):
    leader = make_user("khoitruong", Role.BLOC_LEADER, units["a"], "Bùi Thị Khánh Linh")
    RoleGrant.objects.filter(user=leader).update(bloc=rnd.pledge.bloc, year=YEAR)
    self_score(officer_b, rnd, units["b"])
    time_machine.move_to(NOW + dt.timedelta(days=14), tick=False)  # a week before the review deadline
    login(client, officer_a)
    assert TO_REVIEW in client.get(reverse("notices:todo")).content.decode()
    # The leader's review is recorded on Sở B's sheet, in another branch than Sở A.
    review(leader, rnd, units["b"])
    assert TO_REVIEW not in client.get(reverse("home:dashboard")).content.decode()
    assert "chờ thẩm định" not in client.get(reverse("notices:todo")).content.decode().split("Thông báo đã nhận")[0]
