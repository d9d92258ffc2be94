import datetime as dt

import pytest

from thidua.catalog import services
from thidua.catalog.loader import CatalogError
from thidua.catalog.models import AwardKind
from thidua.catalog.selectors import kind_latest
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent


@pytest.fixture
def admin(django_user_model, catalog):
    return django_user_model.objects.create_superuser("quantri", password="x")


def test_admin_creates_a_version_with_an_audit_row(admin):
    data = dict(kind_latest("BK_TINH").data)
    data["coefficients"] = {"individual": "2", "collective": "4", "household": "3"}
    version = services.award_kind_new_version(actor=admin, code="BK_TINH", data=data, valid_from=dt.date(2027, 1, 1),
                                              reason="Nghị định mới")
    # Versions 1 and 2 are the file's Decree 98 and Decree 152 tables.
    assert (version.version, version.source, version.created_by) == (3, "admin", admin)
    assert version.data["coefficients"]["individual"] == "2"
    assert AwardKind.objects.filter(code="BK_TINH").count() == 3
    event = AuditEvent.objects.get(action="catalog.award_kind.version")
    assert event.before["coefficients"]["individual"] == "1.5" and event.after["coefficients"]["individual"] == "2"
    assert event.reason == "Nghị định mới" and event.actor == admin


def test_only_administrators(catalog, secretariat):
    with pytest.raises(PermissionDenied):
        services.award_kind_new_version(actor=secretariat, code="GK", data=kind_latest("GK").data,
                                        valid_from=dt.date(2027, 1, 1), reason="x")
    assert AwardKind.objects.filter(code="GK").count() == 1


def test_refusals(admin):
    data = dict(kind_latest("GK").data)
    with pytest.raises(ApplicationError) as exc:
        services.award_kind_new_version(actor=admin, code="GK", data=data, valid_from=kind_latest("GK").valid_from,
                                        reason="x")
    assert exc.value.message == services.NO_CHANGE
    with pytest.raises(ApplicationError) as exc:
        services.award_kind_new_version(actor=admin, code="GK", data=data, valid_from=dt.date(2027, 1, 1), reason=" ")
    assert exc.value.message == services.REASON_REQUIRED
    with pytest.raises(ApplicationError):
        services.award_kind_new_version(actor=admin, code="NOPE", data=data, valid_from=dt.date(2027, 1, 1),
                                        reason="x")
    with pytest.raises(CatalogError) as exc:
        services.award_kind_new_version(actor=admin, code="GK", data=dict(data, legal_basis=[]),
                                        valid_from=dt.date(2027, 1, 1), reason="x")
    assert exc.value.field == "legal_basis"
    assert AwardKind.objects.filter(code="GK").count() == 1
