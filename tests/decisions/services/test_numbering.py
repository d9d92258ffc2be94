"""Numbers are allocated at signing, per (authority, symbol, year), and never given twice."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from tests.conftest import make_person, make_unit, make_user
from tests.decisions.conftest import TODAY, justify_all, make_draft, sign
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionCounter
from thidua.decisions.services import RecipientSpec


def _bk(person, year=2025):
    return RecipientSpec(kind="BK_TINH", year=year, person=person)


def test_numbers_follow_each_other_per_authority_symbol_and_year(secretariat, chairman, head_a, tree, person_a):
    first = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2023)))
    second = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2024)))
    assert (first.number_text, second.number_text) == ("01/QĐ-UBND", "02/QĐ-UBND")
    # Another authority has its own series and symbol.
    sở = sign(head_a, make_draft(secretariat, tree["a"], RecipientSpec(kind="GK", year=2025, person=person_a),
                                 summary="Về việc tặng Giấy khen"))
    assert sở.number_text == "01/QĐ-SNV"
    # A new year starts again at 1.
    older = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2022)), issued_on=dt.date(2025, 12, 30))
    assert (older.year, older.number) == (2025, 1)
    assert DecisionCounter.objects.get(authority=tree["root"], symbol="QĐ-UBND", year=2026).last_number == 2


def test_a_cancelled_draft_never_had_a_number_and_numbers_are_not_reused(secretariat, chairman, tree, person_a):
    first = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2023)))
    dropped = make_draft(secretariat, tree["root"], _bk(person_a, 2024))
    services.decision_cancel(actor=secretariat, decision=dropped, reason="Trùng với hồ sơ đã trình")
    third = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2025)))
    dropped.refresh_from_db()
    assert (first.number, dropped.number, dropped.state, third.number) == (1, None, "cancelled", 2)


def test_a_refused_signing_gives_no_number_away(secretariat, chairman, tree, person_a):
    draft = make_draft(secretariat, tree["root"], _bk(person_a))
    with pytest.raises(services.ApplicationError):
        sign(chairman, draft, issued_on=dt.date(2027, 1, 5))  # in the future
    assert sign(chairman, draft).number == 1


def test_the_database_refuses_a_second_decision_with_the_same_number(secretariat, chairman, tree, person_a):
    signed = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a)))
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(authority=tree["root"], authority_name="UBND tỉnh", unit=tree["root"],
                                symbol=signed.symbol, year=signed.year, number=signed.number, summary="Trùng số")


@pytest.mark.django_db(transaction=True)
def test_two_signings_at_once_never_get_the_same_number():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs two PostgreSQL connections")
    catalog_services.catalog_load()
    root = make_unit(None, "T", "UBND tỉnh Thử Nghiệm", kind="ubnd_tinh", level="tinh")
    secretariat = make_user("thuky", Role.SECRETARIAT, root, "Trần Thị Thu")
    chairman = make_user("chutich", Role.UNIT_HEAD, root, "Võ Văn Chủ")
    people = [make_person(root, f"Nguyễn Văn {name}") for name in ("An", "Bình", "Cường", "Dũng")]
    drafts = [make_draft(secretariat, root, _bk(p)) for p in people]
    for draft in drafts:
        justify_all(chairman, draft)
    barrier = threading.Barrier(len(drafts))
    numbers, errors = [], []

    def run(draft):
        try:
            barrier.wait()
            numbers.append(services.decision_sign(actor=chairman, decision=draft, issued_on=dt.date(2026, 7, 2),
                                                  signer_title="CHỦ TỊCH", today=TODAY).number)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [1, 2, 3, 4]
    assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
