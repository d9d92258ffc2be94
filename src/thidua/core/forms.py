"""Form pieces shared by every app: dd/mm/yyyy dates and Bootstrap classes."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VNDateField(forms.DateField):
    """A date typed and shown as dd/mm/yyyy, whatever the browser's locale."""

    widget = forms.DateInput(format="%d/%m/%Y", attrs={"class": "form-control date-input", "placeholder": "dd/mm/yyyy",
                                                       "autocomplete": "off"})
    default_error_messages = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 02/01/2024.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"])
        super().__init__(**kwargs)


def check_dates_in_order(form, data: dict, first: str, last: str, message) -> None:
    """Put MESSAGE on the date field LAST when it falls before the date field FIRST (either
    may be empty)."""
    start, end = data.get(first), data.get(last)
    if start and end and end < start:
        form.add_error(last, message)


class SearchableSelect(forms.Select):
    """A drop-down the page turns into a searchable one (tom-select, `thidua.js`: select[data-tom])."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-tom": "", **(attrs or {})}, choices)


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multiple choice the page turns into a searchable one with tags (as `SearchableSelect`)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-tom": "", **(attrs or {})}, choices)


class BootstrapMixin:
    """Adds Bootstrap classes so templates can render fields one by one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                continue  # a list of inputs, each with its label: no box around the whole list
            if isinstance(widget, forms.Select):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-control"
            existing = widget.attrs.get("class", "")
            if css not in existing:
                widget.attrs["class"] = f"{existing} {css}".strip()


class VersionField(forms.IntegerField):
    """The version of the record a form was loaded with (`core.concurrency`), hidden.

    Not required: a client that sends none (a script) is not compared; every page we
    render sends it."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class VersionedFormMixin:
    """An edit form that carries the loaded record's version in a hidden `version` field.

    Pass ``version=record.version`` (0 for "nothing saved yet"); the service receives
    ``form.cleaned_data["version"]`` and refuses a stale save (`concurrency.StaleError`).
    `views_util.form_error` then shows who saved meanwhile and the values they saved, keeps
    what the user typed, and moves the hidden version to the current one, so pressing Save
    again is a deliberate overwrite."""

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = VersionField(initial=version)
        self.stale = None

    def rebase(self, values: dict) -> None:
        """Put VALUES (hidden fields: the current version) in the submitted data, so the
        re-rendered form posts them next time."""
        data = self.data.copy()
        for name, value in values.items():
            data[self.add_prefix(name)] = value
        self.data = data
