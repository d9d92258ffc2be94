"""`case_from_dict`: strict validation of a CASE.json document (DESIGN.md §6).

Every error names the field it is about, as the input spelled it: indexes are positions
in the input lists, before the history is sorted by year.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from thidua.rules.codes import AWARD_CODES, AWARD_TYPES, DISCIPLINE_LEVELS, RATINGS, SCOPES, SUBJECT_KINDS
from thidua.rules.errors import CaseError
from thidua.rules.facts import Case, Initiative, Members, PriorAward, YearFacts

_CASE_KEYS = {"year", "subject", "ruleset", "history", "awards"}
_SUBJECT_KEYS = {"kind", "frozen", "armed_forces", "community", "id", "name"}
_YEAR_KEYS = {"year", "rating", "months_worked", "disciplined", "discipline_level", "maternity_months",
              "registered", "titles", "initiatives", "members"}
_INITIATIVE_KEYS = {"id", "scope", "recognized_on", "used_for", "title"}
_MEMBERS_KEYS = {"total", "completed", "titles", "disciplined"}
_AWARD_KEYS = {"code", "decided_on", "period", "type", "revoked", "id", "document"}

MIN_YEAR, MAX_YEAR = 1945, 2100


def case_from_dict(data: Any) -> Case:
    """Validate a CASE.json document and return the `Case` it describes.

    Raises `CaseError(field, message)` for the first problem found: a wrong type, an unknown
    key or code (rating, award, scope, commendation type, subject kind), a bad date, a
    duplicated year.
    """
    doc = _object(data, "", _CASE_KEYS, "hồ sơ phải là một đối tượng JSON")
    if "year" not in doc:
        raise CaseError("year", "thiếu năm xét")
    year = _year(doc["year"], "year")
    subject = _object(doc.get("subject"), "subject", _SUBJECT_KEYS, "thiếu thông tin đối tượng (subject)")
    kind = _choice(subject, "kind", SUBJECT_KINDS, "subject", "loại đối tượng")
    ruleset = doc.get("ruleset")
    if ruleset is not None and (not isinstance(ruleset, str) or not ruleset):
        raise CaseError("ruleset", "mã bộ quy tắc phải là một chuỗi")
    history = _list(doc.get("history", []), "history")
    entries = [_year_facts(item, f"history[{i}]") for i, item in enumerate(history)]
    seen: dict[int, int] = {}
    for i, entry in enumerate(entries):
        if entry.year in seen:
            raise CaseError(f"history[{i}].year", f"năm {entry.year} bị trùng với history[{seen[entry.year]}]")
        seen[entry.year] = i
    ids: dict[str, str] = {}
    for i, entry in enumerate(entries):
        for j, initiative in enumerate(entry.initiatives):
            where = f"history[{i}].initiatives[{j}].id"
            if initiative.id is not None and initiative.id in ids:
                # One initiative counts once (R-P10): an id twice would let it count twice.
                raise CaseError(where, f"mã sáng kiến «{initiative.id}» bị trùng với {ids[initiative.id]}")
            if initiative.id is not None:
                ids[initiative.id] = where
    awards = [_award(item, f"awards[{i}]") for i, item in enumerate(_list(doc.get("awards", []), "awards"))]
    return Case(
        year=year,
        subject_kind=kind,
        frozen=_bool(subject.get("frozen", False), "subject.frozen"),
        armed_forces=_bool(subject.get("armed_forces", False), "subject.armed_forces"),
        community=_bool(subject.get("community", False), "subject.community"),
        ruleset=ruleset,
        history=tuple(entries),
        awards=tuple(awards),
    )


_RATING_SET = frozenset(RATINGS)
_LEVEL_SET = frozenset(DISCIPLINE_LEVELS)
_NO_CODES: frozenset[str] = frozenset()


def _year_facts(data: Any, path: str) -> YearFacts:
    """One history entry. The common, valid shape is read directly; anything else (and
    every error) goes through `_year_facts_checked`, so errors are always its own."""
    found = _plain_year_facts(data, path)
    return found if found is not None else _year_facts_checked(data, path)


def _plain_year_facts(item: Any, path: str) -> YearFacts | None:
    """The entry when it is a plain dict every check below accepts, else None."""
    if type(item) is not dict or not item.keys() <= _YEAR_KEYS:
        return None
    year = item.get("year")
    if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    rating = item.get("rating")
    if rating is not None and (type(rating) is not str or rating not in _RATING_SET):
        return None
    months = item.get("months_worked")
    maternity = item.get("maternity_months", 0)
    if type(maternity) is not int or not 0 <= maternity <= 12:
        return None
    if months is not None and (type(months) is not int or not 0 <= months <= 12 - maternity):
        return None
    level = item.get("discipline_level")
    if level is not None and (type(level) is not str or level not in _LEVEL_SET):
        return None
    disciplined = item.get("disciplined", level is not None)
    if type(disciplined) is not bool or (level is not None and not disciplined):
        return None
    registered = _plain_codes(item.get("registered", ()))
    titles = _plain_codes(item.get("titles", ()))
    if registered is None or titles is None:
        return None
    initiatives = item.get("initiatives", ())
    if type(initiatives) is list:
        initiatives = tuple(_initiative(x, f"{path}.initiatives[{j}]") for j, x in enumerate(initiatives))
    elif initiatives != ():
        return None
    members = item.get("members")
    return YearFacts(
        year=year,
        rating=rating,
        months_worked=months,
        disciplined=disciplined,
        discipline_level=level,
        maternity_months=maternity,
        registered=registered,
        titles=titles,
        initiatives=initiatives,
        members=None if members is None else _members(members, f"{path}.members"),
    )


def _plain_codes(value: Any) -> frozenset[str] | None:
    """A list of award codes (absent: the default empty tuple), else None."""
    if not value and (value == () or type(value) is list):
        return _NO_CODES
    if type(value) is not list:
        return None
    for code in value:
        if type(code) is not str or code not in AWARD_CODES:
            return None
    return frozenset(value)


def _year_facts_checked(data: Any, path: str) -> YearFacts:
    item = _object(data, path, _YEAR_KEYS, "mỗi năm trong lịch sử phải là một đối tượng JSON")
    _require(item, "year", path, "thiếu năm")
    rating = item.get("rating")
    if rating is not None and rating not in RATINGS:
        raise CaseError(f"{path}.rating", f"mã xếp loại «{rating}» không hợp lệ ({', '.join(RATINGS)})")
    months = item.get("months_worked")
    if months is not None:
        months = _int(months, f"{path}.months_worked", 0, 12)
    maternity = _int(item.get("maternity_months", 0), f"{path}.maternity_months", 0, 12)
    if months is not None and months + maternity > 12:
        raise CaseError(f"{path}.maternity_months", "số tháng công tác cộng số tháng nghỉ thai sản vượt quá 12")
    level = item.get("discipline_level")
    if level is not None and level not in DISCIPLINE_LEVELS:
        raise CaseError(f"{path}.discipline_level",
                        f"hình thức kỷ luật «{level}» không hợp lệ ({', '.join(DISCIPLINE_LEVELS)})")
    disciplined = _bool(item.get("disciplined", level is not None), f"{path}.disciplined")
    if level is not None and not disciplined:
        raise CaseError(f"{path}.disciplined", "có hình thức kỷ luật nhưng disciplined = false")
    initiatives = tuple(
        _initiative(x, f"{path}.initiatives[{j}]")
        for j, x in enumerate(_list(item.get("initiatives", []), f"{path}.initiatives"))
    )
    members = item.get("members")
    return YearFacts(
        year=_year(item["year"], f"{path}.year"),
        rating=rating,
        months_worked=months,
        disciplined=disciplined,
        discipline_level=level,
        maternity_months=maternity,
        registered=_codes(item.get("registered", []), f"{path}.registered"),
        titles=_codes(item.get("titles", []), f"{path}.titles"),
        initiatives=initiatives,
        members=None if members is None else _members(members, f"{path}.members"),
    )


def _initiative(data: Any, path: str) -> Initiative:
    item = _object(data, path, _INITIATIVE_KEYS, "sáng kiến phải là một đối tượng JSON")
    scope = _choice(item, "scope", SCOPES, path, "phạm vi sáng kiến")
    _require(item, "recognized_on", path, "thiếu ngày công nhận sáng kiến")
    used_for = item.get("used_for")
    if used_for is not None and used_for not in AWARD_CODES:
        raise CaseError(f"{path}.used_for", f"mã khen thưởng «{used_for}» không hợp lệ")
    ident = item.get("id")
    if isinstance(ident, bool) or (ident is not None and not isinstance(ident, str | int)):
        raise CaseError(f"{path}.id", "mã sáng kiến phải là chuỗi hoặc số")
    return Initiative(
        scope=scope,
        recognized_on=_date(item["recognized_on"], f"{path}.recognized_on"),
        id=None if ident is None else str(ident),
        used_for=used_for,
    )


def _members(data: Any, path: str) -> Members:
    item = _object(data, path, _MEMBERS_KEYS, "thông tin thành viên phải là một đối tượng JSON")
    _require(item, "total", path, "thiếu tổng số thành viên")
    total = _int(item["total"], f"{path}.total", 0, 10_000_000)
    completed = item.get("completed")
    if completed is not None:
        completed = _int(completed, f"{path}.completed", 0, total)
    disciplined = item.get("disciplined")
    if disciplined is not None:
        disciplined = _int(disciplined, f"{path}.disciplined", 0, total)
    titles = _mapping(item.get("titles", {}), f"{path}.titles", "số danh hiệu của thành viên phải là một đối tượng")
    counts = []
    for code, count in sorted(titles.items()):
        if code not in AWARD_CODES:
            raise CaseError(f"{path}.titles.{code}", f"mã danh hiệu «{code}» không hợp lệ")
        counts.append((code, _int(count, f"{path}.titles.{code}", 0, total)))
    return Members(total=total, completed=completed, titles=tuple(counts), disciplined=disciplined)


def _award(data: Any, path: str) -> PriorAward:
    item = _object(data, path, _AWARD_KEYS, "khen thưởng phải là một đối tượng JSON")
    code = _choice(item, "code", AWARD_CODES, path, "mã khen thưởng", listed=False)
    _require(item, "decided_on", path, "thiếu ngày quyết định")
    kind = _choice(item, "type", AWARD_TYPES, path, "loại hình khen thưởng")
    period = item.get("period")
    if period is not None:
        if not isinstance(period, list | tuple) or len(period) != 2:
            raise CaseError(f"{path}.period", "thời gian lập thành tích phải là [năm đầu, năm cuối]")
        first, last = _year(period[0], f"{path}.period[0]"), _year(period[1], f"{path}.period[1]")
        if first > last:
            raise CaseError(f"{path}.period", f"năm đầu {first} sau năm cuối {last}")
        period = (first, last)
    return PriorAward(
        code=code,
        decided_on=_date(item["decided_on"], f"{path}.decided_on"),
        type=kind,
        period=period,
        revoked=_bool(item.get("revoked", False), f"{path}.revoked"),
    )


def _mapping(value: Any, path: str, message: str) -> Mapping:
    if type(value) is dict:  # the common case, without the slower ABC check
        return value
    if not isinstance(value, Mapping):
        raise CaseError(path, message)
    return value


def _object(data: Any, path: str, keys: set[str], message: str) -> Mapping:
    """DATA as a JSON object with no key outside KEYS; MESSAGE when it is not an object."""
    item = _mapping(data, path, message)
    _known_keys(item, keys, path)
    return item


def _require(item: Mapping, key: str, path: str, message: str) -> None:
    if key not in item:
        raise CaseError(f"{path}.{key}", message)


def _choice(item: Mapping, key: str, allowed, path: str, what: str, *, listed: bool = True) -> Any:
    """ITEM's KEY, which must be one of ALLOWED (LISTED in the error); WHAT names it."""
    value = item.get(key)
    if value not in allowed:
        hint = f" ({', '.join(allowed)})" if listed else ""
        raise CaseError(f"{path}.{key}", f"{what} «{value}» không hợp lệ{hint}")
    return value


def _list(value: Any, path: str) -> list:
    if type(value) is list:
        return list(value)
    if not isinstance(value, list | tuple):
        raise CaseError(path, "phải là một danh sách")
    return list(value)


def _known_keys(item: Mapping, allowed: set[str], path: str) -> None:
    if type(item) is dict and item.keys() <= allowed:
        return
    for key in item:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            raise CaseError(where, f"trường «{key}» không được hỗ trợ")


def _int(value: Any, path: str, low: int, high: int, what: str = "giá trị") -> int:
    """VALUE as a whole number from LOW to HIGH; WHAT names it in the error."""
    if type(value) is int and low <= value <= high:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(path, f"{what} phải là số nguyên, nhận được «{value}»")
    if not low <= value <= high:
        raise CaseError(path, f"{what} {value} nằm ngoài khoảng {low}–{high}")
    return value


def _year(value: Any, path: str) -> int:
    return _int(value, path, MIN_YEAR, MAX_YEAR, "năm")


def _bool(value: Any, path: str) -> bool:
    if value is True or value is False:
        return value
    if not isinstance(value, bool):
        raise CaseError(path, f"phải là true hoặc false, nhận được «{value}»")
    return value


def _date(value: Any, path: str) -> dt.date:
    if type(value) is str and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseError(path, f"ngày «{value}» không hợp lệ (định dạng YYYY-MM-DD)")


def _codes(value: Any, path: str) -> frozenset[str]:
    items = _list(value, path)
    for i, code in enumerate(items):
        if code not in AWARD_CODES:
            raise CaseError(f"{path}[{i}]", f"mã danh hiệu, khen thưởng «{code}» không hợp lệ")
    return frozenset(items)
