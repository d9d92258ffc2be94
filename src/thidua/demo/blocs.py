"""Emulation blocs (khối, cụm thi đua) of the demo province and their yearly line-ups.

Members are the units open at the end of each year; the leader and deputy rotate yearly,
as provinces usually rotate the khối trưởng among member units.
"""

import datetime as dt
from dataclasses import dataclass

from thidua.demo.tree import Node, Tree

MEMBERSHIP_YEARS = 3

# Level-2 groups (see catalog.Department.group) and the blocs they form.
FIXED = (
    ("general", "Khối các cơ quan tổng hợp"),
    ("economic", "Khối các sở, ngành kinh tế"),
    ("social", "Khối các sở, ngành văn hóa – xã hội"),
    ("service", "Khối các đơn vị sự nghiệp trực thuộc UBND tỉnh"),
    ("mass", "Khối các tổ chức chính trị – xã hội"),
    ("enterprise", "Khối các doanh nghiệp nhà nước"),
    ("hospital", "Khối các bệnh viện"),
)
HIGH_SCHOOL_CLUSTERS = 2


@dataclass
class BlocPlan:
    code: str
    name: str
    members: list[Node]
    description: str = ""


def _split(units: list[Node], parts: int) -> list[list[Node]]:
    n = len(units)
    return [units[i * n // parts : (i + 1) * n // parts] for i in range(parts) if n * (i + 1) // parts > i * n // parts]


def plan_blocs(tree: Tree, count: int) -> list[BlocPlan]:
    by_group: dict[str, list[Node]] = {}
    for node in tree.nodes:
        if node.group:
            by_group.setdefault(node.group, []).append(node)
    closed_by_successor: dict[int, list[Node]] = {}
    for closed, successor in tree.merges:
        closed_by_successor.setdefault(successor.pk, []).append(closed)

    def with_closed(communes: list[Node]) -> list[Node]:
        # A closed commune stays in its successor's cluster for the years it still existed.
        return [u for c in communes for u in [c, *closed_by_successor.get(c.pk, [])]]

    if count <= 2:
        agencies = [n for n in tree.root.children if n.group not in ("", "commune")]
        plans = [BlocPlan("", "Khối các sở, ban, ngành", agencies),
                 BlocPlan("", "Cụm thi đua các xã, phường", with_closed(tree.communes))]
    else:
        plans = [BlocPlan("", name, by_group[group]) for group, name in FIXED if len(by_group.get(group, ())) >= 2]
        for i, schools in enumerate(_split(by_group.get("thpt", []), HIGH_SCHOOL_CLUSTERS), start=1):
            plans.append(BlocPlan("", f"Cụm thi đua các trường THPT số {i}", schools))
        clusters = max(count - len(plans), 1)
        for i, communes in enumerate(_split(tree.communes, clusters), start=1):
            plans.append(BlocPlan("", f"Cụm thi đua các xã, phường số {i}", with_closed(communes)))
    for i, plan in enumerate(plans, start=1):
        plan.code = f"KTD{i:02d}"
        plan.description = f"Gồm {len(plan.members)} đơn vị; khối trưởng, khối phó luân phiên hằng năm."
    return plans


def memberships(plan: BlocPlan, index: int, last_year: int) -> list[tuple[int, int, str]]:
    """(unit pk, year, role) for the last MEMBERSHIP_YEARS years; one leader and one deputy a year."""
    rows = []
    for year in range(last_year - MEMBERSHIP_YEARS + 1, last_year + 1):
        year_end = dt.date(year, 12, 31)
        members = [
            u for u in plan.members
            if (u.active_from is None or u.active_from <= year_end)
            and (u.active_until is None or u.active_until > year_end)
        ]
        lead = (year + index) % len(members)
        deputy = (lead + 1) % len(members)
        for i, unit in enumerate(members):
            role = "leader" if i == lead else "deputy" if i == deputy else "member"
            rows.append((unit.pk, year, role))
    return rows
