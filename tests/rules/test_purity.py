"""thidua.rules imports nothing of Django: checked in a fresh interpreter and in the source."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import thidua.rules

PACKAGE = Path(thidua.rules.__file__).parent

SCRIPT = """
import json, sys
assert "django" not in sys.modules
import thidua.rules as rules
answer = rules.evaluate({"year": 2026, "subject": {"kind": "individual"},
                         "history": [{"year": 2026, "rating": "HTXSNV", "months_worked": 12,
                                      "registered": ["LDTT", "CSTDCS"]}]})
rules.render_human(answer)
import datetime as dt
day = dt.date(2026, 8, 1)
rules.MoneyTable([("LDTT", day, 1, ["individual"], {"individual": "0.3"}, "LĐTT")],
                 [(day, 1, 2_530_000, "up", 10_000)]).amount("LDTT", "individual", day)
rules.counting_period("CSTD_TINH", 2026)
rules.check_quotas("2025", [])
leaked = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(json.dumps({"leaked": leaked, "eligible": answer.verdict("CSTDCS").eligible}))
"""


def test_importing_and_running_the_engine_loads_no_django():
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PACKAGE.parents[1])}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True,
                          timeout=60)
    result = json.loads(done.stdout)
    assert result == {"leaked": [], "eligible": True}


def test_no_module_of_the_package_names_django():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "django" or n.startswith("django.") for n in names), path
