"""The year of the emulation cycle that every app reads the same way."""

import datetime as dt


def evaluation_year() -> int:
    """The year being rated now: ratings of year Y are made in its last weeks or early Y+1."""
    today = dt.date.today()
    return today.year if today.month >= 11 else today.year - 1
