"""Read a form off a rendered page as a browser would submit it, so a test can post back
exactly what the page carried (hidden fields included) with a few values changed."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._multiple = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "values": {}, "names": set()}
            self.forms.append(self._form)
        if self._form is None and not a.get("form"):
            return
        name = a.get("name")
        if tag == "input" and name:
            self._form["names"].add(name)
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind == "checkbox" and name in self._form["values"]:  # ticked boxes of one name: all of them
                before = self._form["values"][name]
                value = [*(before if isinstance(before, list) else [before]), value]
            self._form["values"][name] = value
        elif tag == "select" and name:
            self._form["names"].add(name)
            self._select = name
            self._multiple = "multiple" in a
            self._form["values"].setdefault(name, [] if self._multiple else None)
        elif tag == "option" and self._select:
            values = self._form["values"]
            if self._multiple:  # the selected options, none when none is
                if "selected" in a:
                    values[self._select].append(a.get("value") or "")
            # The selected option, else the first one.
            elif "selected" in a or values.get(self._select) is None:
                values[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._form["names"].add(name)
            self._textarea = name
            self._form["values"][name] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["values"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._form is not None and self._multiple and not self._form["values"].get(self._select):
                self._form["values"].pop(self._select, None)  # a browser sends nothing for it
            self._select = None
        elif tag == "textarea":
            if self._form is not None and self._textarea:
                # A browser drops the one newline that may follow <textarea>.
                value = self._form["values"][self._textarea]
                self._form["values"][self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None


def form_values(html: str | bytes, field: str) -> dict[str, str | list[str]]:
    """The values the first form holding an input named FIELD would post (a list for a
    multiple select or several ticked boxes of one name)."""
    parser = _Forms()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    for form in parser.forms:
        if field in form["names"]:
            return {k: ("" if v is None else v) for k, v in form["values"].items()}
    raise AssertionError(f"no form with a field named {field!r} on the page")


def race(first, second, url: str, field: str, first_sets: dict, second_sets: dict, post_url: str = ""):
    """Two signed-in clients open the form at URL (the one holding FIELD); FIRST saves
    FIRST_SETS, then SECOND saves SECOND_SETS on what its page showed before. Answers
    the two responses."""
    mine = form_values(first.get(url).content, field)
    theirs = form_values(second.get(url).content, field)
    first_response = first.post(post_url or url, {**mine, **first_sets})
    return first_response, second.post(post_url or url, {**theirs, **second_sets})


def assert_refused_as_stale(response, *, saved_by: str, kept: str) -> None:
    """RESPONSE is the page of a save refused as stale: it names SAVED_BY, who saved
    meanwhile, and still holds KEPT, what the refused user typed."""
    body = response.content.decode()
    assert response.status_code == 200
    assert "sau khi bạn mở trang này" in body and saved_by in body
    assert kept in body
