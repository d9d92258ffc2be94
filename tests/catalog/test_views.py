import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from thidua.catalog.models import AwardKind
from thidua.core.models import AuditEvent
from thidua.core.roles import Role


@pytest.fixture
def admin(tree, catalog):
    return make_user("quantri", Role.ADMIN, tree["root"], "Phạm Minh Quân")


@pytest.mark.parametrize(("name", "args"), [("catalog:list", []), ("catalog:detail", ["LDTT"])])
def test_it_refuses_out_of_scope(client, officer_b, catalog, name, args):
    """The catalog is the administrators' page: anyone else is refused."""
    assert login(client, officer_b).get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), [("catalog:list", []), ("catalog:detail", ["LDTT"])])
def test_the_secretariat_is_refused_too(client, secretariat, catalog, name, args):
    assert login(client, secretariat).get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), [("catalog:list", []), ("catalog:detail", ["LDTT"])])
def test_anonymous_is_sent_to_login(client, catalog, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_list_shows_codes_names_coefficients_and_legal_basis(client, admin):
    body = login(client, admin).get(reverse("catalog:list")).content.decode()
    assert "LDTT" in body and "Lao động tiên tiến" in body and "Luật Thi đua, khen thưởng 2022, Điều 24" in body
    assert "0,3" in body and "2.530.000 đ" in body
    assert reverse("catalog:list") in login(client, admin).get(reverse("home:dashboard")).content.decode()


def test_unknown_code_is_404(client, admin):
    assert login(client, admin).get(reverse("catalog:detail", args=["NOPE"])).status_code == 404


def _post_data(**changes):
    data = {
        "valid_from": "01/01/2027", "name": "Lao động tiên tiến", "category": "danh_hieu", "group": "danh_hieu_thi_dua",
        "subjects": ["individual"], "authority_text": "Thủ trưởng cơ quan", "authority_levels": ["co_quan", "xa"],
        "coef_individual": "0,35", "coef_collective": "", "coef_household": "", "rank": 10,
        "legal_basis": "Luật Thi đua, khen thưởng 2022, Điều 24\nNghị định 152/2025/NĐ-CP, Điều 50",
        "variant_of": "", "note": "", "reason": "Thử nghiệm hệ số",
    }
    data.update(changes)
    return data


def test_admin_creates_a_new_version_through_the_form(client, admin):
    login(client, admin)
    response = client.post(reverse("catalog:detail", args=["LDTT"]), _post_data())
    assert response.status_code == 302
    latest = AwardKind.objects.filter(code="LDTT").order_by("-version").first()
    # v1 and v2: the file's Decree 98 and Decree 152 tables.
    assert latest.version == 3 and latest.data["coefficients"]["individual"] == "0.35"
    assert latest.data["certificate"] is False
    assert AuditEvent.objects.filter(action="catalog.award_kind.version", actor=admin).exists()
    body = client.get(reverse("catalog:detail", args=["LDTT"])).content.decode()
    assert "v3" in body and "v2" in body and "Thử nghiệm hệ số" in body


def test_form_shows_the_loaders_error_on_the_field(client, admin):
    login(client, admin)
    response = client.post(reverse("catalog:detail", args=["LDTT"]), _post_data(coef_collective="0,8"))
    assert response.status_code == 200
    assert "không tặng cho đối tượng đó" in response.content.decode()
    response = client.post(reverse("catalog:detail", args=["LDTT"]), _post_data(legal_basis="  "))
    assert response.status_code == 200
    assert AwardKind.objects.filter(code="LDTT").count() == 2
