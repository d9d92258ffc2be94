"""The condition registry and the helpers every condition uses to answer.

A condition is a plain function `name(ctx, y, *, article, **params) -> Outcome | None`:
`ctx` is the evaluation `Context`, `y` the year judged. Returning None means "does not
apply here" (a dated note, an interval with no previous award) and leaves no trace in the
verdict. Rule sets refer to conditions by function name, so the name is the contract.

Beside a condition, `@check_for(condition)` may register its *check*: a factory that, given
the rule set and the node's parameters (references already resolved), returns a test
`(ctx, y) -> bool | tuple` that says only whether the condition passes, without building
any text. `evaluate_many(..., explain=False)` runs checks instead of conditions. A test
returns a falsy value when the condition does not pass ("unknown" included), True when it
passes (or does not apply), or the non-empty tuple of its claims when it passes and claims
initiatives. The factory may return `ALWAYS` or `NEVER` when the answer does not depend on
the case, or None to fall back to the condition itself. A check MUST pass exactly when its
condition passes (tests/rules/test_many.py checks it on random cases), and it must declare
what the plan needs to know to skip work safely: `judges` names the parameters holding the
award codes whose rule it may judge (through `ctx.holds`, `ctx.qualifies`), `claims` whether
it claims initiatives, `reads_claims` whether its answer depends on initiatives claimed
earlier in the evaluation.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache, wraps
from typing import Any

from thidua.rules.results import Outcome, Status

CONDITIONS: dict[str, Callable[..., Outcome | None]] = {}
CHECKS: dict[str, "Check"] = {}


class _Constant:
    """What a check factory returns when the answer does not depend on the case."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


ALWAYS = _Constant("ALWAYS")
NEVER = _Constant("NEVER")


@dataclass(frozen=True)
class Check:
    """The check of one condition (see the module docstring)."""

    condition: Callable[..., Outcome | None]
    factory: Callable[..., Any]
    judges: tuple[str, ...] = ()
    claims: bool = False
    reads_claims: bool = False


def check_for(fn, *, judges=(), claims=False, reads_claims=False):
    """Register the decorated factory as the check of condition `fn`."""

    def register(factory):
        if fn.__name__ in CHECKS:
            raise RuntimeError(f"check for {fn.__name__} registered twice")
        CHECKS[fn.__name__] = Check(fn, factory, tuple(judges), claims, reads_claims)
        return factory

    return register


def condition(fn):
    """Register `fn` under its own name, so rule sets can name it."""
    if fn.__name__ in CONDITIONS:
        raise RuntimeError(f"condition {fn.__name__} registered twice")
    CONDITIONS[fn.__name__] = fn
    return fn


def ok(name: str, reason: str, article: str, *, claims=(), extra=()) -> Outcome:
    return Outcome(Status.PASS, reason, article, None, name, tuple(claims), tuple(extra))


def fail(name: str, reason: str, missing: str, article: str, *, extra=()) -> Outcome:
    return Outcome(Status.FAIL, reason, article, missing, name, (), tuple(extra))


def unknown(name: str, reason: str, missing: str, article: str, *, extra=()) -> Outcome:
    return Outcome(Status.UNKNOWN, reason, article, missing, name, (), tuple(extra))


def span(first: int, last: int) -> str:
    """"năm 2024" or "các năm 2022–2024"."""
    return f"năm {first}" if first == last else f"các năm {first}–{last}"


def years_list(years) -> str:
    return ", ".join(str(y) for y in years)


def memoized(fn):
    """`fn` remembering its answers (at most 1024) for hashable arguments of the same types;
    for the pure helpers that build the same text or `Outcome` (a value) again and again."""
    memo = lru_cache(maxsize=1024, typed=True)(fn)

    @wraps(fn)
    def call(*args):
        try:
            return memo(*args)
        except TypeError:  # an unhashable argument
            return fn(*args)

    return call


@memoized
def pct(value) -> str:
    """0.7 → "70%", Fraction(3, 4) → "75%", 0.625 → "62,5%"."""
    number = Fraction(str(value)) * 100 if not isinstance(value, Fraction) else value * 100
    if number.denominator == 1:
        return f"{number.numerator}%"
    return f"{float(number):.1f}%".replace(".", ",")


def vn_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
