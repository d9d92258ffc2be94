"""Numbers are typed at issue as the văn thư registered them, unique per (authority, symbol,
year) — Nghị định 30/2020/NĐ-CP, Art. 15; the last known number is only a hint."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from tests.conftest import make_person, make_unit, make_user
from tests.decisions.conftest import TODAY, issuer, justify_all, leader, make_draft, revoking, sign
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.decisions import services
from thidua.decisions.models import Capacity, Decision
from thidua.decisions.services import RecipientSpec


def _bk(person, year=2025):
    return RecipientSpec(kind="BK_TINH", year=year, person=person)


def test_the_number_is_the_one_typed_and_the_last_known_one_is_a_hint(secretariat, chairman, head_a, tree,
                                                                      person_a):
    assert services.last_number(authority=tree["root"], symbol="QĐ-UBND", year=2026) is None
    first = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2023)), number="1234/QĐ-UBND")
    assert first.number_text == "1234/QĐ-UBND" and first.document.number == "1234/QĐ-UBND"
    # The văn thư's register numbers every outgoing document: the next award decision may be far on.
    second = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2024)), number=" 1301 / QĐ-UBND ")
    assert second.number_text == "1301/QĐ-UBND"
    assert services.last_number(authority=tree["root"], symbol="QĐ-UBND", year=2026) == 1301
    # The symbol is the one typed: a decision registered under another symbol keeps it.
    other = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2022)), number="7/QĐ-CT")
    assert (other.symbol, other.number_text) == ("QĐ-CT", "07/QĐ-CT")


def test_the_same_number_is_refused_in_the_same_year_only(secretariat, chairman, head_a, tree, person_a, person_b):
    sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a, 2023)), number="1234/QĐ-UBND")
    again = make_draft(secretariat, tree["root"], _bk(person_b, 2023))
    with pytest.raises(services.ApplicationError) as exc:
        sign(chairman, again, number="1234/QĐ-UBND")
    assert exc.value.extra == {"field": "number"} and "«Số, ký hiệu»: số 1234/QĐ-UBND" in exc.value.message
    assert "năm 2026 đã được ghi cho một quyết định khác" in exc.value.message
    # Typed in small letters it is the same number and symbol.
    with pytest.raises(services.ApplicationError):
        sign(chairman, again, number="1234/qđ-ubnd")
    again.refresh_from_db()
    assert (again.state, again.number) == ("draft", None)
    # Another year, another symbol, another authority: all free.
    assert sign(chairman, again, number="1234/QĐ-UBND", issued_on=dt.date(2025, 12, 30)).year == 2025
    assert sign(chairman, make_draft(secretariat, tree["root"], _bk(person_b, 2024)), number="1234/QĐ-CT").pk
    sở = make_draft(secretariat, tree["a"], RecipientSpec(kind="GK", year=2025, person=person_a),
                    summary="Về việc tặng Giấy khen")
    assert sign(head_a, sở, number="1234/QĐ-SNV", title="GIÁM ĐỐC").number == 1234


@pytest.mark.parametrize("typed", ["", "1234", "QĐ-UBND", "0/QĐ-UBND", "12a/QĐ-UBND", "12/QĐ UBND", "1234567/QĐ-UBND"])
def test_a_malformed_number_is_refused_naming_the_field(chairman, draft, typed):
    with pytest.raises(services.ApplicationError) as exc:
        sign(chairman, draft, number=typed or " ")
    assert exc.value.extra == {"field": "number"} and exc.value.message.startswith("«Số, ký hiệu»")


def test_a_revocation_is_numbered_as_the_van_thu_registered_it(secretariat, chairman, tree, person_a):
    """A revocation decision is issued as every decision is: its number typed, unique in the
    authority's series of the year, the last one known shown only as a hint."""
    signed = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a)), number="1234/QĐ-UBND")
    award = signed.recipients.get().award
    with pytest.raises(services.ApplicationError) as exc:
        services.decision_revoke(actor=chairman, awards=[award], reason="Sai hồ sơ", issued_on=dt.date(2026, 8, 1),
                                 today=TODAY, **revoking(tree["root"], 2026, number="1234/QĐ-UBND"))
    assert exc.value.extra == {"field": "number"} and "1234/QĐ-UBND" in exc.value.message
    assert not award.__class__.objects.get(pk=award.pk).revoked  # nothing half-done
    revocation = services.decision_revoke(actor=chairman, awards=[award], reason="Sai hồ sơ",
                                          issued_on=dt.date(2026, 8, 1), today=TODAY,
                                          **revoking(tree["root"], 2026, number="1301/QĐ-UBND"))
    assert revocation.number_text == "1301/QĐ-UBND" and revocation.capacity == "head"
    assert services.last_number(authority=tree["root"], symbol="QĐ-UBND", year=2026) == 1301


def test_the_database_refuses_a_second_decision_with_the_same_number(secretariat, chairman, tree, person_a):
    signed = sign(chairman, make_draft(secretariat, tree["root"], _bk(person_a)))
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(authority=tree["root"], authority_name="UBND tỉnh", unit=tree["root"],
                                symbol=signed.symbol, year=signed.year, number=signed.number, summary="Trùng số")


@pytest.mark.django_db(transaction=True)
def test_two_issues_of_the_same_number_at_once_give_it_to_one_decision():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs two PostgreSQL connections")
    catalog_services.catalog_load()
    root = make_unit(None, "T", "UBND tỉnh Thử Nghiệm", kind="ubnd_tinh", level="tinh")
    secretariat = make_user("thuky", Role.SECRETARIAT, root, "Trần Thị Thu")
    chairman = make_user("chutich", Role.UNIT_HEAD, root, "Võ Văn Chủ")
    people = [make_person(root, f"Nguyễn Văn {name}") for name in ("An", "Bình", "Cường")]
    drafts = [make_draft(secretariat, root, _bk(p)) for p in people]
    for draft in drafts:
        justify_all(chairman, draft)
    signer, recorder = leader(root), issuer(root)
    barrier = threading.Barrier(len(drafts))
    done, errors = [], []

    def run(draft):
        try:
            barrier.wait()
            done.append(services.decision_issue(actor=recorder, decision=draft, number="88/QĐ-UBND",
                                                issued_on=dt.date(2026, 7, 2), signatory=signer,
                                                capacity=Capacity.HEAD, today=TODAY).pk)
        except (IntegrityError, services.ApplicationError) as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(done) == 1 and len(errors) == 2
    assert list(Decision.objects.filter(number=88).values_list("pk", flat=True)) == done
