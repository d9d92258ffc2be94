import json

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapMixin, VersionedFormMixin
from thidua.registrations.models import NOTE_MAX, TARGETS_MAX

BAD_GRID = _("Không đọc được bảng đăng ký gửi lên; hãy tải lại trang và đăng ký lại.")


class SheetForm(VersionedFormMixin, forms.Form):
    """The sheet page's grid: the unit's own titles, its targets, and per person the
    ticked titles and a note.

    The page's script sends the person grid as one JSON field (`grid`: {"p": {pk: [codes]},
    "n": {pk: note}}) so a unit of a thousand people stays under the request's field limit;
    without the script, the same comes as `p<pk>` (one value per ticked code) and
    `n<pk>` fields. Either way `cleaned_data` holds `unit_codes`, `person_codes` and
    `person_notes` for the people of PERSON_PKS (and for anyone else ticked in the grid,
    whom the service refuses by name). `version`: the sheet's, 0 when it has none yet.
    """

    targets = forms.CharField(label=_("Chỉ tiêu, nội dung đăng ký của tập thể"), required=False, max_length=TARGETS_MAX,
                              widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}))
    unit_codes = forms.MultipleChoiceField(label=_("Danh hiệu tập thể đăng ký"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    grid = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, unit_choices=(), person_choices=(), person_pks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_codes"].choices = unit_choices
        self.person_codes_allowed = {code for code, _name in person_choices}
        self.person_pks = set(person_pks)

    def clean(self):
        data = super().clean()
        raw = self.data.get("grid") or ""
        codes: dict[int, list[str]] = {}
        notes: dict[int, str] = {}
        if raw:
            try:
                grid = json.loads(raw)
                picked = {int(pk): [str(c) for c in cs] for pk, cs in (grid.get("p") or {}).items()}
                typed = {int(pk): str(n) for pk, n in (grid.get("n") or {}).items()}
            except (ValueError, TypeError, AttributeError):
                raise forms.ValidationError(BAD_GRID) from None
        else:
            picked = {pk: self.data.getlist(f"p{pk}") for pk in self.person_pks}
            typed = {pk: self.data.get(f"n{pk}", "") for pk in self.person_pks}
        # Someone ticked who has meanwhile left the unit goes on to the service, which names them.
        others = {pk for pk, cs in picked.items() if cs and pk not in self.person_pks}
        for pk in self.person_pks | others:
            wanted = [c for c in picked.get(pk, []) if c]
            unknown = [c for c in wanted if c not in self.person_codes_allowed]
            if unknown:
                raise forms.ValidationError(BAD_GRID)
            codes[pk] = wanted
            note = " ".join((typed.get(pk) or "").split())
            if len(note) > NOTE_MAX:
                raise forms.ValidationError(_("Ghi chú dài quá %s ký tự.") % NOTE_MAX)
            notes[pk] = note
        data["person_codes"], data["person_notes"] = codes, notes
        return data


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Cần ghi rõ lý do.")})
