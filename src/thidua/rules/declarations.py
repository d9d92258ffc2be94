"""Rules as data: the node types a rule is made of, built and checked from plain mappings
(the YAML of data/rulesets/), and the patch operations a province layer may apply.

A rule is a tree: `Cond` leaves name a registered condition, its parameters and the article
it applies; `Group` nodes combine them with "all" (every one) or "any" (the first that
passes: an alternative of the law, e.g. the points of Art. 74(1)). Parameter values that
start with "$" name a rule-set setting, string values that start with "@" name an entry of
the rule set's article table; both are resolved at evaluation time so that a layer that
changes a setting or an article changes every rule that uses it.
"""

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from thidua.rules.codes import AWARD_CODES, RATINGS, SCOPES, SUBJECT_KINDS, TITLE_CODES
from thidua.rules.conditions import CONDITIONS
from thidua.rules.errors import RulesetError

_NODE_META = {"cond", "article", "id", "label"}
_RULE_KEYS = {"name", "subjects", "armed_forces", "community", "basis", "all", "any", "label", "by_subject"}
PATCH_KEYS = {"add", "replace", "remove", "basis"}
# Parameters whose values are award codes, ratings or scopes: checked when a rule is built.
_CODE_PARAMS = {"code", "chain_code"}
_CODES_PARAMS = {"codes", "run_after", "covered_by"}


@dataclass(frozen=True)
class Cond:
    id: str
    name: str
    fn: Callable
    params: tuple[tuple[str, Any], ...]
    article: str
    label: str | None = None


@dataclass(frozen=True)
class Group:
    id: str
    mode: str  # "all" or "any"
    items: tuple["Cond | Group", ...]
    label: str | None = None


Node = Cond | Group


@dataclass(frozen=True)
class Rule:
    """One award kind's eligibility rule. `subjects` are the subject kinds it accepts;
    `armed_forces` / `community`, when set, further restrict it (CSTT and ĐVTT are the armed
    forces' LĐTT and TTLĐTT; TDPVH is for villages and residential groups)."""

    code: str
    name: str
    subjects: frozenset[str]
    basis: tuple[str, ...]
    roots: tuple[tuple[str, Group], ...]
    armed_forces: bool | None = None
    community: bool | None = None

    @property
    def is_title(self) -> bool:
        return self.code in TITLE_CODES

    def root_for(self, subject_kind: str) -> Group:
        """The rule's tree for a subject kind (the law's criteria differ for individuals,
        collectives and households for the same form, e.g. Giấy khen)."""
        return dict(self.roots)[subject_kind]

    def applies_to(self, case) -> bool:
        if case.subject_kind not in self.subjects:
            return False
        if self.armed_forces is not None and case.armed_forces != self.armed_forces:
            return False
        return self.community is None or case.community == self.community


def build_rule(code: str, data: Any, where: str) -> Rule:
    """A `Rule` from its mapping; raises RulesetError naming `where` for anything invalid."""
    if code not in AWARD_CODES:
        raise RulesetError(f"{where}: mã khen thưởng «{code}» không có trong danh mục")
    data = _mapping(data, where)
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RulesetError(f"{where}: khóa không hợp lệ {sorted(unknown)}")
    subjects = data.get("subjects")
    if not isinstance(subjects, list) or not subjects or any(s not in SUBJECT_KINDS for s in subjects):
        raise RulesetError(f"{where}.subjects: cần danh sách loại đối tượng ({', '.join(SUBJECT_KINDS)})")
    basis = data.get("basis")
    if not isinstance(basis, list) or not basis or not all(isinstance(b, str) and b for b in basis):
        raise RulesetError(f"{where}.basis: thiếu căn cứ pháp lý")
    by_subject = _mapping(data.get("by_subject", {}), f"{where}.by_subject")
    roots = []
    for kind in subjects:
        tree = by_subject.get(kind, data)
        tree_where = f"{where}.by_subject.{kind}" if kind in by_subject else where
        tree = _mapping(tree, tree_where)
        if ("all" in tree) == ("any" in tree):
            raise RulesetError(f"{tree_where}: cần đúng một trong hai khóa all / any (cho {kind})")
        mode = "all" if "all" in tree else "any"
        roots.append((kind, _group(mode, tree[mode], tree.get("label"), f"{tree_where}.{mode}", code)))
    if set(by_subject) - set(subjects):
        raise RulesetError(f"{where}.by_subject: loại đối tượng không có trong subjects")
    for key in ("armed_forces", "community"):
        if key in data and not isinstance(data[key], bool):
            raise RulesetError(f"{where}.{key}: phải là true hoặc false")
    return Rule(code=code, name=str(data.get("name", code)), subjects=frozenset(subjects), basis=tuple(basis),
                roots=tuple(roots), armed_forces=data.get("armed_forces"), community=data.get("community"))


def patch_rule(rule: Rule, data: Any, where: str) -> Rule:
    """Apply a province layer's patch: `add` nodes to the top-level group, `replace` nodes by
    id, `remove` nodes by id, append to `basis`."""
    data = _mapping(data, where)
    unknown = set(data) - PATCH_KEYS
    if unknown:
        raise RulesetError(f"{where}: khóa không hợp lệ {sorted(unknown)} (dùng add, replace, remove, basis "
                           "hoặc định nghĩa lại cả quy tắc bằng all/any)")
    roots = dict(rule.roots)
    for node_id in data.get("remove", []):
        kinds = _holders(roots, node_id, f"{where}.remove")
        for kind in kinds:
            roots[kind] = _rebuild(roots[kind], node_id, None)
    for node_id, node_data in _mapping(data.get("replace", {}), f"{where}.replace").items():
        kinds = _holders(roots, node_id, f"{where}.replace.{node_id}")
        new = build_node(node_data, f"{where}.replace.{node_id}", rule.code)
        new = replace(new, id=node_id)
        for kind in kinds:
            roots[kind] = _rebuild(roots[kind], node_id, new)
    added = tuple(build_node(item, f"{where}.add[{i}]", rule.code) for i, item in enumerate(data.get("add", [])))
    for kind, root in roots.items():
        roots[kind] = replace(root, items=root.items + added)
    basis = rule.basis + tuple(data.get("basis", []))
    return replace(rule, roots=tuple(roots.items()), basis=basis)


def build_node(data: Any, where: str, code: str) -> Node:
    data = _mapping(data, where)
    kinds = [k for k in ("cond", "all", "any") if k in data]
    if len(kinds) != 1:
        raise RulesetError(f"{where}: mỗi nút cần đúng một trong các khóa cond / all / any")
    if kinds[0] != "cond":
        extra = set(data) - {kinds[0], "id", "label"}
        if extra:
            raise RulesetError(f"{where}: khóa không hợp lệ {sorted(extra)}")
        return _group(kinds[0], data[kinds[0]], data.get("label"), f"{where}.{kinds[0]}", code,
                      node_id=data.get("id"))
    name = data["cond"]
    fn = CONDITIONS.get(name)
    if fn is None:
        raise RulesetError(f"{where}: điều kiện «{name}» không tồn tại")
    article = data.get("article")
    if not isinstance(article, str) or not article.strip():
        raise RulesetError(f"{where}: điều kiện «{name}» thiếu căn cứ (article)")
    params = {k: v for k, v in data.items() if k not in _NODE_META}
    _check_params(fn, name, params, where)
    return Cond(id=str(data.get("id", name)), name=name, fn=fn, params=tuple(sorted(params.items())),
                article=article, label=data.get("label"))


def iter_nodes(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Group):
        for item in node.items:
            yield from iter_nodes(item)


def _group(mode: str, items: Any, label, where: str, code: str, node_id=None) -> Group:
    if not isinstance(items, list) or not items:
        raise RulesetError(f"{where}: cần một danh sách điều kiện không rỗng")
    nodes = tuple(build_node(item, f"{where}[{i}]", code) for i, item in enumerate(items))
    return Group(id=str(node_id or label or mode), mode=mode, items=nodes, label=label)


def _check_params(fn: Callable, name: str, params: Mapping, where: str) -> None:
    signature = inspect.signature(fn)
    accepted = {p.name: p for p in signature.parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY}
    accepted.pop("article", None)
    unknown = set(params) - set(accepted)
    if unknown:
        raise RulesetError(f"{where}: điều kiện «{name}» không có tham số {sorted(unknown)}")
    needed = {n for n, p in accepted.items() if p.default is inspect.Parameter.empty}
    absent = needed - set(params)
    if absent:
        raise RulesetError(f"{where}: điều kiện «{name}» thiếu tham số {sorted(absent)}")
    for key, value in params.items():
        if _is_ref(value):
            continue
        if key in _CODE_PARAMS and value not in AWARD_CODES:
            raise RulesetError(f"{where}.{key}: mã «{value}» không có trong danh mục")
        if key in _CODES_PARAMS and (not isinstance(value, list) or any(v not in AWARD_CODES for v in value)):
            raise RulesetError(f"{where}.{key}: cần danh sách mã trong danh mục")
        if key == "run_by" and (not isinstance(value, list) or not value
                                or any(v not in AWARD_CODES and v not in RATINGS for v in value)):
            raise RulesetError(f"{where}.run_by: cần danh sách mã xếp loại hoặc mã danh hiệu trong danh mục")
        if key == "level" and value not in RATINGS:
            raise RulesetError(f"{where}.level: mã xếp loại «{value}» không hợp lệ")
        if key == "scope" and value not in SCOPES:
            raise RulesetError(f"{where}.scope: phạm vi «{value}» không hợp lệ")


def _is_ref(value) -> bool:
    return isinstance(value, str) and value[:1] in ("$", "@")


def _holders(roots: dict[str, Group], node_id: str, where: str) -> list[str]:
    """The subject kinds whose tree holds node `node_id` exactly once; an error if none does
    or if one holds it twice (then the layer must target an explicit id)."""
    kinds = []
    for kind, root in roots.items():
        hits = [n for n in iter_nodes(root) if n.id == node_id and n is not root]
        if len(hits) > 1:
            raise RulesetError(f"{where}: nút «{node_id}» trùng {len(hits)} lần (hãy đặt id riêng)")
        if hits:
            kinds.append(kind)
    if not kinds:
        raise RulesetError(f"{where}: không tìm thấy nút «{node_id}»")
    return kinds


def _rebuild(node: Node, node_id: str, new: Node | None) -> Node | None:
    if isinstance(node, Cond):
        return new if node.id == node_id else node
    items = []
    for item in node.items:
        if item.id == node_id:
            if new is not None:
                items.append(new)
            continue
        rebuilt = _rebuild(item, node_id, new)
        if rebuilt is not None:
            items.append(rebuilt)
    return replace(node, items=tuple(items))


def _mapping(data: Any, where: str) -> Mapping:
    if not isinstance(data, Mapping):
        raise RulesetError(f"{where}: cần một ánh xạ (mapping)")
    return data
