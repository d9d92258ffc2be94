"""The demo's public portal (issue 15): the province's round decision is published, the
supplementary one is not, and the movements launched this year are under way."""

from django.urls import reverse

from thidua.decisions.models import Decision
from thidua.demo.decision_end import SUPPLEMENT_NUMBER


def test_the_demo_publishes_the_round_decision_only(small, client):
    assert small["published_decisions"] >= 1
    published = Decision.objects.filter(published_at__isnull=False)
    assert published.exists() and not published.filter(number=SUPPLEMENT_NUMBER).exists()
    assert {d.published_by.username for d in published} == {"thuky"}
    supplement = Decision.objects.get(number=SUPPLEMENT_NUMBER)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Ủy ban nhân dân tỉnh Hà Sơn" in home
    assert published.first().number_text in home and supplement.number_text not in home
    assert "Hiện chưa có phong trào nào đang triển khai." not in home
    page = client.get(reverse("portal:decision", args=[published.first().pk]))
    assert page.status_code == 200
    assert client.get(reverse("portal:decision", args=[supplement.pk])).status_code == 404
    line = published.first().recipients.select_related("person").first()
    lookup = client.get(reverse("portal:lookup"), {"q": line.person.full_name}).content.decode()
    assert line.person.full_name in lookup and published.first().number_text in lookup
