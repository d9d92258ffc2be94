"""Rule plans: a rule set's trees compiled once into Python closures.

A rule set is data (declarations.py); judging it node by node would look up settings,
articles and parameters for every condition of every case. `plans_for(ruleset)` compiles
each (rule, subject kind) tree the first time it is judged and keeps the result on the
rule set, which is frozen, so a plan never goes stale: a province layer, a reloaded
registry or `ruleset_from_mapping` makes a new RuleSet and with it new plans.

Two compilations of the same tree:

* the *full* one returns a `NodeResult` with every outcome, reason and missing item: what
  `evaluate` answers (the output is the one DESIGN.md §6 fixes, byte for byte);
* the *fast* one returns only whether the node passes and which initiatives it claims, from
  the conditions' checks (conditions/base.py), stopping at the first failing condition of
  an "all" and dropping conditions whose answer does not depend on the case (reminders
  always pass, facts a case cannot carry never do).

Skipping work is exact only when what is skipped has no effect on another verdict. The one
effect a condition can have is judging another rule (a prerequisite, `ctx.holds`), which
memoises that rule's verdict and may claim initiatives (R-P10). A `CasePlan` checks, once
per rule set and subject kind / flags, that every rule only judges rules judged before it
(titles before forms, in rule-set order): then every prerequisite is already memoised when
it is asked for, and stopping early, or judging only some codes with their dependencies,
changes nothing. When that does not hold (a layer with a rule depending on a later one, a
condition without a check) the plan is not `exact` and callers judge every rule in full.
"""

from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any, NamedTuple

from thidua.rules.conditions.base import ALWAYS, CHECKS, NEVER
from thidua.rules.declarations import Cond, Group, Node, Rule, iter_nodes
from thidua.rules.results import Outcome, Status

_PASS, _FAIL, _UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN


class NodeResult(NamedTuple):
    """A node's status, the outcomes of the conditions it evaluated (reasons), the claims
    of a passing node, the missing items for the verdict, and `summary`: the same missing
    items as one phrase, for a parent "any" that offers alternatives."""

    status: Status
    outcomes: tuple[Outcome, ...]
    claims: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    summary: str | None = None


_PASSED = NodeResult(_PASS, ())


# -- full compilation ------------------------------------------------------------------------

def compile_full(node: Node, ruleset) -> Callable[[Any, int], NodeResult]:
    """`node` as a function (ctx, y) -> NodeResult, settings and articles resolved."""
    if isinstance(node, Cond):
        return _full_cond(node, ruleset)
    assert isinstance(node, Group)
    items = tuple(compile_full(item, ruleset) for item in node.items)
    label = node.label
    return _full_all(items, label) if node.mode == "all" else _full_any(items, label)


def _resolve(ruleset, value):
    if isinstance(value, str) and value.startswith("$"):
        return ruleset.settings[value[1:]]
    if isinstance(value, str) and value.startswith("@"):
        return ruleset.articles[value[1:]]
    return value


def _cond_arguments(node: Cond, ruleset) -> dict[str, Any] | None:
    """The node's parameters, references resolved, and its article; None when a reference
    does not resolve (then the node fails at evaluation time, as it always did)."""
    try:
        kwargs = {key: _resolve(ruleset, value) for key, value in node.params}
        kwargs["article"] = ruleset.article(node.article)
    except KeyError:
        return None
    return kwargs


def _full_cond(node: Cond, ruleset):
    fn, label = node.fn, node.label
    kwargs = _cond_arguments(node, ruleset)

    if kwargs is None:
        def late(ctx, y):
            params = {key: _resolve(ruleset, value) for key, value in node.params}
            return _cond_result(fn(ctx, y, article=ruleset.article(node.article), **params), label)

        return late

    if label:
        def run(ctx, y):
            return _cond_result(fn(ctx, y, **kwargs), label)

        return run

    def bare(ctx, y):  # _cond_result without a label, inlined: the hottest path of `evaluate`
        outcome = fn(ctx, y, **kwargs)
        if outcome is None:
            return _PASSED
        if outcome.status is _PASS:
            return NodeResult(_PASS, (outcome,), outcome.claims)
        missing = outcome.missing
        return NodeResult(outcome.status, (outcome,), (), (missing,) if missing else (), missing)

    return bare


def _cond_result(outcome: Outcome | None, label: str | None) -> NodeResult:
    if outcome is None:
        return _PASSED
    if label:
        outcome = _relabel(outcome, label)
    if outcome.status is _PASS:
        return NodeResult(_PASS, (outcome,), outcome.claims)
    missing = outcome.missing
    return NodeResult(outcome.status, (outcome,), (), (missing,) if missing else (), missing)


def _relabel(o: Outcome, label: str) -> Outcome:
    return Outcome(o.status, f"{label} — {o.reason}", o.article, o.missing, o.condition, o.claims, o.extra_articles)


def _labelled(outcomes: tuple[Outcome, ...], label: str | None) -> tuple[Outcome, ...]:
    if not label:
        return outcomes
    return tuple(_relabel(o, label) for o in outcomes)


def _full_all(items, label):
    def run(ctx, y):
        parts = []
        outcomes = []
        status = _PASS
        for item in items:
            part = item(ctx, y)
            parts.append(part)
            outcomes.extend(part.outcomes)
            # FAIL wins over UNKNOWN, which wins over PASS.
            if part.status is not _PASS and status is not _FAIL:
                status = part.status
        outcomes = _labelled(tuple(outcomes), label)
        if status is _PASS:
            claims = ()
            for part in parts:
                if part.claims:
                    claims += part.claims
            return NodeResult(_PASS, outcomes, claims)
        missing = []
        summaries = []
        for part in parts:
            if part.missing:
                missing.extend(part.missing)
            if part.summary:
                summaries.append(part.summary)
        summary = "; ".join(summaries)
        if label:
            missing = [f"{label} — {m}" for m in missing]
            summary = f"{label}: {summary}"
        return NodeResult(status, outcomes, (), tuple(missing), summary or None)

    return run


def _full_any(items, label):
    def run(ctx, y):
        tried = []
        for item in items:
            part = item(ctx, y)
            if part.status is _PASS:
                return NodeResult(_PASS, _labelled(part.outcomes, label), part.claims)
            tried.append(part)
        status = _UNKNOWN if any(p.status is _UNKNOWN for p in tried) else _FAIL
        options = [p.summary for p in tried if p.summary]
        if len(options) > 1:
            numbered = " hoặc ".join(f"({i}) {text}" for i, text in enumerate(options, 1))
            missing = (f"Một trong các cách: {numbered}",)
            summary = "[" + " hoặc ".join(options) + "]"
        else:
            summary = options[0] if options else None
            missing = (summary,) if summary else ()
        outcomes = []
        for part in tried:
            outcomes.extend(part.outcomes)
        return NodeResult(status, _labelled(tuple(outcomes), label), (), missing, summary)

    return run


# -- fast compilation ------------------------------------------------------------------------

def compile_fast(node: Node, ruleset):
    """`node` as a test (ctx, y) -> False | True | claims (see conditions/base.py), or the
    constant ALWAYS / NEVER when its answer does not depend on the case."""
    if isinstance(node, Cond):
        return _fast_cond(node, ruleset)
    assert isinstance(node, Group)
    tests = []
    if node.mode == "all":
        for item in node.items:
            test = compile_fast(item, ruleset)
            if test is NEVER:
                return NEVER
            if test is not ALWAYS:
                tests.append(test)
        if not tests:
            return ALWAYS
        return tests[0] if len(tests) == 1 else _fast_all(tuple(tests))
    for item in node.items:
        test = compile_fast(item, ruleset)
        if test is NEVER:
            continue
        if test is ALWAYS:
            if not tests:
                return ALWAYS
            tests.append(_always)
            break  # the alternatives after one that always passes are never tried
        tests.append(test)
    if not tests:
        return NEVER
    return tests[0] if len(tests) == 1 else _fast_any(tuple(tests))


def _always(ctx, y):
    return True


def _fast_cond(node: Cond, ruleset):
    check = CHECKS.get(node.name)
    kwargs = _cond_arguments(node, ruleset)
    test = None
    if check is not None and check.condition is node.fn and kwargs is not None:
        kwargs.pop("article")
        test = check.factory(ruleset, **kwargs)
    if test is not None:
        return test
    full = _full_cond(node, ruleset)

    def run(ctx, y):
        result = full(ctx, y)
        if result.status is not _PASS:
            return False
        return result.claims or True

    return run


def _fast_all(tests):
    def run(ctx, y):
        claims = None
        for test in tests:
            passed = test(ctx, y)
            if not passed:
                return False
            if passed is not True:
                claims = passed if claims is None else claims + passed
        return True if claims is None else claims

    return run


def _fast_any(tests):
    def run(ctx, y):
        for test in tests:
            passed = test(ctx, y)
            if passed:
                return passed
        return False

    return run


def _never(ctx, y):
    return False


# -- what a rule may do besides answering ------------------------------------------------------

class _Effects(NamedTuple):
    known: bool  # every condition has a check, so the rest is known
    judges: frozenset[str]  # codes whose rule it may judge
    claims: bool  # it may claim initiatives
    reads_claims: bool  # its answer may depend on initiatives claimed before it


def _effects(root: Node, ruleset) -> _Effects:
    known, judges, claims, reads = True, set(), False, False
    for node in iter_nodes(root):
        if not isinstance(node, Cond):
            continue
        check = CHECKS.get(node.name)
        if check is None or check.condition is not node.fn:
            known = False
            continue
        params = dict(node.params)
        for name in check.judges:
            try:
                value = _resolve(ruleset, params.get(name))
            except KeyError:
                known = False
                continue
            if isinstance(value, str):
                judges.add(value)
            elif isinstance(value, Iterable):
                judges.update(v for v in value if isinstance(v, str))
        claims = claims or check.claims
        reads = reads or check.reads_claims
    return _Effects(known, frozenset(judges), claims, reads)


# -- plans -------------------------------------------------------------------------------------

class CasePlan:
    """The rules that apply to one subject kind with its flags: `rules` in verdict order
    (the rule set's), `order` the codes in the order they are judged (titles first, R-P10),
    `exact` whether judging part of them (`needed`) or stopping early is exact."""

    def __init__(self, plans: "Plans", kind: str, armed_forces, community):
        ruleset = plans.ruleset
        probe = SimpleNamespace(subject_kind=kind, armed_forces=armed_forces, community=community)
        rules = [rule for rule in ruleset.rules.values() if rule.applies_to(probe)]
        self.kind = kind
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.order: tuple[str, ...] = tuple(rule.code for rule in sorted(rules, key=lambda r: not r.is_title))
        position = {code: i for i, code in enumerate(self.order)}
        effects = {rule.code: _effects(rule.root_for(kind), ruleset) for rule in rules}
        self.exact = all(
            effects[code].known and all(position.get(dep, -1) < i for dep in effects[code].judges)
            for i, code in enumerate(self.order)
        )
        self._deps: dict[str, frozenset[str]] = {}
        for i, code in enumerate(self.order):
            deps = {dep for dep in effects[code].judges if dep in position}
            if effects[code].reads_claims:
                deps.update(c for c in self.order[:i] if effects[c].claims)
            self._deps[code] = frozenset(deps)
        self._needed: dict[frozenset[str], tuple[str, ...]] = {}

    def needed(self, codes: frozenset[str] | None) -> tuple[str, ...]:
        """The codes to judge, in order, for the verdicts of `codes` (all when None): those
        codes and everything their verdicts depend on. Every code when the plan is not exact."""
        if codes is None or not self.exact:
            return self.order
        found = self._needed.get(codes)
        if found is None:
            wanted: set[str] = set()
            stack = [code for code in codes if code in self._deps]
            while stack:
                code = stack.pop()
                if code not in wanted:
                    wanted.add(code)
                    stack.extend(self._deps[code])
            found = self._needed[codes] = tuple(code for code in self.order if code in wanted)
        return found


class Plans:
    """The compiled trees of one rule set, built on first use."""

    def __init__(self, ruleset):
        self.ruleset = ruleset
        self._full: dict[tuple[str, str], Callable] = {}
        self._fast: dict[tuple[str, str], Callable] = {}
        self._cases: dict[tuple, CasePlan] = {}

    def full(self, code: str, kind: str):
        """The full tree of rule `code` for a subject kind (KeyError for an unknown rule)."""
        found = self._full.get((code, kind))
        if found is None:
            found = self._full[(code, kind)] = compile_full(self.ruleset.rules[code].root_for(kind), self.ruleset)
        return found

    def fast(self, code: str, kind: str):
        found = self._fast.get((code, kind))
        if found is None:
            test = compile_fast(self.ruleset.rules[code].root_for(kind), self.ruleset)
            if test is ALWAYS:
                test = _always
            elif test is NEVER:
                test = _never
            found = self._fast[(code, kind)] = test
        return found

    def for_case(self, case) -> CasePlan:
        key = (case.subject_kind, case.armed_forces, case.community)
        found = self._cases.get(key)
        if found is None:
            found = self._cases[key] = CasePlan(self, *key)
        return found


def plans_for(ruleset) -> Plans:
    """The plans of `ruleset`, compiled once and kept on it."""
    cache = ruleset._compiled
    found = cache.get("plans")
    if found is None:
        found = cache["plans"] = Plans(ruleset)
    return found
