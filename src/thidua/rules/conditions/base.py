"""The condition registry and the helpers every condition uses to answer.

A condition is a plain function `name(ctx, y, *, article, **params) -> Outcome | None`:
`ctx` is the evaluation `Context`, `y` the year judged. Returning None means "does not
apply here" (a dated note, an interval with no previous award) and leaves no trace in the
verdict. Rule sets refer to conditions by function name, so the name is the contract.
"""

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

from thidua.rules.results import Outcome, Status

CONDITIONS: dict[str, Callable[..., Outcome | None]] = {}


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


def pct(value) -> str:
    """0.7 → "70%", Fraction(3, 4) → "75%", 0.625 → "62,5%"."""
    number = Fraction(str(value)) * 100 if not isinstance(value, Fraction) else value * 100
    if number.denominator == 1:
        return f"{number.numerator}%"
    return f"{float(number):.1f}%".replace(".", ",")


def vn_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
