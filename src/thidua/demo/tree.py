"""The demo province's unit tree, built in memory with treebeard paths computed up front.

Bulk inserts bypass treebeard's `add_child`, so `path`, `depth` and `numchild` are set
here the way treebeard would: 4-character base-36 steps, siblings ordered by name
(`Unit.node_order_by`).
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from thidua.demo import catalog as C
from thidua.demo.presets import MERGE_DATE, Preset

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


@dataclass(eq=False)
class Node:
    code: str
    name: str
    kind: str
    level: str
    short_name: str = ""
    staff_kind: str = "admin"  # key of staffing.STAFF
    staff: tuple[int, int] = (0, 0)  # people working directly here, before scaling
    group: str = ""  # which emulation bloc it joins (level-2 units, hospitals, high schools)
    active_from: dt.date | None = None
    active_until: dt.date | None = None
    successor: "Node | None" = None  # for communes closed by the merge
    children: list["Node"] = field(default_factory=list)
    pk: int = 0
    path: str = ""
    depth: int = 0

    def add(self, child: "Node") -> "Node":
        self.children.append(child)
        return child

    @property
    def is_stable(self) -> bool:
        """Open over the whole seeded history: a safe place to have worked before a transfer."""
        return self.active_from is None and self.active_until is None


@dataclass
class Tree:
    root: Node
    nodes: list[Node]  # depth-first, parents before children
    merges: list[tuple[Node, Node]]  # (closed commune, successor)
    communes: list[Node]  # live communes


def _step(n: int) -> str:
    digits = ""
    while n:
        n, r = divmod(n, 36)
        digits = _ALPHABET[r] + digits
    return digits.rjust(STEPLEN, "0")


def _place_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        first, second = rng.choice(C.PLACE_FIRST), rng.choice(C.PLACE_SECOND)
        name = f"{first} {second}"
        if first != second and name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _department(p: Preset, rng: random.Random, parent: Node, d: C.Department, places: list[str]) -> None:
    staff_kind = {"co_quan_hc": "admin", "don_vi_su_nghiep": "service", "truong_hoc": "school"}[d.kind]
    dept = parent.add(Node(f"{parent.code}.{d.code}", d.name, d.kind, "so_nganh", short_name=d.code,
                           staff_kind=staff_kind, staff=d.staff, group=d.group))
    for code, name in d.offices[: p.offices]:
        dept.add(Node(f"{dept.code}.{code}", name, "phong_ban", "noi_bo", short_name=code, staff_kind=staff_kind,
                      staff=(6, 14)))
    for code, name in d.services[: p.services]:
        unit = dept.add(Node(f"{dept.code}.{code}", name, "don_vi_su_nghiep", "co_so", short_name=code,
                             staff_kind="service", staff=(3, 6) if p.service_offices else (10, 25)))
        for sub_code, sub_name in C.SERVICE_OFFICES[: p.service_offices]:
            unit.add(Node(f"{unit.code}.{sub_code}", sub_name, "phong_ban", "noi_bo", short_name=sub_code,
                          staff_kind="service", staff=(5, 12)))
    if d.extra == "hospitals":
        for i, (code, name) in enumerate(C.HOSPITALS[: p.hospitals]):
            hospital = dept.add(Node(f"{dept.code}.{code}", name.format(place=places.pop()), "benh_vien", "co_so",
                                     short_name=code, staff_kind="hospital", staff=(5, 8), group="hospital"))
            n_wards = p.wards[1] if i == 0 else rng.randint(*p.wards)
            for w in sorted(rng.sample(range(len(C.WARDS)), min(n_wards, len(C.WARDS)))):
                ward_code, ward_name = C.WARDS[w]
                is_office = ward_name.startswith("Phòng")
                hospital.add(Node(f"{hospital.code}.{ward_code}", ward_name, "phong_ban", "noi_bo",
                                  short_name=ward_code, staff_kind="admin" if is_office else "hospital",
                                  staff=(5, 10) if is_office else (15, 40)))
    if d.extra == "schools":
        for i in range(p.high_schools):
            if i == 0:
                name = f"Trường THPT chuyên {C.PROVINCE}"
            elif i <= len(C.SCHOOL_PATRONS):
                name = f"Trường THPT {C.SCHOOL_PATRONS[i - 1]}"
            else:
                name = f"Trường THPT {places.pop()}"
            school = dept.add(Node(f"{dept.code}.THPT{i + 1:02d}", name, "truong_hoc", "co_so",
                                   short_name=f"THPT{i + 1:02d}", staff_kind="school", staff=(4, 6), group="thpt"))
            for sub_code, sub_name in C.SUBJECT_GROUPS[: p.subject_groups]:
                school.add(Node(f"{school.code}.{sub_code}", sub_name, "phong_ban", "noi_bo", short_name=sub_code,
                                staff_kind="school", staff=(6, 14)))


def _commune(p: Preset, parent: Node, number: int, place: str, ward: bool, *, successor: bool) -> Node:
    label = "phường" if ward else "xã"
    where = f"{label} {place}"
    new_since = MERGE_DATE if successor else None
    # A successor commune and its new offices are staffed only by people moved in from the
    # closed communes, so nobody appears to have worked there before it existed.
    staff = (0, 0) if successor else (3, 4)
    office = (0, 0) if successor else (5, 9)
    commune = parent.add(Node(f"{parent.code}.X{number:03d}", f"UBND {where}", "ubnd_xa", "xa", short_name=where,
                              staff_kind="commune", staff=staff, group="commune", active_from=new_since))
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if ward else "Phòng Kinh tế"
    for code, name, kind, level, size in (
        ("VP", f"Văn phòng HĐND và UBND {where}", "phong_ban", "noi_bo", office),
        ("KT", f"{economy} {where}", "phong_ban", "noi_bo", office),
        ("VHXH", f"Phòng Văn hóa – Xã hội {where}", "phong_ban", "noi_bo", office),
        ("TTPV", f"Trung tâm Phục vụ hành chính công {where}", "don_vi_su_nghiep", "co_so",
         (0, 0) if successor else (5, 8)),
    ):
        commune.add(Node(f"{commune.code}.{code}", name, kind, level, short_name=code, staff_kind="commune",
                         staff=size, active_from=new_since))
    preschools, primary, lower_secondary = p.commune_schools
    for code, label_school, count, staff_kind, size in (
        ("MN", "Trường Mầm non", preschools, "preschool", (12, 24)),
        ("TH", "Trường Tiểu học", primary, "school", (18, 32)),
        ("THCS", "Trường THCS", lower_secondary, "school", (18, 32)),
    ):
        for i in range(1, count + 1):
            name = f"{label_school} {place}" if count == 1 else f"{label_school} số {i} {place}"
            commune.add(Node(f"{commune.code}.{code}{i}", name, "truong_hoc", "co_so", short_name=f"{code}{i}",
                             staff_kind=staff_kind, staff=size))
    commune.add(Node(f"{commune.code}.TYT", f"Trạm Y tế {where}", "tram_y_te", "co_so", short_name="TYT",
                     staff_kind="health_post", staff=(5, 9)))
    for i in range(p.villages):
        name = f"Tổ dân phố {i + 1}, {where}" if ward else f"Thôn {C.VILLAGE_NAMES[i]}, {where}"
        commune.add(Node(f"{commune.code}.T{i + 1:02d}", name, "thon_tdp", "co_so", short_name=f"T{i + 1:02d}",
                         staff_kind="village", staff=(1, 2)))
    return commune


def build_tree(p: Preset, rng: random.Random) -> Tree:
    root = Node(C.PROVINCE_CODE, C.ROOT_NAME, "ubnd_tinh", "tinh", short_name=C.PROVINCE)
    places = _place_names(rng, p.communes + 2 * p.merges + p.hospitals + p.high_schools)
    commune_places, places = places[: p.communes + 2 * p.merges], places[p.communes + 2 * p.merges:]
    for d in C.DEPARTMENTS[: p.departments]:
        _department(p, rng, root, d, places)
    for code, name in C.MASS_ORGANISATIONS[: p.mass_orgs]:
        root.add(Node(f"{root.code}.{code}", name, "doan_the", "so_nganh", short_name=code, staff_kind="mass",
                      staff=(10, 20), group="mass"))
    for code, name in C.ENTERPRISES[: p.enterprises]:
        company = root.add(Node(f"{root.code}.{code}", name, "dnnn", "so_nganh", short_name=code,
                                staff_kind="enterprise", staff=(4, 6), group="enterprise"))
        for sub_code, sub_name in C.ENTERPRISE_OFFICES[: p.enterprise_offices]:
            company.add(Node(f"{company.code}.{sub_code}", sub_name, "phong_ban", "noi_bo", short_name=sub_code,
                             staff_kind="enterprise", staff=(10, 30)))

    successors = set(rng.sample(range(p.communes), p.merges))
    communes = [
        _commune(p, root, i + 1, commune_places[i], ward=rng.random() < 0.25, successor=i in successors)
        for i in range(p.communes)
    ]
    stable = [c for c in communes if c.is_stable]
    for commune, (code, name) in zip(stable, C.PRIVATE_ENTERPRISES[: p.private_enterprises], strict=False):
        commune.add(Node(f"{commune.code}.{code}", name, "dn_ngoai_nn", "co_so", short_name=code,
                         staff_kind="enterprise", staff=(8, 15)))
    merges = []
    number = p.communes
    for i in sorted(successors):
        for _ in range(2):
            number += 1
            place = commune_places[number - 1]
            closed = root.add(Node(f"{root.code}.X{number:03d}", f"UBND xã {place}", "ubnd_xa", "xa",
                                   short_name=f"xã {place}", staff_kind="commune", staff=(15, 22), group="commune",
                                   active_until=MERGE_DATE, successor=communes[i]))
            merges.append((closed, communes[i]))
    return Tree(root=root, nodes=_number(root), merges=merges, communes=communes)


def _number(root: Node) -> list[Node]:
    """Give every node its pk (1, 2, … depth-first), path and depth; return them in that order."""
    nodes: list[Node] = []
    root.path, root.depth = _step(1), 1
    stack = [root]
    while stack:
        node = stack.pop()
        node.pk = len(nodes) + 1
        nodes.append(node)
        node.children.sort(key=lambda n: n.name)
        for i, child in enumerate(node.children, start=1):
            child.path, child.depth = node.path + _step(i), node.depth + 1
        stack.extend(reversed(node.children))
    return nodes
