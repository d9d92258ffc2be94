"""Two secretaries edit the same printer's offsets or the same certificate layout: the later
save, made on what the page showed before the first save, is refused naming who saved first
(issue 10, C)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login, make_user
from tests.html_forms import assert_refused_as_stale, form_values, race
from thidua.core.roles import Role
from thidua.printing import services
from thidua.printing.models import CertificateLayout, PrinterProfile


@pytest.fixture
def other(tree):
    return make_user("thuky2", Role.SECRETARIAT, tree["root"], "Phạm Văn Bình")


def test_a_stale_printer_save_is_refused_naming_who_saved_first(client, secretariat, other, tree):
    printer = services.printer_save(actor=secretariat, unit=tree["a"], name="HP Sở Nội vụ", offset_x=0, offset_y=0)
    saved, response = race(login(client, secretariat), login(Client(), other),
                           reverse("printing:printer", args=[printer.pk]), "offset_x",
                           {"offset_x": "2.5"}, {"offset_y": "-1.0"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Trần Thị Thu", kept='value="-1.0"')
    assert "Lệch ngang (mm, + sang phải): <strong>2,5</strong>" in response.content.decode()
    printer = PrinterProfile.objects.get(pk=printer.pk)
    assert (str(printer.offset_x), str(printer.offset_y)) == ("2.5", "0.0")


@pytest.mark.parametrize("own_before", [False, True], ids=["first-own-layout", "own-layout-saved-again"])
def test_a_stale_layout_save_is_refused_naming_who_saved_first(client, secretariat, other, tree, own_before):
    url = reverse("printing:layout", args=[tree["a"].pk, "BK_TINH"])
    if own_before:
        first = login(Client(), secretariat)
        assert first.post(url, {**_current(first, url), "name": "Phôi Bằng khen 2025"}).status_code == 302
    saved, response = race(login(client, secretariat), login(Client(), other), url, "page_width",
                           {"name": "Phôi Bằng khen 2026"}, {"place": "Hà Tĩnh"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Trần Thị Thu", kept='value="Hà Tĩnh"')
    assert "Bố cục in «Phôi Bằng khen 2026»" in response.content.decode()
    row = CertificateLayout.objects.get(unit=tree["a"], kind="BK_TINH")
    assert (row.name, row.version) == ("Phôi Bằng khen 2026", 2 if own_before else 1)
    assert row.place != "Hà Tĩnh"
    # Pressing Lưu again on the refused form is a deliberate overwrite: it saves.
    again = login(Client(), other).post(url, form_values(response.content, "page_width"))
    assert again.status_code == 302
    assert CertificateLayout.objects.get(pk=row.pk).place == "Hà Tĩnh"


def _current(client, url):
    return form_values(client.get(url).content, "page_width")
