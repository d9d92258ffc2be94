"""Published directive and plan texts (tests/documents/data, each with its source address)
and the shared seed articles: the movement each one launches, read by hand in expected.json."""

import datetime as dt
import json
from pathlib import Path

import pytest

from thidua.documents.parse import as_json, parse

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
EXPECTED = {name: row for name, row in json.loads((DATA / "expected.json").read_text(encoding="utf-8")).items()
            if not name.startswith("_")}
# A day long after every text: a date the text leaves without a year must not take this one's.
TODAY = dt.date(2031, 6, 1)
PUBLISHED = sorted(name for name in EXPECTED if not name.startswith(("seeds/", "issue13_")))


def text_of(name: str) -> str:
    """The text as an officer would paste it: the fixture's "# Nguồn" header lines are not part of it."""
    if name.startswith("seeds/"):
        path = SEEDS / name.removeprefix("seeds/")
        if not path.is_file():
            pytest.skip(f"the seed articles are not at {SEEDS}")
        return path.read_text(encoding="utf-8")
    lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("# "))


def test_at_least_eight_published_texts_each_with_its_source_address():
    assert len(PUBLISHED) >= 8
    for name in PUBLISHED:
        header = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# Nguồn: https://") or header.startswith("# Nguồn: http://"), name


def test_every_fixture_has_its_expected_fields():
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(n for n in EXPECTED if not n.startswith("seeds/"))


def read(name: str) -> dict:
    parsed = as_json(parse(text_of(name), today=TODAY))
    return {"movement": parsed["movement"], "movement_kind": parsed["movement_kind"],
            "registration_deadline": parsed["registration_deadline"], "milestones": parsed["milestones"],
            "laws": [[r["title"], r["number"], r["date"]] for r in parsed["references"] if r["kind"] == "luat"],
            "issuer": parsed["issuer"], "date": parsed["date"]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_text_gives_its_expected_fields(name):
    assert read(name) == EXPECTED[name]
