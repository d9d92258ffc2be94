"""The catalog loaded from the shipped files (`catalog` fixture) and helpers that write
variants of them for the loader's error tests."""

import pytest
import yaml

from thidua.catalog import loader, services


@pytest.fixture
def catalog(db):
    return services.catalog_load()


def shipped_kinds() -> dict:
    return yaml.safe_load(loader.KINDS_FILE.read_text(encoding="utf-8"))


def write_yaml(path, data) -> str:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)
