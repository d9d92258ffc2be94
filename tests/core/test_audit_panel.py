"""The "Lịch sử thay đổi" panel reads as Vietnamese text, whatever shape a service recorded."""

from django.urls import reverse

from tests.conftest import login
from thidua.core import audit
from thidua.core.text import display_name
from thidua.org import audit_actions as A


def test_lists_a_service_recorded_read_as_names_not_python(client, secretariat, tree):
    unit = tree["a"]
    audit.record(actor=secretariat, action=A.UNIT_UPDATE, target=unit, unit_path=unit.path,
                 before={"name": ["Lê Thanh Mai"]},
                 after={"name": ["Lê Thanh Mai", "Trần Văn Bình"],
                        "short_name": [{"name": "Hoàng Thị Cúc", "reasons": ["Thiếu minh chứng"]}]})
    body = login(client, secretariat).get(reverse("org:detail", args=[unit.pk])).content.decode()
    assert "Lê Thanh Mai, Trần Văn Bình" in body
    assert "Hoàng Thị Cúc – Thiếu minh chứng" in body
    assert "[&#x27;" not in body and "{&#x27;" not in body


def test_an_account_in_a_snapshot_reads_as_its_holders_name(secretariat, tree):
    from thidua.dossiers.models import Dossier

    dossier = Dossier(unit=tree["a"], title="Đề nghị", year=2025, assigned_to=secretariat)
    assert audit.snapshot(dossier, ["assigned_to"]) == {"assigned_to": display_name(secretariat)}
    assert display_name(secretariat) != secretariat.username
