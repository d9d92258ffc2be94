"""docs/law.md lists every encoded rule: each node of the national rule sets has its row."""

from pathlib import Path

from thidua.rules import get_ruleset
from thidua.rules.declarations import Cond, iter_nodes

DOC = Path(__file__).resolve().parents[2] / "docs" / "law.md"


def test_every_condition_node_is_documented():
    text = DOC.read_text(encoding="utf-8")
    absent = set()
    for code, rule in get_ruleset("2025").rules.items():
        for _kind, root in rule.roots:
            for node in iter_nodes(root):
                if not isinstance(node, Cond):
                    continue
                if f"{code}.{node.id}" not in text and f".{node.id}" not in _row_of(text, code):
                    absent.add(f"{code}.{node.id}")
    assert not absent, sorted(absent)


def _row_of(text, code):
    return "\n".join(line for line in text.splitlines() if line.startswith(f"| {code}."))
