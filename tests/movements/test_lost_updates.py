"""Two secretaries edit the same movement: the later save, made on what the page showed
before the first save, is refused naming who saved first (issue 10, C)."""

from django.test import Client
from django.urls import reverse

from tests.conftest import login, make_user
from tests.html_forms import assert_refused_as_stale, race
from thidua.core.roles import Role
from thidua.movements.models import Movement


def test_a_stale_movement_save_is_refused_naming_who_saved_first(client, secretariat, movement, tree):
    other = make_user("thuky2", Role.SECRETARIAT, tree["root"], "Phạm Văn Bình")
    saved, response = race(login(client, secretariat), login(Client(), other),
                           reverse("movements:edit", args=[movement.pk]), "theme",
                           {"theme": "Đoàn kết, kỷ cương, về đích"}, {"targets": "100% đơn vị đăng ký thi đua"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Trần Thị Thu", kept="100% đơn vị đăng ký thi đua")
    # The value saved meanwhile is shown beside what was typed.
    assert "Chủ đề: <strong>Đoàn kết, kỷ cương, về đích</strong>" in response.content.decode()
    movement = Movement.objects.get(pk=movement.pk)
    assert (movement.theme, movement.targets) == ("Đoàn kết, kỷ cương, về đích", "")
