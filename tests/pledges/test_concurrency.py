"""Two users saving the same score at the same moment, on a real PostgreSQL connection each.

The service locks the round, the sheet and its scores (SELECT … FOR UPDATE), so the second
transaction waits for the first, then sees the version it loaded is gone and is refused.
(On SQLite the same guarantee comes from IMMEDIATE transactions; the sequential test in
test_scores.py covers the refusal there.)
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from tests.conftest import make_user
from tests.pledges.conftest import entries, sheet_of
from thidua.core.errors import ApplicationError
from thidua.core.roles import Role
from thidua.pledges import services
from thidua.pledges.models import Score

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_saves_one_wins_one_is_refused(rnd, units, officer_b):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections need PostgreSQL")
    head_b = make_user("thutruong_b", Role.UNIT_HEAD, units["b"], "Ngô Thị Hạnh")
    sheet = sheet_of(rnd, units["b"])
    loaded = {"officer": entries(sheet, {"1.2": 27}), "head": entries(sheet, {"1.2": 29})}
    start = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(name, user):
        try:
            start.wait()
            services.score_self_set(actor=user, sheet=sheet, entries=loaded[name])
            outcome[name] = "saved"
        except ApplicationError as exc:
            outcome[name] = exc.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=("officer", officer_b)),
               threading.Thread(target=save, args=("head", head_b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(v == "saved" for v in outcome.values()) == [False, True], outcome
    winner = next(name for name, v in outcome.items() if v == "saved")
    loser_message = next(v for v in outcome.values() if v != "saved")
    assert loser_message.startswith("Điểm tiêu chí 1.2 vừa được ")
    stored = Score.objects.get(sheet=sheet, criterion__code="1.2")
    assert stored.self_points == Decimal(27 if winner == "officer" else 29) and stored.version == 1
