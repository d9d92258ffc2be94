import pytest

from thidua.rules import RULESETS
from thidua.rules.rulesets import load_documents, resolve_all

from .builders import DATA


@pytest.fixture(scope="session")
def hs_ruleset():
    """The test province layer of tests/rules/data/2025-hs.yaml, resolved on top of RULESETS."""
    return resolve_all(load_documents(DATA), RULESETS.all())["2025-hs"]
