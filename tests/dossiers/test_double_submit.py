"""A double click on "Lưu" in the new-dossier form, or on "Thêm vào hồ sơ", acts once."""

from django.urls import reverse

from tests.conftest import login
from tests.html_forms import form_values
from thidua.core.once import ALREADY_SAVED
from thidua.dossiers.models import Dossier, DossierItem


def test_a_double_submit_makes_one_dossier(client, officer_a, tree):
    login(client, officer_a)
    url = reverse("dossiers:create")
    values = {**form_values(client.get(url).content, "title"), "unit": tree["a"].pk, "authority_level": "co_quan",
              "year": 2025, "title": "Đề nghị tặng Giấy khen năm 2025"}

    first = client.post(url, values)
    second = client.post(url, values, follow=True)

    dossier = Dossier.objects.get()
    assert first["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert second.redirect_chain == [(first["Location"], 302)]
    assert str(ALREADY_SAVED) in second.content.decode()


def test_a_double_submit_of_the_eligibility_list_adds_each_person_once(client, officer_a, tree, eligible_a):
    dossier = Dossier.objects.create(unit=tree["a"], authority_level="co_quan", authority_unit=tree["a"], year=2025,
                                     title="Đề nghị tặng CSTĐCS năm 2025")
    login(client, officer_a)
    url = reverse("dossiers:add_eligible", args=[dossier.pk]) + "?ma=CSTDCS"
    values = {**form_values(client.get(url).content, "chon"), "chon": f"p:{eligible_a.pk}"}

    client.post(url, values)
    second = client.post(url, values, follow=True)

    assert DossierItem.objects.filter(dossier=dossier).count() == 1
    body = second.content.decode()
    assert str(ALREADY_SAVED) in body and "đã có trong hồ sơ" not in body
