"""The demo holds the last legal steps as offices take them (issue 12): a decision issued with
the văn thư's number, signed KT. by a Vice-Chairman of the leaders list, its signed copy
attached and its one direct line justified; a dossier the council rejected, closed with its
reason and offering no decision."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import login
from thidua.decisions.models import Capacity, Decision, DecisionState, LineSource
from thidua.demo.accounts import DEMO_PASSWORD
from thidua.demo.decision_end import SUPPLEMENT_NUMBER
from thidua.dossiers.models import Dossier, DossierState


def test_the_demo_holds_an_issued_decision_and_a_refused_dossier(small, client):
    issued = Decision.objects.get(state=DecisionState.SIGNED, number=SUPPLEMENT_NUMBER)
    assert issued.number_text == f"{SUPPLEMENT_NUMBER}/QĐ-UBND" and issued.capacity == Capacity.DEPUTY_FOR
    assert issued.signatory is not None and issued.signer_name == issued.signatory.full_name
    assert issued.document.file and issued.document.signer_title.startswith("KT. CHỦ TỊCH")
    (line,) = issued.recipients.all()
    assert line.source == LineSource.MANUAL and not line.verdict_eligible and line.justification
    assert line.award is not None and line.award.exception_grounds
    refused = Dossier.objects.get(state=DossierState.REFUSED)
    login(client, get_user_model().objects.get(username="thuky"), DEMO_PASSWORD)
    page = client.get(reverse("dossiers:detail", args=[refused.pk])).content.decode()
    assert "Không nhất trí" in page or "không nhất trí" in page
    assert 'data-testid="draft-decision"' not in page
    decision_page = client.get(reverse("decisions:detail", args=[issued.pk])).content.decode()
    assert f"{SUPPLEMENT_NUMBER}/QĐ-UBND" in decision_page and issued.signer_name in decision_page
