"""The consultation as people meet it: the public finds it from the sign-in page, the opinion
form shows only what people fill in, and the secretariat is told when it may close it."""

import pytest
from django.urls import reverse

from tests.conftest import login
from thidua.dossiers import services


@pytest.fixture
def open_consultation(central, secretariat):
    return services.dossier_open_consultation(actor=secretariat, dossier=central)


def test_a_visitor_reaches_the_consultations_from_the_sign_in_page(client, open_consultation):
    body = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("dossiers:public_list")}"' in body and "Lấy ý kiến Nhân dân" in body


def test_the_robot_trap_is_hidden_from_people(client, open_consultation):
    body = client.get(reverse("dossiers:public_detail", args=[open_consultation.pk])).content.decode()
    trap = body.index('name="website"')
    row = body.rindex('<div class="mb-3"', 0, trap)
    assert 'hidden aria-hidden="true"' in body[row:trap]
    for field in ("name", "contact", "text"):
        at = body.index(f'name="{field}"')
        assert not body[body.rindex('<div class="mb-3"', 0, at):at].startswith('<div class="mb-3" hidden')


def test_closing_is_offered_only_once_the_period_is_over(client, secretariat, open_consultation, time_machine):
    url = reverse("dossiers:detail", args=[open_consultation.pk])
    close = reverse("dossiers:transition", args=[open_consultation.pk, "ket-thuc-lay-y-kien"])
    body = login(client, secretariat).get(url).content.decode()
    assert "Kết thúc được sau ngày 16/03/2026" in body and close not in body
    time_machine.move_to("2026-03-17 09:00 +07:00")
    body = login(client, secretariat).get(url).content.decode()
    assert close in body and "Kết thúc được sau ngày" not in body


def test_the_public_reads_a_nominee_s_unit_with_its_parent(client, open_consultation):
    body = client.get(reverse("dossiers:public_detail", args=[open_consultation.pk])).content.decode()
    assert "Phòng Công chức, viên chức, Sở Nội vụ" in body


def test_the_public_link_given_to_the_secretariat_uses_the_public_address(client, secretariat, open_consultation,
                                                                         settings):
    settings.THIDUA_PUBLIC_URL = "https://thiduakhenthuong.haison.gov.vn"
    body = login(client, secretariat).get(reverse("dossiers:detail", args=[open_consultation.pk])).content.decode()
    public = reverse("dossiers:public_detail", args=[open_consultation.pk])
    assert f'href="https://thiduakhenthuong.haison.gov.vn{public}"' in body
