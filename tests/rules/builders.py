"""Small builders for CASE.json documents, so each test states only the facts it is about."""

from pathlib import Path

from thidua.rules import evaluate

DATA = Path(__file__).parent / "data"


def yr(year, rating="HTTNV", months=12, registered=("LDTT", "CSTDCS"), titles=(), initiatives=(), **extra):
    """One history entry; defaults describe an ordinary good year with nothing special."""
    entry = {"year": year, "rating": rating, "months_worked": months, "disciplined": False,
             "registered": list(registered), "titles": list(titles), "initiatives": list(initiatives)}
    if rating is None:
        del entry["rating"]
    if months is None:
        del entry["months_worked"]
    entry.update(extra)
    return entry


def sk(ident, scope="co_so", on=None, year=None, used_for=None):
    """An initiative recognised on `on` (or on 01/10 of `year`)."""
    item = {"id": ident, "scope": scope, "recognized_on": on or f"{year}-10-01"}
    if used_for:
        item["used_for"] = used_for
    return item


def award(code, decided_on, period=None, kind="cong_trang", revoked=False):
    item = {"code": code, "decided_on": decided_on, "type": kind}
    if period:
        item["period"] = list(period)
    if revoked:
        item["revoked"] = True
    return item


def person(year, history, awards=(), ruleset=None, **subject):
    case = {"year": year, "subject": {"kind": "individual", **subject}, "history": list(history),
            "awards": list(awards)}
    if ruleset:
        case["ruleset"] = ruleset
    return case


def unit(year, history, awards=(), **subject):
    return {"year": year, "subject": {"kind": "collective", **subject}, "history": list(history),
            "awards": list(awards)}


def members(total, ldtt, cstdcs=0, completed=None, disciplined=0):
    titles = {"LDTT": ldtt}
    if cstdcs:
        titles["CSTDCS"] = cstdcs
    return {"total": total, "completed": total if completed is None else completed, "titles": titles,
            "disciplined": disciplined}


def unit_year(year, rating="HTXSNV", registered=("TTLDTT", "TTLDXS"), **extra):
    return {"year": year, "rating": rating, "registered": list(registered), **extra}


def verdict(case, code, ruleset=None):
    found = evaluate(case, ruleset).verdict(code)
    assert found is not None, f"{code} does not apply to this case"
    return found


def mentions(verdict, text):
    """Whether the verdict's reasons, missing items or basis mention `text`."""
    return any(text in line for line in [*verdict.reasons, *verdict.missing, *verdict.basis])
