"""Decisions run with the shipped catalog loaded. Besides the shared tree and officers:
`chairman` signs for the province (unit head of the root), `draft` is a province draft
with one line for person_a."""

import datetime as dt

import pytest

from tests.conftest import make_user
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.decisions import services
from thidua.decisions.services import RecipientSpec

TODAY = dt.date(2026, 11, 20)


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


def sign(actor, decision, issued_on=dt.date(2026, 7, 2), title="CHỦ TỊCH"):
    justify_all(actor, decision)
    return services.decision_sign(actor=actor, decision=decision, issued_on=issued_on, signer_title=title,
                                  today=TODAY)


@pytest.fixture
def draft(secretariat, tree, person_a):
    return make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_a,
                                                               achievement="Hoàn thành xuất sắc nhiệm vụ 2024–2025"))
