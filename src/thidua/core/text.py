"""Vietnamese text helpers: the search fold and name normalisation.

The fold is what the `search_key` columns hold, so "nguyen van phong" matches
"Nguyễn Văn Phóng" on SQLite and PostgreSQL alike without a database extension.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, diacritic-free, single-spaced form of TEXT ("Đặng  Thị Ánh" → "dang thi anh")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def clean_name(text: str | None) -> str:
    """NFC-normalised, single-spaced text: what we store for names typed or imported."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def search_tokens(query: str | None) -> list[str]:
    """The folded words of a search box entry; each must appear in a matching row."""
    return [t for t in fold(query).split(" ") if t][:8]


def display_name(user) -> str:
    """A Vietnamese full name: family and middle names (last_name) before the given name;
    the login name when the account has none; "" for no user."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.username
