"""Two secretaries edit the same draft decision: the later save, made on what the page
showed before the first save, is refused naming who saved first (issue 10, C)."""

from django.test import Client
from django.urls import reverse

from tests.conftest import login, make_user
from tests.html_forms import assert_refused_as_stale, race
from thidua.core.roles import Role
from thidua.decisions.models import Decision


def test_a_stale_draft_save_is_refused_naming_who_saved_first(client, secretariat, draft, tree):
    other = make_user("thuky2", Role.SECRETARIAT, tree["root"], "Phạm Văn Bình")
    saved, response = race(login(client, secretariat), login(Client(), other),
                           reverse("decisions:edit", args=[draft.pk]), "symbol",
                           {"summary": "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026"}, {"symbol": "QĐ-CT"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Trần Thị Thu", kept='value="QĐ-CT"')
    assert "Dự thảo quyết định «Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026»" in response.content.decode()
    decision = Decision.objects.get(pk=draft.pk)
    assert decision.summary == "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026"
    assert decision.symbol == draft.symbol
