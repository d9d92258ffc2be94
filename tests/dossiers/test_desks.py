"""Each authority has its own desk (issue 12): a dossier belongs to the desk whose grant is
the deepest one covering its receiving unit; a desk above reads it but does not receive it;
where no desk exists below, the nearest desk above handles it."""

import pytest
from django.urls import reverse

from tests.conftest import login, make_person, make_unit, make_user
from tests.dossiers.conftest import add, complete, make_dossier, qualify
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Role
from thidua.dossiers import selectors, services
from thidua.dossiers.models import DossierState
from thidua.notices.models import Notification
from thidua.notices.services import reminders_send

S = DossierState


@pytest.fixture
def desk_a(tree):
    """Sở Nội vụ's own TĐKT desk."""
    return make_user("tdkt_a", Role.SECRETARIAT, tree["a"], "Ngô Thị Bàn")


@pytest.fixture
def desk_b(tree):
    return make_user("tdkt_b", Role.SECRETARIAT, tree["b"], "Lương Văn Bảo")


@pytest.fixture
def provincial(officer_a, head_a, tree, eligible_a):
    """A Bằng khen of the province proposed by Sở Nội vụ, submitted."""
    dossier = make_dossier(officer_a, tree["a"], level="tinh", title="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh")
    assert dossier.authority_unit == tree["root"]
    add(officer_a, dossier, eligible_a, kind="BK_TINH")
    complete(officer_a, dossier, kinds=("to_trinh", "bien_ban_binh_xet"))
    for item in dossier.items.all():
        if item.flags:
            services.dossier_item_justify(actor=officer_a, item=item, text="Thành tích xuất sắc.")
    return services.dossier_submit(actor=head_a, dossier=dossier)


def _inbox(user):
    return set(selectors.dossier_list(user, tab="tiep-nhan").values_list("pk", flat=True))


def test_a_departments_desk_receives_what_its_director_decides(submitted, desk_a, secretariat, tree):
    assert submitted.authority_unit == tree["a"]
    assert _inbox(desk_a) == {submitted.pk}
    # The province still reads it, but it is not its to receive.
    assert submitted.pk not in _inbox(secretariat)
    assert submitted.pk in set(selectors.dossier_list(secretariat).values_list("pk", flat=True))
    assert not services.may(secretariat, submitted, "receive")
    with pytest.raises(PermissionDenied):
        services.dossier_receive(actor=secretariat, dossier=submitted)
    assert list(selectors.reviewers(submitted)) == [desk_a]
    d = services.dossier_receive(actor=desk_a, dossier=submitted)
    assert d.state == S.RECEIVED and d.assigned_to == desk_a
    # Nor may the province take the desk's later steps.
    assert not services.may(secretariat, d, "accept") and not services.may(secretariat, d, "assign")


def test_the_desk_cannot_hand_the_dossier_to_the_province(submitted, desk_a, secretariat):
    with pytest.raises(Exception, match="thẩm định"):
        services.dossier_receive(actor=desk_a, dossier=submitted, assignee=secretariat)


def test_without_a_desk_of_its_own_the_nearest_desk_above_receives(submitted, secretariat, client, tree):
    assert _inbox(secretariat) == {submitted.pk}
    login(client, secretariat)
    page = client.get(reverse("dossiers:detail", args=[submitted.pk])).content.decode()
    assert "Nơi tiếp nhận" in page and "Bộ phận TĐKT UBND tỉnh Thử Nghiệm" in page
    assert "Sở Nội vụ chưa có bộ phận TĐKT riêng" in page
    services.dossier_receive(actor=secretariat, dossier=submitted)


def test_the_dossier_page_names_the_desk(submitted, desk_a, secretariat, client):
    login(client, secretariat)
    page = client.get(reverse("dossiers:detail", args=[submitted.pk])).content.decode()
    assert "Bộ phận TĐKT Sở Nội vụ" in page
    assert "chưa có bộ phận TĐKT riêng" not in page
    assert "Phân công thẩm định" not in page


def test_a_desk_cannot_receive_another_departments_dossier(submitted, desk_b, client):
    assert submitted.pk not in _inbox(desk_b)
    with pytest.raises(PermissionDenied):
        services.dossier_receive(actor=desk_b, dossier=submitted)
    login(client, desk_b)
    assert client.get(reverse("dossiers:detail", args=[submitted.pk])).status_code == 404
    response = client.post(reverse("dossiers:transition", args=[submitted.pk, "tiep-nhan"]))
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


def test_a_desk_cannot_receive_a_provincial_dossier_of_its_own_department(provincial, desk_a, secretariat, client):
    assert provincial.pk not in _inbox(desk_a)
    assert provincial.pk in _inbox(secretariat)
    with pytest.raises(PermissionDenied):
        services.dossier_receive(actor=desk_a, dossier=provincial)
    login(client, desk_a)
    response = client.post(reverse("dossiers:transition", args=[provincial.pk, "tiep-nhan"]))
    assert response.status_code == 403
    provincial.refresh_from_db()
    assert provincial.state == S.SUBMITTED
    services.dossier_receive(actor=secretariat, dossier=provincial)


def test_the_province_is_refused_the_receive_button_of_a_departments_dossier(submitted, desk_a, secretariat,
                                                                            client):
    login(client, secretariat)
    response = client.post(reverse("dossiers:transition", args=[submitted.pk, "tiep-nhan"]))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED


@pytest.fixture
def communes(tree):
    """Two communes under the province, each with a school and its TĐKT officer."""
    root = tree["root"]
    out = []
    for i, name in enumerate(("UBND xã Hòa An", "UBND xã Phú Lộc"), start=1):
        root.refresh_from_db()
        commune = make_unit(root, f"T.X{i}", name, kind="ubnd_xa", level="xa")
        school = make_unit(commune, f"T.X{i}.1", f"Trường Tiểu học {name.removeprefix('UBND xã ')}",
                           kind="truong_hoc", level="co_so")
        officer = make_user(f"canbo_xa{i}", Role.SECRETARIAT, commune, f"Đỗ Văn Xã {i}")
        head = make_user(f"hieutruong{i}", Role.UNIT_HEAD, school, f"Mai Thị Trường {i}")
        clerk = make_user(f"vanthu{i}", Role.UNIT_OFFICER, school, f"Phan Văn Văn {i}")
        out.append({"commune": commune, "school": school, "officer": officer, "head": head, "clerk": clerk})
    return out


def test_a_commune_officer_receives_the_commune_titles_and_not_another_communes(communes, secretariat, client):
    first, second = communes
    teacher = qualify(first["clerk"], make_person(first["school"], "Vũ Thị Giáo"))
    dossier = make_dossier(first["clerk"], first["school"], level="xa",
                           title="Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025")
    assert dossier.authority_unit == first["commune"]
    add(first["clerk"], dossier, teacher)
    complete(first["clerk"], dossier)
    for item in dossier.items.all():
        if item.flags:
            services.dossier_item_justify(actor=first["clerk"], item=item, text="Thành tích xuất sắc.")
    services.dossier_submit(actor=first["head"], dossier=dossier)
    assert _inbox(first["officer"]) == {dossier.pk}
    assert dossier.pk not in _inbox(second["officer"]) and dossier.pk not in _inbox(secretariat)
    assert not selectors.dossiers_for(second["officer"]).filter(pk=dossier.pk).exists()
    login(client, second["officer"])
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.dossier_receive(actor=second["officer"], dossier=dossier)
    with pytest.raises(PermissionDenied):
        services.dossier_receive(actor=secretariat, dossier=dossier)
    services.dossier_receive(actor=first["officer"], dossier=dossier)


def test_the_reminder_to_receive_goes_to_the_desk_not_to_the_province(submitted, desk_a, secretariat):
    reminders_send(today=submitted.due_on)
    wanted = f"Tiếp nhận hồ sơ «{submitted.title}» của Sở Nội vụ"
    assert list(Notification.objects.filter(user=desk_a).values_list("title", flat=True)) == [wanted]
    assert not Notification.objects.filter(user=secretariat).exists()
