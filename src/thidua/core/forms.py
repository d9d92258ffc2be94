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
