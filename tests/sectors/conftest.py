"""Sectors on the shared tree: the province and Sở Nội vụ are state administration (Phòng
A1 inherits it), and a provincial police unit is armed forces; the catalog is loaded."""

import pytest

from tests.conftest import make_person, make_unit
from thidua.catalog import services as catalog_services
from thidua.core.sectors import Sector


@pytest.fixture
def catalog(db):
    return catalog_services.catalog_load()


@pytest.fixture
def sectors(tree, catalog):
    root = tree["root"]
    root.sector = Sector.STATE
    root.save(update_fields=["sector"])
    root.refresh_from_db()
    police = make_unit(root, "T.CA", "Công an tỉnh")
    police.sector = Sector.ARMED_FORCES
    police.save(update_fields=["sector"])
    for key in ("a", "b", "a1"):
        tree[key].refresh_from_db()
    return {**tree, "root": root, "police": police}


@pytest.fixture
def officer_police(sectors):
    return make_person(sectors["police"], "Đỗ Văn Hùng", position="Thượng úy")
