"""A decision drafted from a voted dossier moves the dossier along: drafted, then decided."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.decisions.conftest import TODAY, sign
from thidua.awards.models import Award
from thidua.decisions import services
from thidua.dossiers import services as dossier_services
from thidua.dossiers.models import DossierItem, DossierState, ItemState


@pytest.fixture
def voted(secretariat, officer_a, tree, person_a):
    """A Sở A dossier to the province for a Bằng khen, as the council left it: voted, the
    item approved (the steps before are the dossiers app's own tests)."""
    dossier = dossier_services.dossier_create(actor=officer_a, unit=tree["a"], authority_level="tinh", year=2025,
                                              title="Đề nghị tặng Bằng khen năm 2025", authority_unit=tree["root"])
    dossier_services.dossier_add_items(actor=officer_a, dossier=dossier, entries=[
        dossier_services.ItemInput(subject=person_a, kind="BK_TINH", achievement="Hoàn thành xuất sắc")])
    dossier.items.update(state=ItemState.APPROVED)
    type(dossier).objects.filter(pk=dossier.pk).update(state=DossierState.VOTED)
    dossier.refresh_from_db()
    return dossier


def test_a_decision_from_a_dossier_marks_it_drafted_then_decided(secretariat, chairman, tree, person_a, voted):
    decision = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Bằng khen năm 2025",
                                       today=TODAY)
    [line] = services.decision_add_dossier(actor=secretariat, decision=decision, dossier=voted, today=TODAY)
    item = voted.items.get()
    assert (line.person, line.kind, line.year, line.dossier_item) == (person_a, "BK_TINH", 2025, item)
    voted.refresh_from_db()
    assert voted.state == DossierState.DECISION_DRAFTED
    sign(chairman, decision, issued_on=dt.date(2026, 7, 2))
    voted.refresh_from_db()
    item.refresh_from_db()
    award = Award.objects.get(person=person_a)
    assert voted.state == DossierState.DECIDED
    assert (item.state, item.award, item.decision_number) == (ItemState.DECIDED, award, "01/QĐ-UBND")


def test_a_dossier_for_another_authority_is_refused(secretariat, tree, voted):
    decision = services.decision_draft(actor=secretariat, authority=tree["a"], summary="Giấy khen", today=TODAY)
    with pytest.raises(services.ApplicationError, match="không gửi Sở Nội vụ"):
        services.decision_add_dossier(actor=secretariat, decision=decision, dossier=voted, today=TODAY)
    assert not DossierItem.objects.filter(decision_lines__isnull=False).exists()


def test_the_editor_offers_the_waiting_dossier(client, secretariat, tree, voted):
    decision = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Bằng khen", today=TODAY)
    login(client, secretariat)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert 'data-testid="waiting-dossiers"' in page and "Đề nghị tặng Bằng khen năm 2025" in page
    response = client.post(reverse("decisions:dossier_add", args=[decision.pk]), {"dossier": voted.pk})
    assert response.status_code == 302 and decision.recipients.count() == 1


def test_the_voted_dossier_leads_to_a_draft_of_its_authority(client, secretariat, officer_a, tree, voted):
    login(client, officer_a)  # the unit follows its dossier but drafts no decision
    assert 'data-testid="draft-decision"' not in client.get(
        reverse("dossiers:detail", args=[voted.pk])).content.decode()
    client.logout()
    login(client, secretariat)
    page = client.get(reverse("dossiers:detail", args=[voted.pk])).content.decode()
    create = reverse("decisions:create") + f"?co-quan={tree['root'].pk}"
    assert f'href="{create}" data-testid="draft-decision"' in page
    form = client.get(create).context["form"]
    assert form.initial["authority"] == tree["root"]


def test_a_dossier_taken_into_the_draft_is_no_longer_offered(client, secretariat, tree, voted):
    decision = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Bằng khen", today=TODAY)
    login(client, secretariat)
    client.post(reverse("decisions:dossier_add", args=[decision.pk]), {"dossier": voted.pk})
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert 'data-testid="waiting-dossiers"' not in page
    # Another draft of the same authority still may take it.
    other = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Bằng khen", today=TODAY)
    assert 'data-testid="waiting-dossiers"' in client.get(
        reverse("decisions:detail", args=[other.pk])).content.decode()


def test_the_dossier_button_is_refused_out_of_scope(client, officer_b, secretariat, tree, voted):
    decision = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Bằng khen", today=TODAY)
    login(client, officer_b)
    assert client.post(reverse("decisions:dossier_add", args=[decision.pk]), {"dossier": voted.pk}).status_code == 404


def test_the_decision_names_the_proposal_it_answers(secretariat, tree, voted):
    from thidua.printing.decision_documents import decision_context

    # As the unit numbered and sent it (the fixture already stands past those steps).
    type(voted).objects.filter(pk=voted.pk).update(number="45/TTr-SNV",
                                                   submitted_at=dt.datetime(2025, 12, 5, 9, 0, tzinfo=dt.UTC))
    decision = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Bằng khen năm 2025",
                                       today=TODAY)
    services.decision_add_dossier(actor=secretariat, decision=decision, dossier=voted, today=TODAY)
    assert decision_context(decision)["proposal_basis"] == (
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 05/12/2025")


def test_a_decision_is_not_dated_before_the_to_trinh_it_answers(secretariat, chairman, tree, voted):
    type(voted).objects.filter(pk=voted.pk).update(number="45/TTr-SNV", submitted_at=dt.datetime(
        2026, 7, 10, 9, 0, tzinfo=dt.UTC))
    decision = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Bằng khen năm 2025",
                                       today=TODAY)
    services.decision_add_dossier(actor=secretariat, decision=decision, dossier=voted, today=TODAY)
    with pytest.raises(services.ApplicationError) as exc:
        sign(chairman, decision, issued_on=dt.date(2026, 7, 2))
    assert exc.value.extra == {"field": "issued_on"}
    assert "trước ngày của Tờ trình số 45/TTr-SNV (10/07/2026)" in exc.value.message
    assert sign(chairman, decision, issued_on=dt.date(2026, 7, 10)).state == "signed"
