"""Certificate layouts as plain values: the fields, their defaults (data/print/layouts.yaml),
validation, and which layout an award kind uses for a unit.

A layout is found for (kind, unit) by walking up the tree: the nearest unit with its own
`CertificateLayout` for the kind wins; without one, the shipped form that lists the kind,
else the default form.
"""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ApplicationError
from thidua.org.models import Unit, UnitKind
from thidua.org.paths import ancestor_paths, path_at_depth
from thidua.printing.models import CertificateLayout

LAYOUTS_FILE = "print/layouts.yaml"

FIELD_LABELS = {
    "award_name": _("Tên danh hiệu, hình thức"),
    "recipient_name": _("Tên cá nhân, tập thể"),
    "unit": _("Chức vụ, đơn vị"),
    "achievement": _("Thành tích"),
    "decision": _("Số, ngày quyết định"),
    "place_date": _("Địa danh, ngày tháng"),
    "signer_title": _("Chức vụ người ký"),
    "signer_name": _("Họ tên người ký"),
    "qr": _("Mã QR xác minh"),
}
FIELD_KEYS = tuple(FIELD_LABELS)

PLACEHOLDERS = {
    "recipient": _("«Ông/Bà» và họ tên, hoặc tên tập thể"),
    "name": _("họ tên hoặc tên tập thể, không kèm «Ông/Bà»"),
    "position_unit": _("chức vụ và đơn vị tại thời điểm khen thưởng"),
    "unit": _("đơn vị tại thời điểm khen thưởng"),
    "achievement": _("thành tích"),
    "award_name": _("tên danh hiệu, hình thức"),
    "year": _("năm (thời kỳ) thành tích"),
    "decision_number": _("số quyết định"),
    "decision_date": _("ngày quyết định (dd/mm/yyyy)"),
    "day": _("ngày ký (2 chữ số)"),
    "month": _("tháng ký"),
    "decided_year": _("năm ký"),
    "place": _("địa danh"),
    "signer_title": _("chức vụ người ký"),
    "signer_name": _("họ tên người ký"),
    "issuer": _("cấp quyết định"),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
ALIGNS = ("left", "center", "right", "justify")
ALIGN_LABELS = {"left": _("Trái"), "center": _("Giữa"), "right": _("Phải"), "justify": _("Đều hai bên")}
SIZE_RANGE = (Decimal(6), Decimal(72))
QR_RANGE = (Decimal(10), Decimal(60))
PAGE_RANGE = (Decimal(50), Decimal(1000))

PAGE_TOO_SMALL = _("Khổ giấy phải từ 50 đến 1000 mm mỗi chiều.")
FIELD_OFF_PAGE = _("Trường «%(field)s» nằm ngoài khổ giấy (x, y phải từ 0 đến chiều ngang, chiều dọc của phôi).")
FIELD_TOO_WIDE = _("Trường «%(field)s» rộng quá khổ giấy: x + độ rộng không được vượt chiều ngang của phôi.")
FIELD_WIDTH = _("Độ rộng của trường «%(field)s» phải lớn hơn 0.")
FIELD_SIZE = _("Cỡ chữ của trường «%(field)s» phải từ 6 đến 72.")
QR_SIZE = _("Mã QR phải có cạnh từ 10 đến 60 mm để quét được.")
FIELD_FONT = _("Phông chữ «%(font)s» của trường «%(field)s» không có trên máy chủ.")
FIELD_ALIGN = _("Cách căn lề «%(align)s» của trường «%(field)s» không hợp lệ.")
FIELD_PLACEHOLDER = _("Trường «%(field)s» dùng «{%(name)s}» không có trong danh sách trường trộn.")
FIELD_TEXT_LONG = _("Nội dung in của trường «%(field)s» dài quá %(max)s ký tự.")
# A printed field is a line or two; a longer pattern only multiplies its placeholders
# ({achievement} a thousand times over) into pages WeasyPrint would lay out for minutes.
FIELD_TEXT_MAX = 500
FIELD_NUMBER = _("Giá trị «%(value)s» của trường «%(field)s» không phải là số.")
NO_FIELDS = _("Bố cục phải in ít nhất tên người (tập thể) được khen thưởng.")


@dataclass
class Field:
    key: str
    x: Decimal
    y: Decimal
    width: Decimal
    enabled: bool = True
    font: str = "serif"
    size: Decimal = Decimal(14)
    bold: bool = False
    italic: bool = False
    align: str = "center"
    text: str = ""

    @property
    def label(self) -> str:
        return str(FIELD_LABELS.get(self.key, self.key))

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("x", "y", "width", "size"):
            out[key] = float(out[key])
        return out


@dataclass
class Layout:
    """One layout as plain values. SOURCE: "own" (the unit's row), "inherited" (an
    ancestor's row), "default" (shipped); OWNER the unit whose row it is, if any."""

    kind: str
    name: str
    page_width: Decimal
    page_height: Decimal
    fields: list[Field]
    place: str = ""
    signer_title: str = ""
    signer_name: str = ""
    source: str = "default"
    owner: Any = None
    row: Any = None
    version: int = 0
    background_name: str = ""

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def landscape(self) -> bool:
        return self.page_width > self.page_height


def _num(value, key: str, label) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ApplicationError(FIELD_NUMBER % {"value": value, "field": label}, {"field": "fields"}) from None
    if not number.is_finite():
        raise ApplicationError(FIELD_NUMBER % {"value": value, "field": label}, {"field": "fields"})
    return number.quantize(Decimal("0.1"))


def fonts() -> dict[str, dict[str, str]]:
    return _defaults()["fonts"]


def font_family(key: str) -> str:
    """The CSS family stack of font KEY; serif (Liberation Serif, metrics of Times New Roman)
    for an unknown one."""
    family = fonts().get(key, fonts()["serif"])["family"]
    fallback = "sans-serif" if "Sans" in family else "serif"
    return f"'{family}', {fallback}"


def placeholders_in(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text or "")


def fill(pattern: str, values: dict[str, Any]) -> str:
    """PATTERN with each {name} replaced by VALUES[name] (unknown names left as written).
    Plain substitution, not str.format: a pattern typed by a user reaches no attribute."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0)) or ""), pattern or "")


def _given(value, default):
    return default if value in (None, "") else value


def field_from(data: dict[str, Any]) -> Field:
    """One field from a dict (YAML, JSON or a form), validated only for types."""
    key = data["key"]
    label = FIELD_LABELS.get(key, key)
    return Field(
        key=key, x=_num(_given(data.get("x"), 0), key, label), y=_num(_given(data.get("y"), 0), key, label),
        width=_num(_given(data.get("width"), 20), key, label), enabled=bool(data.get("enabled", True)),
        font=str(data.get("font") or "serif"), size=_num(_given(data.get("size"), 14), key, label),
        bold=bool(data.get("bold", False)), italic=bool(data.get("italic", False)),
        align=str(data.get("align") or "center"), text=str(data.get("text") or "").replace("\r\n", "\n"),
    )


def validate(layout: Layout) -> None:
    """Raise ApplicationError (Vietnamese, `extra.field` naming the form part) for a layout
    that cannot be printed as meant."""
    if not (PAGE_RANGE[0] <= layout.page_width <= PAGE_RANGE[1] and PAGE_RANGE[0] <= layout.page_height
            <= PAGE_RANGE[1]):
        raise ApplicationError(PAGE_TOO_SMALL, {"field": "page_width"})
    known_fonts = fonts()
    for f in layout.fields:
        label = {"field": f.label}
        if not (0 <= f.x <= layout.page_width and 0 <= f.y <= layout.page_height):
            raise ApplicationError(FIELD_OFF_PAGE % label, {"field": "fields"})
        if f.width <= 0:
            raise ApplicationError(FIELD_WIDTH % label, {"field": "fields"})
        if f.x + f.width > layout.page_width:
            raise ApplicationError(FIELD_TOO_WIDE % label, {"field": "fields"})
        if f.key == "qr":
            if not QR_RANGE[0] <= f.width <= QR_RANGE[1]:
                raise ApplicationError(QR_SIZE, {"field": "fields"})
            continue
        if not SIZE_RANGE[0] <= f.size <= SIZE_RANGE[1]:
            raise ApplicationError(FIELD_SIZE % label, {"field": "fields"})
        if f.font not in known_fonts:
            raise ApplicationError(FIELD_FONT % (label | {"font": f.font}), {"field": "fields"})
        if f.align not in ALIGNS:
            raise ApplicationError(FIELD_ALIGN % (label | {"align": f.align}), {"field": "fields"})
        if len(f.text) > FIELD_TEXT_MAX:
            raise ApplicationError(FIELD_TEXT_LONG % (label | {"max": FIELD_TEXT_MAX}), {"field": "fields"})
        for name in placeholders_in(f.text):
            if name not in PLACEHOLDERS:
                raise ApplicationError(FIELD_PLACEHOLDER % (label | {"name": name}), {"field": "fields"})
    name_field = layout.field("recipient_name")
    if name_field is None or not name_field.enabled:
        raise ApplicationError(NO_FIELDS, {"field": "fields"})


# --- shipped defaults --------------------------------------------------------------------


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    with open(settings.DATA_DIR / LAYOUTS_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _form_for(kind: str) -> dict[str, Any]:
    forms = _defaults()["forms"]
    for form in forms.values():
        if kind in form.get("kinds", ()):
            return form
    return next(form for form in forms.values() if form.get("default"))


def default_layout(kind: str, *, place: str = "", signer_title: str = "", signer_name: str = "") -> Layout:
    form = _form_for(kind)
    fields = [field_from({"key": key, **form["fields"].get(key, {"enabled": False, "x": 0, "y": 0, "width": 20})})
              for key in FIELD_KEYS]
    return Layout(kind=kind, name=form["name"], page_width=Decimal(str(form["page"]["width"])),
                  page_height=Decimal(str(form["page"]["height"])), fields=fields, place=place,
                  signer_title=signer_title, signer_name=signer_name)


def from_row(row, *, source: str) -> Layout:
    by_key = {d.get("key"): d for d in row.fields}
    fields = [field_from(by_key[key]) if key in by_key else field_from({"key": key, "enabled": False})
              for key in FIELD_KEYS]
    return Layout(kind=row.kind, name=row.name, page_width=row.page_width, page_height=row.page_height,
                  fields=fields, place=row.place, signer_title=row.signer_title, signer_name=row.signer_name,
                  source=source, owner=row.unit, row=row, version=row.version,
                  background_name=row.background.name if row.background else "")


def place_name(root) -> str:
    """The place name certificates of ROOT's tree are dated at: its short name ("Bắc Ninh"),
    else its name without "UBND tỉnh"."""
    if root.short_name:
        return root.short_name
    for prefix in ("Ủy ban nhân dân tỉnh ", "UBND tỉnh ", "Ủy ban nhân dân thành phố ", "UBND thành phố "):
        if root.name.startswith(prefix):
            return root.name[len(prefix):]
    return root.name


def places_of(units) -> dict[str, str]:
    """The place name of each root above UNITS, by the root's path, in one query."""
    roots = {path_at_depth(u.path, 1) for u in units}
    found = {root.path: place_name(root) for root in Unit.objects.filter(path__in=roots)} if roots else {}
    return {path: found.get(path, "") for path in roots}


def place_of(unit) -> str:
    """The place name a paper of UNIT is dated at: the administrative unit where its body
    sits (Nghị định 30/2020, Appendix I): the commune for a commune's People's Committee and
    the bodies under it, else the province (`place_name` of the root)."""
    commune = (Unit.objects.filter(path__in=ancestor_paths(unit.path), kind=UnitKind.UBND_XA)
               .order_by("-depth").first() if unit.depth > 1 else None)
    if commune is not None:
        return _commune_place(commune)
    return place_name(unit) if unit.depth == 1 else places_of([unit])[path_at_depth(unit.path, 1)]


_COMMUNE_WORDS = ("UBND ", "Ủy ban nhân dân ", "xã ", "phường ", "thị trấn ", "đặc khu ")


def _commune_place(commune) -> str:
    """"UBND phường Hương Thủy" → "Hương Thủy"; a numbered one keeps its word ("Phường 5")."""
    name = commune.short_name or commune.name
    for word in _COMMUNE_WORDS:
        if name.startswith(word) and not name[len(word):].strip().isdigit():
            name = name[len(word):]
    return name[:1].upper() + name[1:]


def signer_defaults(kind_info) -> tuple[str, str]:
    """A starting signer title for KIND_INFO's authority level (edited per authority)."""
    levels = set(getattr(kind_info, "authority_levels", ()) or ())
    if "thu_tuong" in levels:
        return "THỦ TƯỚNG", ""
    if "tinh" in levels:
        return "CHỦ TỊCH", ""
    return "THỦ TRƯỞNG ĐƠN VỊ", ""


class Resolver:
    """Effective layouts for many (kind, unit) pairs: one query for the layouts of the
    kinds, one for the place names of the units' roots (UNITS, when the caller knows them
    up front; else one per root met). What a batch of 500 certificates needs."""

    def __init__(self, kinds: set[str], units=()):
        self._rows: dict[tuple[str, str], Any] = {
            (row.kind, row.unit.path): row
            for row in CertificateLayout.objects.filter(kind__in=kinds).select_related("unit")
        }
        self._cache: dict[tuple[str, str], Layout] = {}
        self._shared: dict[tuple, Layout] = {}
        self._places: dict[str, str] = places_of(units) if units else {}

    def layout(self, kind: str, unit, *, kind_info=None) -> Layout:
        key = (kind, unit.path)
        if key not in self._cache:
            self._cache[key] = self._resolve(kind, unit, kind_info)
        return self._cache[key]

    def place(self, unit) -> str:
        root = path_at_depth(unit.path, 1)
        if root not in self._places:
            self._places |= places_of([unit])
        return self._places[root]

    def _resolve(self, kind: str, unit, kind_info) -> Layout:
        # Units that end up with the same layout share one object: the PDF then holds one
        # set of page and field styles per layout, not one per unit (500 certificates over
        # 450 units took 20 s to draw with a copy each, 12 s shared).
        for path in reversed(ancestor_paths(unit.path)):
            row = self._rows.get((kind, path))
            if row is not None:
                source = "own" if path == unit.path else "inherited"
                key = ("row", row.pk, source)
                if key not in self._shared:
                    self._shared[key] = from_row(row, source=source)
                return self._shared[key]
        title, name = signer_defaults(kind_info)
        place = self.place(unit)
        key = ("default", kind, place, title, name)
        if key not in self._shared:
            self._shared[key] = default_layout(kind, place=place, signer_title=title, signer_name=name)
        return self._shared[key]


def effective_layout(kind: str, unit, *, kind_info=None) -> Layout:
    return Resolver({kind}).layout(kind, unit, kind_info=kind_info)

