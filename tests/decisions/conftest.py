"""Decisions run with the shipped catalog loaded. Besides the shared tree and officers:
`chairman` holds the decision right of the province (unit head of the root), `draft` is a
province draft with one line for person_a; `sign` records a draft as issued the way the
secretariat does."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_user
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.core.text import display_name
from thidua.decisions import services
from thidua.decisions.models import Capacity, Signatory, SignerRank
from thidua.decisions.services import RecipientSpec
from thidua.org import labels

TODAY = dt.date(2026, 11, 20)
# A scan of the signed paper, as small as a PDF gets.
SIGNED_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
              b"trailer<</Root 1 0 R>>\n%%EOF\n")


def signed_pdf(name="qd-da-ky.pdf"):
    return SimpleUploadedFile(name, SIGNED_PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def catalog(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return catalog_services.catalog_load()


@pytest.fixture
def chairman(tree):
    return make_user("chutich", Role.UNIT_HEAD, tree["root"], "Võ Văn Chủ")


def make_draft(actor, authority, *lines, summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh"):
    return services.decision_draft(actor=actor, authority=authority, summary=summary, recipients=list(lines),
                                   today=TODAY)


def justify_all(signer, decision, text="Có thành tích đặc biệt xuất sắc, Thường trực UBND tỉnh thống nhất."):
    """The signer writes the justification of every direct entry the engine does not find
    eligible (the test people have no ratings behind most titles)."""
    for line in services.unjustified(decision):
        services.decision_justify_line(actor=signer, recipient=line, justification=text)


def leader(authority, rank=SignerRank.HEAD, full_name="Võ Văn Chủ", position=""):
    """A leader of AUTHORITY's signing list (made once)."""
    head = labels.head_title(authority.name, authority.kind)
    position = position or (f"{head} {authority.name}" if rank == SignerRank.HEAD else
                            f"Phó {head.lower()} {authority.name}")
    found = Signatory.objects.filter(authority=authority, full_name=full_name, position=position).first()
    return found or Signatory.objects.create(authority=authority, full_name=full_name, position=position, rank=rank)


def issuer(authority):
    """The secretariat of AUTHORITY, who records its decisions as issued."""
    user = get_user_model().objects.filter(username=f"vanthu{authority.pk}").first()
    return user or make_user(f"vanthu{authority.pk}", Role.SECRETARIAT, authority, "Lê Thị Văn")


def next_number(decision, year: int) -> str:
    last = services.last_number(authority=decision.authority, symbol=decision.symbol, year=year) or 0
    return f"{last + 1:02d}/{decision.symbol}"


def sign(head, decision, issued_on=dt.date(2026, 7, 2), title="CHỦ TỊCH", number="", signed_file=None):
    """HEAD (the decision right) justifies the direct entries; the authority's secretariat
    records DECISION as signed by its head, or by a deputy for a "KT." TITLE, under NUMBER
    (default: the next one of the series)."""
    justify_all(head, decision)
    deputy = title.startswith("KT.")
    signatory = leader(decision.authority, rank=SignerRank.DEPUTY if deputy else SignerRank.HEAD,
                       full_name="Phạm Văn Phó" if deputy else display_name(head))
    return services.decision_issue(
        actor=issuer(decision.authority), decision=decision, number=number or next_number(decision, issued_on.year),
        issued_on=issued_on, signatory=signatory, capacity=Capacity.DEPUTY_FOR if deputy else Capacity.HEAD,
        signed_file=signed_file, today=TODAY)


def revoking(authority, year: int, number: str = "", signer: str = "Võ Văn Chủ") -> dict:
    """What a revocation decision of AUTHORITY is issued with: NUMBER (default: the next of
    its series in YEAR), its head SIGNER from the leaders list, signing as the head."""
    symbol = services.default_symbol(authority)
    last = services.last_number(authority=authority, symbol=symbol, year=year) or 0
    return {"number": number or f"{last + 1:02d}/{symbol}", "signatory": leader(authority, full_name=signer),
            "capacity": Capacity.HEAD}


@pytest.fixture
def draft(secretariat, tree, person_a):
    return make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_a,
                                                               achievement="Hoàn thành xuất sắc nhiệm vụ 2024–2025"))
