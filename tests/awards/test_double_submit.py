"""A double click on "Lưu" in the award form records the award once."""

from django.urls import reverse

from tests.conftest import login
from tests.html_forms import form_values
from thidua.awards.models import Award
from thidua.core.once import ALREADY_SAVED


def test_a_double_submit_records_one_award(client, officer_a, person_a):
    login(client, officer_a)
    url = reverse("awards:create_person", args=[person_a.pk])
    values = {**form_values(client.get(url).content, "kind"), "kind": "GK", "year": 2025,
              "decided_on": "02/07/2026", "decision_number": "15/QĐ-SNV", "issuer": "Giám đốc Sở Nội vụ",
              "commendation_type": "cong_trang"}

    first = client.post(url, values)
    second = client.post(url, values, follow=True)

    assert Award.objects.filter(person=person_a).count() == 1
    assert first["Location"] == reverse("people:detail", args=[person_a.pk])
    assert str(ALREADY_SAVED) in second.content.decode()
