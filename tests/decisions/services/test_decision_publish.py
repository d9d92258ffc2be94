"""Publishing on the public portal: the secretariat's explicit, audited act, for issued
award decisions only; everyone else is refused and nothing changes."""

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import make_user
from tests.decisions.conftest import make_draft, revoking, sign
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import selectors, services
from thidua.decisions.models import Decision
from thidua.decisions.services import RecipientSpec


@pytest.fixture
def signed(chairman, draft):
    return sign(chairman, draft)


def test_the_secretariat_publishes_and_withdraws_with_an_audit_row_each(secretariat, signed):
    published = services.decision_publish(actor=secretariat, decision=signed)
    row = Decision.objects.get(pk=signed.pk)
    assert row.published_at is not None and row.published_by == secretariat
    assert list(selectors.published()) == [row]
    event = AuditEvent.objects.get(action="decision.publish", target_id=signed.pk)
    assert (event.actor, event.before["published_at"], event.after["published_by"]) == (
        secretariat, None, "Trần Thị Thu")
    assert published.published_at == row.published_at

    services.decision_unpublish(actor=secretariat, decision=row, reason="Công khai nhầm đợt")
    row.refresh_from_db()
    assert (row.published_at, row.published_by) == (None, None)
    assert not selectors.published().exists()
    event = AuditEvent.objects.get(action="decision.unpublish", target_id=signed.pk)
    assert (event.actor, event.reason, event.after["published_at"]) == (secretariat, "Công khai nhầm đợt", None)


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "head_a", "chairman", "desk_b"])
def test_others_are_refused_and_nothing_changes(request, tree, signed, who):
    if who == "desk_b":  # a secretariat, but of Sở Y tế: the province's decision is not its own
        actor = make_user("thuky_b", Role.SECRETARIAT, tree["b"], "Đỗ Văn Bàn")
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.decision_publish(actor=actor, decision=signed)
    assert Decision.objects.get(pk=signed.pk).published_at is None
    assert not AuditEvent.objects.filter(action="decision.publish").exists()


def test_unpublish_is_refused_to_others(secretariat, officer_a, chairman, signed):
    services.decision_publish(actor=secretariat, decision=signed)
    for actor in (officer_a, chairman):
        with pytest.raises(PermissionDenied):
            services.decision_unpublish(actor=actor, decision=signed)
    assert Decision.objects.get(pk=signed.pk).published_at is not None


def test_a_department_desk_publishes_its_own_decisions_not_the_provinces(secretariat, head_a, tree, person_a, signed):
    desk_a = make_user("thuky_a", Role.SECRETARIAT, tree["a"], "Lý Thị Sở")
    own = sign(head_a, make_draft(secretariat, tree["a"], RecipientSpec(kind="GK", year=2025, person=person_a),
                                  summary="Giấy khen"), title="GIÁM ĐỐC")
    services.decision_publish(actor=desk_a, decision=own)
    with pytest.raises(PermissionDenied):
        services.decision_publish(actor=desk_a, decision=signed)
    # The province's desk does not act for a Sở that has its own desk (docs/architecture.md,
    # Desks); read afresh, as a new request would, since desks are cached on the user.
    with pytest.raises(PermissionDenied):
        services.decision_unpublish(actor=get_user_model().objects.get(pk=secretariat.pk), decision=own)


def test_only_issued_award_decisions_are_published(secretariat, chairman, draft, signed, tree):
    other = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2024, person=draft.recipients
                                                                .get().person))
    with pytest.raises(ApplicationError) as refused:
        services.decision_publish(actor=secretariat, decision=other)
    assert refused.value.message == services.NOT_PUBLISHABLE
    services.decision_cancel(actor=secretariat, decision=other, reason="Trùng")
    with pytest.raises(ApplicationError):
        services.decision_publish(actor=secretariat, decision=other)
    revocation = services.decision_revoke(actor=chairman, awards=[Award.objects.get()], reason="Kê khai sai",
                                          issued_on=signed.issued_on, **revoking(tree["root"], signed.year))
    with pytest.raises(ApplicationError) as refused:
        services.decision_publish(actor=secretariat, decision=revocation)
    assert refused.value.message == services.NOT_PUBLISHABLE


def test_twice_is_refused(secretariat, signed):
    services.decision_publish(actor=secretariat, decision=signed)
    with pytest.raises(ApplicationError) as refused:
        services.decision_publish(actor=secretariat, decision=signed)
    assert refused.value.message == services.ALREADY_PUBLISHED
    services.decision_unpublish(actor=secretariat, decision=signed)
    with pytest.raises(ApplicationError) as refused:
        services.decision_unpublish(actor=secretariat, decision=signed)
    assert refused.value.message == services.NOT_PUBLISHED
    assert AuditEvent.objects.filter(action__startswith="decision.").filter(
        action__in=["decision.publish", "decision.unpublish"]).count() == 2


def test_public_lines_hold_name_unit_title_only(secretariat, signed, person_a):
    services.decision_publish(actor=secretariat, decision=signed)
    decision = selectors.published_get(signed.pk)
    [line] = selectors.published_lines(decision)
    assert (line.name, line.unit, line.years, line.revoked) == (
        person_a.full_name, "Phòng Công chức, viên chức, Sở Nội vụ", "2025", False)
    assert "Bằng khen" in line.title
    assert not hasattr(line, "person") and not hasattr(decision, "unit")


def test_a_collective_reads_with_the_unit_it_belongs_to_but_the_root(secretariat, chairman, tree):
    """As everywhere units are named (`org.labels`), the province's own root is left out."""
    decision = sign(chairman, make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025,
                                                                                 unit=tree["b"])))
    services.decision_publish(actor=secretariat, decision=decision)
    [line] = selectors.public_lines(selectors.published_awards("so y te"))
    assert (line.name, line.unit, line.household, line.decision_number) == (
        "Sở Y tế", "", False, decision.number_text)
    assert not selectors.published_awards("001085012345").exists()
    assert not selectors.published_awards("").exists()
