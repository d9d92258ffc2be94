"""The Vietnamese working-day calendar (ngày làm việc) for statutory time limits (LAW.md §D4).

Saturdays and Sundays are off; so are the public holidays of the Labour Code 2019 Art. 112
with their substitute days, and the days the Government announces each year, which
data/holidays.yaml records with sources (see its header for what is computed for the
years it does not list). A Saturday announced as worked in exchange for a swapped
weekday ("làm bù") is a working day.

Contract:
- `is_working_day(day)`; `holidays(year)` — the public days off of YEAR (announced
  ranges include the weekend days inside them).
- `add_working_days(start, n)` — the date N working days after START (before it for a
  negative N); N=0 gives START when it is a working day, else the next working day.
- `working_days_between(a, b)` — working days after A up to and including B; negative
  when B < A; so `working_days_between(d, add_working_days(d, n)) == n` for n ≥ 1.

The calendar data is read once per process; `HolidayDataError` names the file and entry
of any malformed value.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from lunar_vn import LunarDate, lunar_to_solar

ONE_DAY = dt.timedelta(days=1)
OCCASIONS = ("new_year", "tet", "hung_kings", "reunification", "labour_day", "national_day")
# The lunar conversion is valid for these years; the statutory limits never reach past them.
SUPPORTED_YEARS = range(1901, 2100)


class HolidayDataError(ValueError):
    """data/holidays.yaml holds something that is not a valid calendar entry."""


@dataclass(frozen=True)
class YearData:
    occasions: dict[str, tuple[dt.date, dt.date]]
    working_saturdays: frozenset[dt.date]


def _holidays_file() -> Path:
    return Path(getattr(settings, "THIDUA_HOLIDAYS_FILE", settings.DATA_DIR / "holidays.yaml"))


def _as_date(value, where: str) -> dt.date:
    # YAML turns an unquoted ISO date into a date; anything else (a string such as
    # "2025-02-30", a number) is refused with the place it came from.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise HolidayDataError(f"{where}: «{value}» is not a date (YYYY-MM-DD)")


def parse_holiday_data(raw, source: str = "holidays.yaml") -> dict[int, YearData]:
    """Validate the loaded YAML document RAW and return {year: YearData}.

    Raises HolidayDataError naming SOURCE and the entry for an unknown key or occasion, a
    bad date, a range ending before it starts or outside its year, a working Saturday that
    is not a Saturday.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("years"), dict):
        raise HolidayDataError(f"{source}: expected a mapping with a 'years' mapping")
    result: dict[int, YearData] = {}
    for year, entry in raw["years"].items():
        where = f"{source}: years.{year}"
        if not isinstance(year, int) or year not in SUPPORTED_YEARS:
            raise HolidayDataError(f"{where}: the year must be a number between 1901 and 2099")
        entry = entry or {}
        if not isinstance(entry, dict) or set(entry) - {"occasions", "working_saturdays"}:
            raise HolidayDataError(f"{where}: only 'occasions' and 'working_saturdays' are allowed")
        occasions: dict[str, tuple[dt.date, dt.date]] = {}
        for code, spec in (entry.get("occasions") or {}).items():
            here = f"{where}.occasions.{code}"
            if code not in OCCASIONS:
                raise HolidayDataError(f"{here}: unknown occasion (one of {', '.join(OCCASIONS)})")
            if not isinstance(spec, dict) or "from" not in spec or "to" not in spec:
                raise HolidayDataError(f"{here}: needs 'from' and 'to'")
            if not spec.get("source"):
                raise HolidayDataError(f"{here}: needs a 'source'")
            first, last = _as_date(spec["from"], f"{here}.from"), _as_date(spec["to"], f"{here}.to")
            if last < first:
                raise HolidayDataError(f"{here}: 'to' ({last}) is before 'from' ({first})")
            if first.year != year or last.year != year or (last - first).days > 15:
                raise HolidayDataError(f"{here}: the range {first}–{last} does not belong to {year}")
            occasions[code] = (first, last)
        saturdays = set()
        for index, item in enumerate(entry.get("working_saturdays") or []):
            here = f"{where}.working_saturdays[{index}]"
            if not isinstance(item, dict) or "date" not in item or not item.get("source"):
                raise HolidayDataError(f"{here}: needs 'date' and 'source'")
            day = _as_date(item["date"], f"{here}.date")
            if day.weekday() != 5 or day.year != year:
                raise HolidayDataError(f"{here}: {day} is not a Saturday of {year}")
            saturdays.add(day)
        result[year] = YearData(occasions, frozenset(saturdays))
    return result


class _DatesAsText(yaml.SafeLoader):
    """YAML without implicit timestamps: PyYAML would raise a bare ValueError on 2025-02-30
    before we could say where it is; dates stay text and `_as_date` checks them."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_holiday_yaml(text, source: str = "holidays.yaml") -> dict[int, YearData]:
    """Parse and validate holiday YAML (a string or a stream); see `parse_holiday_data`."""
    try:
        raw = yaml.load(text, Loader=_DatesAsText)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise HolidayDataError(f"{source}: not valid YAML ({exc})") from exc
    return parse_holiday_data(raw, source)


@cache
def _announced() -> dict[int, YearData]:
    path = _holidays_file()
    with path.open(encoding="utf-8") as handle:
        return read_holiday_yaml(handle, str(path))


def _range(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}


def _computed_occasions(year: int) -> dict[str, set[dt.date]]:
    """The statutory days of YEAR without the substitute days (Labour Code Art. 112)."""
    new_year_lunar = lunar_to_solar(LunarDate(1, 1, year))
    national = dt.date(year, 9, 2)
    # Monday → 1/9 would be a Sunday; Thursday → 3/9 bridges to the weekend.
    adjacent = national + ONE_DAY if national.weekday() in (0, 3) else national - ONE_DAY
    return {
        "new_year": {dt.date(year, 1, 1)},
        "tet": _range(new_year_lunar - ONE_DAY, new_year_lunar + 3 * ONE_DAY),
        "hung_kings": {lunar_to_solar(LunarDate(10, 3, year))},
        "reunification": {dt.date(year, 4, 30)},
        "labour_day": {dt.date(year, 5, 1)},
        "national_day": {national, adjacent},
    }


@cache
def _year_calendar(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, working Saturdays) of YEAR."""
    if year not in SUPPORTED_YEARS:
        raise ValueError(f"The working-day calendar covers 1901–2099, not {year}")
    data = _announced().get(year, YearData({}, frozenset()))
    days_off: set[dt.date] = set()
    statutory: set[dt.date] = set()
    for code, days in _computed_occasions(year).items():
        if code in data.occasions:
            days_off |= _range(*data.occasions[code])
        else:
            statutory |= days
    days_off |= statutory
    # Substitute days (Art. 111(3)): each computed holiday on a weekend moves to the next
    # weekday that is not already off; announced ranges carry their own.
    for day in sorted(d for d in statutory if d.weekday() >= 5):
        substitute = day + ONE_DAY
        while substitute.weekday() >= 5 or substitute in days_off:
            substitute += ONE_DAY
        days_off.add(substitute)
    # Every computed or announced day falls in its own Gregorian year: Tết begins on
    # 20/1 at the earliest, and the validation refuses ranges that cross the year.
    return frozenset(days_off), data.working_saturdays


def _days_off(year: int) -> frozenset[dt.date]:
    return _year_calendar(year)[0]


def holidays(year: int) -> set[dt.date]:
    """Every public day off of YEAR (holidays, substitute and swapped days, announced breaks)."""
    return set(_days_off(year))


def is_working_day(day: dt.date) -> bool:
    off, worked_saturdays = _days_off(day.year), _year_calendar(day.year)[1]
    if day in worked_saturdays:
        return True
    return day.weekday() < 5 and day not in off


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date N working days after START (N < 0: before); N=0: START or the next working day."""
    day = start
    if n == 0:
        while not is_working_day(day):
            day += ONE_DAY
        return day
    step = ONE_DAY if n > 0 else -ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days after A up to and including B; negative (−count in (B, A]) when B < A."""
    if b < a:
        return -working_days_between(b, a)
    count = 0
    day = a + ONE_DAY
    while day <= b:
        if is_working_day(day):
            count += 1
        day += ONE_DAY
    return count


def clear_cache() -> None:
    """Forget the loaded calendar (tests that point THIDUA_HOLIDAYS_FILE elsewhere)."""
    _announced.cache_clear()
    _year_calendar.cache_clear()
