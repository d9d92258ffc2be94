"""What a user reads on a page, and the words in it that are not theirs (issue 13).

`visible(html)` parses a page the way a reader meets it: text outside <script>/<style>,
plus the attributes a browser shows or reads aloud (title, placeholder, aria-label, alt,
the label of a button input). `check(page, ...)` lists what must not be there: an award
kind or rating code, a snake_case identifier, a note about our research (LAW.md, a
confidence mark), an English word, a date in ISO form. `links(html)` gives the addresses
a user can reach by GET from the page: links, htmx GETs and GET forms with their defaults.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
SKIPPED_ELEMENTS = {"script", "style"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# English a page might leak: Django's defaults, Python values, model field names made
# into labels. Words a Vietnamese officer writes as they are ("Email", "Excel", "PDF",
# "Word", "OK") are not here.
ENGLISH_WORDS = (
    "Created", "Updated", "Modified", "Year", "Rating", "Note", "Notes", "Role", "None", "True", "False",
    "Status", "Edit", "Delete", "Save", "Submit", "Search", "Cancel", "Name", "Date", "Type", "Kind",
    "Unit", "Person", "Award", "Title", "Level", "Version", "Reason", "Comment", "Details", "Detail",
    "Previous", "Next", "Loading", "Error", "Warning", "Unknown", "Select", "Choose", "Upload", "Download",
    "Username", "Password", "Login", "Logout", "Draft", "Submitted", "Approved", "Rejected", "Returned",
    "Pending", "Active", "Inactive", "Yes", "Page", "Total", "Amount", "Filter", "Clear", "Close",
    "Back", "Home", "Dashboard", "Settings", "Individual", "Collective", "Household", "Member", "Deputy",
    "Chair", "Secretary", "Signed", "Issued", "Revoked", "Months", "Worked", "Layout", "Field", "Value",
    "null", "undefined", "NaN", "object",
)
ENGLISH = re.compile(r"(?<![\w'])(" + "|".join(ENGLISH_WORDS) + r")(?![\w'])", re.IGNORECASE)
SNAKE = re.compile(r"(?<![\w/.-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w/.-])")
RESEARCH = re.compile(r"\b[A-Z]+\.md\b|\((?:Q|U)\)|\((?:Q|U) [—–-]|chưa xác nhận|chưa xác minh|§[A-Z]\d*")
ISO_DATE = re.compile(r"(?<![\w/-])\d{4}-\d{2}-\d{2}(?![\w/-])")
# Stripped before the checks, each for its reason: an e-mail address and a file's name are
# what the user typed or uploaded; an address is where a link goes.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FILE_NAME = re.compile(r"[\w.-]+\.(?:xlsx|xls|docx|doc|pdf|odt|ods|png|jpe?g|csv|txt|zip)\b", re.IGNORECASE)
ADDRESS = re.compile(r"https?://\S+")


@dataclass
class Page:
    """The text of one page: chunks of (text, inside a <code> element)."""

    chunks: list[tuple[str, bool]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    htmx: set[str] = field(default_factory=set)  # the links htmx asks for (a partial answer)

    @property
    def text(self) -> str:
        return " · ".join(text for text, _ in self.chunks)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.skip = 0
        self.code = 0
        self.forms: list[dict] = []  # open GET forms: action and fields

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SKIPPED_ELEMENTS:
            self.skip += 1
        if tag == "code":
            self.code += 1
        for name in SHOWN_ATTRIBUTES:
            if a.get(name):
                self._say(a[name])
        if tag == "input" and a.get("type") in ("submit", "button", "reset") and a.get("value"):
            self._say(a["value"])
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        if a.get("hx-get"):
            self.page.links.append(a["hx-get"])
            self.page.htmx.add(a["hx-get"])
        self._form_field(tag, a)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skip:
            self.skip -= 1
        if tag == "code" and self.code:
            self.code -= 1
        if tag == "select" and self.forms and self.forms[-1].get("select"):
            name, options = self.forms[-1].pop("select")
            if options:
                self.forms[-1]["fields"].append((name, options[0]))
        if tag == "form" and self.forms:
            form = self.forms.pop()
            if form["get"]:
                query = urlencode([(k, v) for k, v in form["fields"] if v])
                self.page.links.append(f"{form['action']}?{query}" if query else form["action"])

    def handle_data(self, data):
        if not self.skip:
            self._say(data)

    def _say(self, text):
        text = " ".join(text.split())
        if text:
            self.page.chunks.append((text, bool(self.code)))

    def _form_field(self, tag, a):
        """The values a GET form sends untouched: the user pressing its button as it comes."""
        if tag == "form":
            self.forms.append({"get": (a.get("method") or "get").lower() == "get",
                               "action": a.get("action") or "", "fields": []})
            return
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "option" and form.get("select"):
            options, value = form["select"][1], a.get("value") or ""
            if "selected" in a:
                options.insert(0, value)  # the one sent
            else:
                options.append(value)
            return
        if not a.get("name"):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "reset", "file", "checkbox", "radio"):
            form["fields"].append((a["name"], a.get("value") or ""))
        elif tag == "input" and "checked" in a:
            form["fields"].append((a["name"], a.get("value") or "on"))
        elif tag == "select":
            form["select"] = (a["name"], [])


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


@dataclass(frozen=True)
class Finding:
    what: str  # which rule
    offending: str
    context: str

    def __str__(self):
        return f"{self.what} “{self.offending}” in: …{self.context}…"


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    return text[max(0, start - width):end + width]


def check(page: Page, *, codes: frozenset[str], allowed: frozenset[str] = frozenset(),
          codes_in_code_elements: bool = False, also_stripped: tuple[re.Pattern, ...] = ()) -> list[Finding]:
    """What on PAGE a user must not read. ALLOWED are exact strings removed first (the
    usernames); CODES_IN_CODE_ELEMENTS lets a page show codes inside <code> (the catalog's
    administration page, where the code is the stable key the administrator edits);
    ALSO_STRIPPED are patterns a page may show (a template's merge fields)."""
    chunks = [text for text, in_code in page.chunks if not (codes_in_code_elements and in_code)]
    text = " · ".join(chunks)
    for pattern in (EMAIL, FILE_NAME, ADDRESS, *also_stripped):
        text = pattern.sub(" ", text)
    if allowed:
        text = re.sub(r"(?<![\w.-])(?:" + "|".join(map(re.escape, sorted(allowed, key=len, reverse=True)))
                      + r")(?![\w.-])", " ", text)
    found = []
    if codes:
        code_pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(codes, key=len, reverse=True)))
                                  + r")(?![\w-])")
        found += [Finding("mã", m.group(1), _context(text, *m.span())) for m in code_pattern.finditer(text)]
    for what, pattern in (("snake_case", SNAKE), ("ghi chú nghiên cứu", RESEARCH), ("tiếng Anh", ENGLISH),
                          ("ngày ISO", ISO_DATE)):
        for m in pattern.finditer(text):
            if what == "snake_case" and m.group(0) in codes:
                continue  # already told as a code
            found.append(Finding(what, m.group(0), _context(text, *m.span())))
    return found
