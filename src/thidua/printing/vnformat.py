"""Numbers, money and dates written the way Vietnamese administrative documents write them.

`date_line` follows Decree 30/2020 Annex I: a day below 10 and the months 1 and 2 take a
leading zero ("ngày 05 tháng 02 năm 2026", "ngày 12 tháng 7 năm 2026"). `money_words`
spells an amount for the "(Bằng chữ: …)" of a decision.
"""

import datetime as dt

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", " nghìn", " triệu", " tỷ")


def vnd(amount: int | None) -> str:
    """7590000 → "7.590.000"; empty for None."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".")


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def day_month(day: dt.date) -> tuple[str, str]:
    """The day and month as the place-and-date line writes them (Decree 30/2020)."""
    return f"{day.day:02d}", f"{day.month:02d}" if day.month < 3 else str(day.month)


def date_line(day: dt.date | None) -> str:
    """"ngày 02 tháng 7 năm 2026"; a dotted blank when the date is not known yet."""
    if day is None:
        return "ngày      tháng      năm"
    d, m = day_month(day)
    return f"ngày {d} tháng {m} năm {day.year}"


def _three(n: int, full: bool) -> str:
    """Words for 0 ≤ N < 1000; FULL when a higher group precedes (then "không trăm", "linh")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_words(n: int) -> str:
    """1_520_000 → "một triệu năm trăm hai mươi nghìn"; groups above a billion repeat "tỷ"."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return _DIGITS[0]
    billions, rest = divmod(n, 1_000_000_000)
    head = number_words(billions) + " tỷ" if billions else ""
    groups = [rest // 1_000_000 % 1000, rest // 1000 % 1000, rest % 1000]
    parts: list[str] = [head] if head else []
    for i, group in enumerate(groups):
        if group == 0:
            continue
        parts.append(_three(group, full=bool(parts)) + _GROUPS[2 - i])
    return " ".join(parts)


def money_words(amount: int | None) -> str:
    """7_590_000 → "Bảy triệu năm trăm chín mươi nghìn đồng"."""
    if amount is None:
        return ""
    text = number_words(int(amount)) + " đồng"
    return text[0].upper() + text[1:]


def count_text(n: int) -> str:
    """Counts in documents take two digits: "02 tập thể", "15 cá nhân"."""
    return f"{n:02d}"
