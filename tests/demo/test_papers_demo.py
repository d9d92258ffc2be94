"""The demo's papers read as the state's form: the căn cứ the province and its home-affairs
department keep, and a decision of the province that prints them with the award named in full."""

import io

import docx
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import login
from thidua.decisions.models import Decision
from thidua.demo.accounts import DEMO_PASSWORD
from thidua.org.models import Unit
from thidua.printing import bases


def test_the_demo_province_keeps_its_bases_and_its_decisions_print_them(small, client):
    root = Unit.objects.get(depth=1)
    lines = bases.bases_for(root, None)
    assert lines[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert "Quy chế công tác thi đua, khen thưởng" in lines[-1]
    department = Unit.objects.get(name="Sở Nội vụ")
    assert "cơ cấu tổ chức của Sở Nội vụ" in bases.bases_for(department, None)[0]
    decision = Decision.objects.filter(authority=root, recipients__kind="BK_TINH").first()
    assert decision is not None
    login(client, get_user_model().objects.get(username="thuky"), DEMO_PASSWORD)
    document = docx.Document(io.BytesIO(client.get(reverse("decisions:word", args=[decision.pk])).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" in text
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in text
