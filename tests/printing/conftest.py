"""Printing tests run on the shared tree with the shipped catalog; uploads go to a
temporary MEDIA_ROOT; the public address of QR codes is fixed.

`award_a` is a Bằng khen of the province given to person_a (Phòng A1 under Sở A) by
decision 125/QĐ-UBND; `secretariat_b` holds the secretariat role on Sở B only.
"""

import datetime as dt
import io

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from tests.conftest import make_user
from thidua.awards import services as award_services
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.documents.models import Document

PUBLIC = "https://thidua.example.gov.vn"
DECIDED = dt.date(2026, 7, 2)


@pytest.fixture(autouse=True)
def catalog(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.THIDUA_PUBLIC_URL = PUBLIC
    return catalog_services.catalog_load()


@pytest.fixture
def secretariat_b(tree):
    return make_user("thuky_b", Role.SECRETARIAT, tree["b"], "Vũ Thị Hạnh")


def give(actor, *, kind="BK_TINH", number="125/QĐ-UBND", **kw):
    kw.setdefault("year", 2025)
    kw.setdefault("decided_on", DECIDED)
    kw.setdefault("issuer", "Chủ tịch UBND tỉnh")
    return award_services.award_record(actor=actor, kind=kind, decision_number=number, **kw)


@pytest.fixture
def award_a(secretariat, person_a):
    return give(secretariat, person=person_a,
                achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025")


@pytest.fixture
def award_b(secretariat, person_b):
    return give(secretariat, person=person_b)


@pytest.fixture
def revocation(tree):
    return Document.objects.create(number="45/QĐ-UBND", kind="quyet_dinh", issued_on=dt.date(2026, 9, 1),
                                   issuer="UBND tỉnh", summary="Về việc hủy bỏ quyết định khen thưởng",
                                   unit=tree["root"])


def pdf_pages(content: bytes) -> list:
    return PdfReader(io.BytesIO(content)).pages


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_pages(content))


def docx_text(content: bytes) -> str:
    """Every paragraph of the document, tables and headers included, one per line."""
    doc = WordDocument(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)
