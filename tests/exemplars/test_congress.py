"""A congress's honour list: what the page, the Excel file and the decision draft say."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.conftest import login
from tests.exemplars.conftest import STORY
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.exemplars import services
from thidua.exemplars.models import Honour


@pytest.fixture
def honoured(secretariat, officer_a, tree, review, approved):
    """A collective (from the review) and the approved person, honoured at the province's Đại hội."""
    unit = services.exemplar_nominate(actor=officer_a, review=review, collective=tree["a1"], field="hanh_chinh",
                                      year=2025, story=STORY, headline="=HYPERLINK(\"http://x\")")
    services.exemplar_approve(actor=secretariat, exemplar=unit)
    congress = services.congress_create(actor=secretariat, kind="dai_hoi", unit=tree["root"],
                                        name="Đại hội Thi đua yêu nước tỉnh lần thứ VI", held_on=dt.date(2025, 10, 20),
                                        venue="Hội trường tỉnh")
    return services.congress_honour(actor=secretariat, congress=congress, exemplars=[unit, approved])


def test_honour_list_page_and_excel(client, secretariat, honoured):
    login(client, secretariat)
    page = client.get(reverse("exemplars:congress_print", args=[honoured.pk])).content.decode()
    assert page.index("Phòng Công chức, viên chức") < page.index("Nguyễn Văn Phóng")
    assert "Chuyên viên" in page and "20/10/2025" in page
    response = client.get(reverse("exemplars:congress_xlsx", args=[honoured.pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[1][:3] == ["STT", "Tên cá nhân, tập thể", "Cá nhân / tập thể"]
    assert rows[2][:3] == [1, "Phòng Công chức, viên chức", "Tập thể"]
    assert rows[3][:5] == [2, "Nguyễn Văn Phóng", "Cá nhân", "Chuyên viên", "Phòng Công chức, viên chức"]
    assert rows[2][7] == '=HYPERLINK("http://x")' and ws["H3"].data_type == "s"  # text, never a live formula


def test_decision_draft(client, secretariat, honoured):
    login(client, secretariat)
    response = client.get(reverse("exemplars:congress_docx", args=[honoured.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = " ".join(c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert "tuyên dương các điển hình tiên tiến tại Đại hội Thi đua yêu nước tỉnh lần thứ VI" in text
    assert "Nguyễn Văn Phóng" in text + tables and "Phòng Công chức, viên chức" in text + tables


def test_only_approved_exemplars_of_the_subtree(secretariat, officer_a, nominated, tree):
    congress = services.congress_create(actor=secretariat, kind="hoi_nghi", unit=tree["b"], name="Hội nghị Sở Y tế",
                                        held_on=dt.date(2025, 11, 2))
    with pytest.raises(ApplicationError) as exc:
        services.congress_honour(actor=secretariat, congress=congress, exemplars=[nominated])
    assert "chưa được duyệt" in exc.value.message
    services.exemplar_approve(actor=secretariat, exemplar=nominated)
    with pytest.raises(ApplicationError) as exc:
        services.congress_honour(actor=secretariat, congress=congress, exemplars=[nominated])
    assert "không thuộc Sở Y tế" in exc.value.message
    assert not Honour.objects.exists()


def test_officer_may_not_run_a_congress(officer_a, tree):
    with pytest.raises(PermissionDenied):
        services.congress_create(actor=officer_a, kind="hoi_nghi", unit=tree["a"], name="Hội nghị",
                                 held_on=dt.date(2025, 11, 2))


def test_officer_of_the_unit_reads_but_does_not_choose(client, officer_a, secretariat, tree, approved):
    congress = services.congress_create(actor=secretariat, kind="hoi_nghi", unit=tree["a"], name="Hội nghị Sở",
                                        held_on=dt.date(2025, 11, 2))
    login(client, officer_a)
    page = client.get(congress.get_absolute_url()).content.decode()
    assert "Hội nghị Sở" in page and "Lưu danh sách" not in page
    assert client.post(congress.get_absolute_url(), {"exemplars": [approved.pk]}).status_code == 403
    assert client.get(reverse("exemplars:congress_docx", args=[congress.pk])).status_code == 403
    assert not Honour.objects.exists()
