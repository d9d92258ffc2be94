"""docs/notices.md and the registry say the same: every handoff the apps register has its
row in the table, and every row of the table is registered."""

import re
from pathlib import Path

from thidua.notices.handoffs import registered

TABLE = Path(__file__).resolve().parents[2] / "docs" / "notices.md"


def test_the_table_lists_every_registered_handoff():
    rows = TABLE.read_text(encoding="utf-8").splitlines()
    first_cells = [row.split("|")[1] for row in rows if row.startswith("| `")]
    events = {e for cell in first_cells for e in re.findall(r"`([a-z_]+\.[a-z_]+)`", cell)}
    assert events == set(registered())
