"""Every ledger test runs with the shipped catalog loaded; uploads go to a temporary
MEDIA_ROOT; `decision` makes a decision document held by a unit."""

import datetime as dt

import pytest

from thidua.catalog import services as catalog_services
from thidua.documents.models import Document


@pytest.fixture(autouse=True)
def catalog(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return catalog_services.catalog_load()


def make_decision(unit, number="123/QĐ-UBND", issued_on=dt.date(2026, 7, 2), summary="Về việc khen thưởng"):
    return Document.objects.create(number=number, kind="quyet_dinh", issued_on=issued_on, issuer="UBND tỉnh",
                                   summary=summary, unit=unit)


@pytest.fixture
def decision(tree):
    return make_decision(tree["root"])


@pytest.fixture
def revocation(tree):
    return make_decision(tree["root"], number="45/QĐ-UBND", issued_on=dt.date(2026, 9, 1),
                         summary="Về việc hủy bỏ quyết định khen thưởng")
