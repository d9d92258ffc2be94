"""Public consultation: the page anyone can read, the opinion form (rate-limited, moderated),
and the secretariat's moderation and handling."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login
from thidua.core.errors import ApplicationError
from thidua.core.models import AuditEvent
from thidua.dossiers import services
from thidua.dossiers.models import ConsultationOpinion, OpinionStatus


@pytest.fixture
def open_consultation(central, secretariat):
    """The Bằng khen TTg dossier, published."""
    return services.dossier_open_consultation(actor=secretariat, dossier=central)


def _post(client, dossier, ip="203.0.113.7", **extra):
    data = {"name": "Lê Thị Dân", "contact": "0912 345 678", "text": "Tôi xác nhận thành tích của ông Phóng.",
            "item": ""}
    data.update(extra)
    return client.post(reverse("dossiers:public_detail", args=[dossier.pk]), data, REMOTE_ADDR=ip)


def test_the_public_page_shows_only_what_is_published(client, open_consultation):
    response = client.get(reverse("dossiers:public_detail", args=[open_consultation.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn Phóng" in body and "Phòng Công chức, viên chức" in body
    assert "Bằng khen của Thủ tướng Chính phủ" in body and "Chủ trì đề án số hóa hồ sơ cán bộ." in body
    for private in ("14/03/1985", "001085012345", "Chuyên viên", "Sơ lược lý lịch", "Thành tích xuất sắc 5 năm"):
        assert private not in body
    listing = client.get(reverse("dossiers:public_list")).content.decode()
    assert open_consultation.title in listing and "16/03/2026" in listing


def test_a_dossier_not_under_consultation_is_not_public(client, central):
    assert client.get(reverse("dossiers:public_detail", args=[central.pk])).status_code == 404
    with pytest.raises(ApplicationError) as exc:
        services.opinion_submit(dossier=central, name="A", contact="B", text="C", sender="1.2.3.4")
    assert exc.value.message == services.CONSULTATION_CLOSED


def test_an_opinion_is_held_until_the_secretariat_publishes_it(client, open_consultation, secretariat):
    response = _post(client, open_consultation)
    assert response.status_code == 302
    opinion = ConsultationOpinion.objects.get()
    assert opinion.state == OpinionStatus.PENDING and opinion.contact == "0912 345 678"
    assert len(opinion.sender_hash) == 64 and "203.0.113.7" not in opinion.sender_hash
    public = client.get(reverse("dossiers:public_detail", args=[open_consultation.pk])).content.decode()
    assert "Tôi xác nhận thành tích" not in public and "Đã nhận ý kiến của bạn" in public
    services.opinion_moderate(actor=secretariat, opinion=opinion, publish=True)
    public = client.get(reverse("dossiers:public_detail", args=[open_consultation.pk])).content.decode()
    assert "Tôi xác nhận thành tích" in public and "0912 345 678" not in public
    assert AuditEvent.objects.filter(action="dossier.opinion_submit", actor=None).exists()


def test_opinions_are_rate_limited_per_address_and_hour(client, open_consultation, time_machine):
    for _ in range(5):
        assert _post(client, open_consultation).status_code == 302
    response = _post(client, open_consultation)
    assert response.status_code == 200
    assert (services.RATE_LIMITED % 5) in response.content.decode()
    assert ConsultationOpinion.objects.count() == 5
    assert _post(client, open_consultation, ip="198.51.100.9").status_code == 302  # another sender
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 5))
    assert _post(client, open_consultation).status_code == 302  # an hour later
    assert ConsultationOpinion.objects.count() == 7


def test_robots_filling_the_hidden_field_are_dropped(client, open_consultation):
    assert _post(client, open_consultation, website="http://spam.example").status_code == 302
    assert not ConsultationOpinion.objects.exists()


def test_moderation_and_handling_gate_the_end_of_the_consultation(client, open_consultation, secretariat, officer_a,
                                                                   time_machine):
    _post(client, open_consultation)
    opinion = ConsultationOpinion.objects.get()
    login(client, officer_a)  # the unit sees its dossier but does not moderate
    assert client.get(reverse("dossiers:opinions", args=[open_consultation.pk])).status_code == 403
    assert client.post(reverse("dossiers:opinion", args=[open_consultation.pk, opinion.pk]),
                       {"dang": "1"}).status_code == 403
    time_machine.move_to(dt.datetime(2026, 3, 17, 9, 0))
    with pytest.raises(ApplicationError) as exc:
        services.dossier_close_consultation(actor=secretariat, dossier=open_consultation)
    assert exc.value.message == services.OPINIONS_UNMODERATED % 1
    login(client, secretariat)
    page = client.get(reverse("dossiers:opinions", args=[open_consultation.pk])).content.decode()
    assert "Lê Thị Dân" in page and "0912 345 678" in page
    client.post(reverse("dossiers:opinion", args=[open_consultation.pk, opinion.pk]), {"dang": "1"})
    with pytest.raises(ApplicationError) as exc:
        services.dossier_close_consultation(actor=secretariat, dossier=open_consultation)
    assert exc.value.message == services.OPINIONS_UNHANDLED % 1
    client.post(reverse("dossiers:opinion", args=[open_consultation.pk, opinion.pk]),
                {"xu-ly": "Đã xác minh với đơn vị; ý kiến ủng hộ."})
    opinion.refresh_from_db()
    assert opinion.handled_by == secretariat and opinion.handling == "Đã xác minh với đơn vị; ý kiến ủng hộ."
    assert services.dossier_close_consultation(actor=secretariat, dossier=open_consultation).state == "under_review"
    assert AuditEvent.objects.filter(action="dossier.opinion_handle", target_id=open_consultation.pk).exists()


def test_the_public_pages_carry_explicit_cache_headers_and_the_portal_layout(client, open_consultation):
    listing = client.get(reverse("dossiers:public_list"))
    cache = {part.strip() for part in listing["Cache-Control"].split(",")}
    assert "public" in cache and any(part.startswith("max-age=") and part != "max-age=0" for part in cache)
    assert not listing.cookies  # no form on the list: no CSRF cookie, a shared cache may keep it
    assert reverse("portal:home") in listing.content.decode()  # the portal's navigation
    # The page with the opinion form holds its visitor's CSRF token: kept by nobody.
    detail = client.get(reverse("dossiers:public_detail", args=[open_consultation.pk]))
    cache = {part.strip() for part in detail["Cache-Control"].split(",")}
    assert {"private", "no-cache", "max-age=0"} <= cache
    assert 'aria-current="page"' in detail.content.decode()
