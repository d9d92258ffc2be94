"""The seeded demo holds the decision end as an office works it: the leaders' lists of the
People's Committee and of each Sở, and a signed decision with its registered number, a
Vice-Chairman from the list signing "KT. CHỦ TỊCH" and the scan of the signed paper."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from thidua.decisions import services as decisions
from thidua.decisions.models import Capacity, Decision, DecisionState, Signatory, SignerRank
from thidua.demo.signatories import issue_signed
from thidua.org.models import Unit
from thidua.people.models import Person


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_demo_keeps_the_leaders_who_sign(small):
    root = Unit.objects.get(depth=1)
    province = {(s.full_name, s.position, s.rank) for s in Signatory.objects.filter(authority=root)}
    assert ("Đặng Quốc Hùng", "Chủ tịch Ủy ban nhân dân tỉnh", SignerRank.HEAD) in province
    assert sum(1 for _n, position, _r in province if position == "Phó Chủ tịch Ủy ban nhân dân tỉnh") == 2
    for sở in Unit.objects.filter(depth=2, name__startswith="Sở "):
        ranks = sorted(Signatory.objects.filter(authority=sở).values_list("rank", "position"))
        assert ranks == [("deputy", f"Phó Giám đốc {sở.name}"), ("head", f"Giám đốc {sở.name}")]


def test_the_demo_issues_its_decision_as_registered_signed_by_a_vice_chairman(small):
    # The demo's decided dossier is issued by this same call (demo/nominations.py) under the
    # demo's number; here it is given a one-line draft of the province and a number of its own.
    admin = get_user_model().objects.get(username="admin")
    root = Unit.objects.get(depth=1)
    person = Person.objects.filter(current_unit__depth=2).order_by("pk").first()
    draft = decisions.decision_draft(actor=admin, authority=root, summary="Về việc tặng Bằng khen năm 2025",
                                     recipients=[decisions.RecipientSpec(kind="BK_TINH", year=2025, person=person)])
    for line in decisions.unjustified(draft):
        decisions.decision_justify_line(actor=admin, recipient=line, justification="Thành tích đột xuất.")
    issue_signed(admin, draft, dt.date(2026, 1, 20), registered=901)
    decision = Decision.objects.get(pk=draft.pk)
    assert (decision.state, decision.number_text, decision.capacity) == (
        DecisionState.SIGNED, "901/QĐ-UBND", Capacity.DEPUTY_FOR)
    assert decision.signer is None and decision.signatory.position == "Phó Chủ tịch Ủy ban nhân dân tỉnh"
    assert (decision.document.signer_title, decision.document.signer_name) == (
        "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH", decision.signatory.full_name)
    with decision.document.file.open("rb") as pdf:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "901/QĐ-UBND" in text and decision.signatory.full_name in text
