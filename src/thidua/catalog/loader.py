"""Reading and validating the catalog files (data/catalog/*.yaml). No database access.

Every problem raises `CatalogError` naming the file, the entry (the award code, or the
date of a base-salary row) and the field, with a Vietnamese message an administrator can
act on. `validate_kind` is also what the catalog page uses to check a new version typed
by an administrator, so a file and a form accept exactly the same entries.
"""

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from thidua.catalog.models import AuthorityLevel, BaseSalary, Category, KindGroup, SubjectKind
from thidua.core.sectors import Sector

CATALOG_DIR = Path(settings.DATA_DIR) / "catalog"
KINDS_FILE = CATALOG_DIR / "award_kinds.yaml"
SALARY_FILE = CATALOG_DIR / "base_salary.yaml"
# Legal tables of earlier decrees, loaded as earlier versions of the kinds they list (ADR 0015).
EARLIER_TABLES = (CATALOG_DIR / "coefficients_nd98.yaml",)

CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,31}$")
SUBJECTS = tuple(SubjectKind.values)
SECTORS = tuple(Sector.values)
LEVELS = tuple(AuthorityLevel.values)
STATE_LEVELS = frozenset({AuthorityLevel.THU_TUONG, AuthorityLevel.CHU_TICH_NUOC})

KIND_FIELDS = frozenset({
    "code", "name", "category", "group", "subjects", "authority", "coefficients",
    "requires_public_consultation", "certificate", "rank", "legal_basis", "variant_of", "note", "valid_from",
    "sectors",
})
REQUIRED_KIND_FIELDS = ("code", "name", "category", "group", "subjects", "authority", "rank", "legal_basis")


class CatalogError(ValueError):
    """A catalog file or entry that cannot be loaded; `file`, `entry`, `field` say where."""

    def __init__(self, message: str, *, file: str = "", entry: str = "", field: str = ""):
        self.message, self.file, self.entry, self.field = message, file, entry, field
        where = [part for part in (
            file, f"mục «{entry}»" if entry else "", f"trường «{field}»" if field else "") if part]
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


@dataclass(frozen=True)
class KindEntry:
    code: str
    valid_from: dt.date
    data: dict[str, Any]
    hash: str


@dataclass(frozen=True)
class SalaryEntry:
    effective_from: dt.date
    amount: int
    rounding: str
    rounding_step: int
    legal_basis: list[str]
    hash: str


def content_hash(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _display(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(settings.PROJECT_DIR).resolve()))
    except ValueError:
        return str(path)


# libyaml's safe loader when PyYAML was built with it (its wheels are): the same documents,
# read some seven times faster — the catalog is read on every load, every test's included.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    name = _display(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"không đọc được tệp ({exc.strerror or exc}).", file=name) from exc
    try:
        return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise CatalogError(f"tệp không đúng cú pháp YAML: {exc}", file=name) from exc


def _date(value: Any, fail) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    fail("phải là một ngày dạng YYYY-MM-DD.")
    raise AssertionError  # fail() raises


def _text_list(value: Any, fail, *, what: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        fail(f"thiếu {what} (cần ít nhất một dòng).")
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            fail(f"mỗi {what} phải là một dòng chữ, không để trống.")
        items.append(" ".join(item.split()))
    return items


def _coefficient(value: Any, fail) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        fail("hệ số phải là một số (hoặc null khi không có tiền thưởng).")
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        fail(f"«{value}» không phải là số.")
    if not number.is_finite():
        fail(f"«{value}» không phải là số.")
    if number < 0:
        fail(f"hệ số {value} âm; hệ số tiền thưởng không được âm.")
    if number > 1000:
        fail(f"hệ số {value} quá lớn.")
    text = format(number.normalize(), "f")
    return text


def _failer(file: str, entry: str):
    """FAIL(field)(message) raises the CatalogError of FIELD of ENTRY in FILE."""
    def failer(field: str):
        def fail(message: str):
            raise CatalogError(message, file=file, entry=entry, field=field)
        return fail
    return failer


def _check_fields(raw: Mapping, failer) -> None:
    """Every field of RAW known, every required one given."""
    for key in raw:
        if key not in KIND_FIELDS:
            failer(str(key))(f"trường không được biết; các trường hợp lệ: {', '.join(sorted(KIND_FIELDS))}.")
    for key in REQUIRED_KIND_FIELDS:
        if raw.get(key) in (None, "", []):
            if key == "legal_basis":
                failer(key)("thiếu căn cứ pháp lý; mỗi loại khen thưởng phải trích dẫn ít nhất một văn bản.")
            failer(key)("bắt buộc, chưa có giá trị.")


def _named(value: Any, allowed, what: str, fail) -> list[str]:
    """The WHAT VALUE names (one, or a list) among ALLOWED, in ALLOWED's order."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        fail(f"phải là danh sách {what}.")
    for s in value:
        if s not in allowed:
            fail(f"{what} «{s}» không hợp lệ; chọn trong: {', '.join(allowed)}.")
    return [s for s in allowed if s in value]


def _authority(authority: Any, failer) -> tuple[str, list[str]]:
    """The authority's text and its levels, in the catalog's order."""
    if not isinstance(authority, Mapping) or set(authority) - {"text", "levels"}:
        failer("authority")("phải có dạng {text: «cấp quyết định», levels: [mã cấp…]}.")
    text = " ".join(str(authority.get("text") or "").split())
    if not text:
        failer("authority.text")("chưa ghi cấp có thẩm quyền quyết định.")
    levels_raw = authority.get("levels") or []
    if isinstance(levels_raw, str):
        levels_raw = [levels_raw]
    if not isinstance(levels_raw, list) or not levels_raw:
        failer("authority.levels")(f"cần ít nhất một mã cấp: {', '.join(LEVELS)}.")
    for level in levels_raw:
        if level not in LEVELS:
            failer("authority.levels")(f"mã cấp «{level}» không hợp lệ; chọn trong: {', '.join(LEVELS)}.")
    return text, [lv for lv in LEVELS if lv in levels_raw]


def _coefficients(value: Any, subjects: list[str], failer) -> dict[str, str | None]:
    """The money coefficient of each subject (None: no money), only for SUBJECTS."""
    value = value or {}
    if not isinstance(value, Mapping):
        failer("coefficients")("phải có dạng {individual: số, collective: số, household: số}.")
    coefficients: dict[str, str | None] = dict.fromkeys(SUBJECTS)
    for subject, number in value.items():
        fail = failer(f"coefficients.{subject}")
        if subject not in SUBJECTS:
            fail(f"đối tượng «{subject}» không hợp lệ; chọn trong: {', '.join(SUBJECTS)}.")
        if subject not in subjects and number is not None:
            fail(f"có hệ số cho «{subject}» nhưng loại khen thưởng này không tặng cho đối tượng đó.")
        coefficients[subject] = _coefficient(number, fail)
    return coefficients


def _flags(raw: Mapping, levels: list[str], failer) -> tuple[bool, bool]:
    """Whether the kind is published for comment first, and whether it comes with a certificate."""
    consultation = raw.get("requires_public_consultation")
    if consultation is None:
        # LAW.md §D5: State-level forms are published for comment before the decision.
        consultation = any(level in STATE_LEVELS for level in levels)
    elif not isinstance(consultation, bool):
        failer("requires_public_consultation")("phải là true hoặc false.")
    certificate = raw.get("certificate", True)
    if not isinstance(certificate, bool):
        failer("certificate")("phải là true hoặc false.")
    return consultation, certificate


def _variant_of(value: Any, code: str, known_codes, fail) -> str | None:
    """The code the kind is a variant of, which KNOWN_CODES hold, or None."""
    if not value:
        return None
    variant_of = str(value).strip()
    if variant_of == code:
        fail("không thể là biến thể của chính nó.")
    if variant_of not in known_codes:
        fail(f"tham chiếu mã «{variant_of}» không có trong danh mục.")
    return variant_of


def validate_kind(raw: Any, *, known_codes: frozenset[str] | set[str], file: str = "", entry: str = "",
                  default_valid_from: dt.date | None = None) -> tuple[dict[str, Any], dt.date]:
    """The normalized entry (JSON-able) and its valid_from, or CatalogError.

    KNOWN_CODES are the codes `variant_of` may name (the file's, or the database's).
    """
    if not isinstance(raw, Mapping):
        raise CatalogError("mỗi mục phải là một bảng khóa: giá trị (code, name, …).", file=file, entry=entry)
    code_value = raw.get("code")
    failer = _failer(file, entry or (str(code_value) if code_value else "?"))
    _check_fields(raw, failer)

    code = str(code_value).strip()
    if not CODE_RE.match(code):
        failer("code")(f"mã «{code}» không hợp lệ: chữ in hoa không dấu, số và dấu gạch dưới, 2–32 ký tự.")
    name = " ".join(str(raw["name"]).split())
    if len(name) > 255:
        failer("name")("tên dài quá 255 ký tự.")
    category = raw["category"]
    if category not in Category.values:
        failer("category")(f"«{category}» không hợp lệ; chọn một trong: {', '.join(Category.values)}.")
    group = raw["group"]
    if group not in KindGroup.values:
        failer("group")(f"«{group}» không hợp lệ; chọn một trong: {', '.join(KindGroup.values)}.")
    subjects = _named(raw["subjects"], SUBJECTS, "đối tượng", failer("subjects"))
    authority_text, levels = _authority(raw["authority"], failer)
    coefficients = _coefficients(raw.get("coefficients"), subjects, failer)
    consultation, certificate = _flags(raw, levels, failer)
    rank = raw["rank"]
    if isinstance(rank, bool) or not isinstance(rank, int) or not 0 <= rank <= 1000:
        failer("rank")("thứ bậc phải là số nguyên từ 0 đến 1000.")
    legal_basis = _text_list(raw["legal_basis"], failer("legal_basis"), what="căn cứ pháp lý")
    variant_of = _variant_of(raw.get("variant_of"), code, known_codes, failer("variant_of"))
    note = " ".join(str(raw.get("note") or "").split())
    sectors = _named(raw.get("sectors") or [], SECTORS, "khu vực", failer("sectors"))

    if raw.get("valid_from") is not None:
        valid_from = _date(raw["valid_from"], failer("valid_from"))
    elif default_valid_from is not None:
        valid_from = default_valid_from
    else:
        failer("valid_from")("chưa có ngày áp dụng.")
        raise AssertionError

    data = {
        "code": code, "name": name, "category": category, "group": group, "subjects": subjects,
        "authority": {"text": authority_text, "levels": levels}, "coefficients": coefficients,
        "requires_public_consultation": consultation, "certificate": certificate, "rank": rank,
        "legal_basis": legal_basis, "variant_of": variant_of, "note": note,
    }
    if sectors:  # absent: any sector; an entry without the key keeps the hash it had before there were sectors
        data["sectors"] = sectors
    return data, valid_from


def load_kinds(path: Path | str | None = None, tables: Iterable[Path | str] | None = None) -> list[KindEntry]:
    """Every entry of the award-kinds file, validated, after the earlier versions the legal
    TABLES give (by default `EARLIER_TABLES` for the default file, none for another);
    raises CatalogError."""
    tables = (EARLIER_TABLES if path is None else ()) if tables is None else tables
    current = _load_current_kinds(Path(path or KINDS_FILE))
    by_code = {entry.code: entry for entry in current}
    earlier = [entry for table in tables for entry in _earlier_versions(Path(table), by_code)]
    return sorted(earlier, key=lambda e: e.valid_from) + current


def _earlier_versions(path: Path, current: Mapping[str, KindEntry]) -> list[KindEntry]:
    """The versions a legal table of an earlier decree gives: each listed kind as in the
    award-kinds file, with that decree's coefficients and article. A subject the table
    leaves out has no known figure and is left out of the coefficients."""
    file = _display(path)
    doc = _read_yaml(path)
    if not isinstance(doc, Mapping) or set(doc) != {"decree", "valid_from", "coefficients"}:
        raise CatalogError("tệp phải có đúng ba khóa «decree», «valid_from» và «coefficients».", file=file)
    decree = str(doc["decree"]).strip()
    valid_from = _date(doc["valid_from"], _failer(file, "")("valid_from"))
    entries = []
    for code, raw in (doc["coefficients"] or {}).items():
        failer = _failer(file, str(code))
        base = current.get(code)
        if base is None:
            failer("code")("mã không có trong danh mục.")
        if not isinstance(raw, Mapping) or not str(raw.get("article") or "").strip():
            failer("article")("cần hệ số theo đối tượng và «article» (điều, khoản của nghị định).")
        coefficients = {}
        for subject, number in raw.items():
            if subject == "article":
                continue
            if subject not in base.data["subjects"]:
                failer(f"coefficients.{subject}")(f"loại khen thưởng này không tặng cho đối tượng «{subject}».")
            coefficients[subject] = _coefficient(number, failer(f"coefficients.{subject}"))
        laws = [text for text in base.data["legal_basis"] if "Nghị định" not in text]
        data = {**base.data, "coefficients": coefficients,
                "legal_basis": [*laws, f"{decree}, {raw['article']}"]}
        entries.append(KindEntry(code=code, valid_from=valid_from, data=data, hash=content_hash(data, valid_from)))
    return entries


def _load_current_kinds(path: Path) -> list[KindEntry]:
    file = _display(path)
    doc = _read_yaml(path)
    if not isinstance(doc, Mapping):
        raise CatalogError("tệp phải có các khóa «valid_from» và «kinds».", file=file)
    for key in doc:
        if key not in {"valid_from", "kinds"}:
            raise CatalogError("khóa không được biết ở đầu tệp; chỉ dùng «valid_from» và «kinds».",
                               file=file, field=str(key))

    def fail_top(message: str):
        raise CatalogError(message, file=file, field="valid_from")

    default_from = _date(doc.get("valid_from"), fail_top) if doc.get("valid_from") is not None else None
    raw_kinds = doc.get("kinds")
    if not isinstance(raw_kinds, list) or not raw_kinds:
        raise CatalogError("cần danh sách «kinds» có ít nhất một mục.", file=file, field="kinds")
    codes = [str(k.get("code", "")).strip() for k in raw_kinds if isinstance(k, Mapping)]
    seen: set[str] = set()
    for code in codes:
        if code and code in seen:
            raise CatalogError("mã bị trùng; mỗi mã chỉ xuất hiện một lần.", file=file, entry=code, field="code")
        seen.add(code)
    entries = []
    for index, raw in enumerate(raw_kinds, start=1):
        entry = str(raw.get("code") or f"#{index}") if isinstance(raw, Mapping) else f"#{index}"
        data, valid_from = validate_kind(raw, known_codes=seen, file=file, entry=entry,
                                         default_valid_from=default_from)
        entries.append(KindEntry(code=data["code"], valid_from=valid_from, data=data,
                                 hash=content_hash(data, valid_from)))
    return entries


def load_salaries(path: Path | str | None = None) -> list[SalaryEntry]:
    """The base-salary rows with the rounding rule, oldest first; raises CatalogError."""
    path = Path(path or SALARY_FILE)
    file = _display(path)
    doc = _read_yaml(path)
    if not isinstance(doc, Mapping) or set(doc) - {"rounding", "base_salary"}:
        raise CatalogError("tệp phải có đúng hai khóa «rounding» và «base_salary».", file=file)
    rounding = doc.get("rounding") or {}
    fail_rounding = _failer(file, "rounding")

    if not isinstance(rounding, Mapping):
        fail_rounding("rounding")("phải có dạng {step: 10000, mode: up}.")
    step = rounding.get("step", 10_000)
    if isinstance(step, bool) or not isinstance(step, int) or step < 1:
        fail_rounding("step")("bước làm tròn phải là số nguyên dương (đồng).")
    mode = rounding.get("mode", "up")
    if mode not in BaseSalary.Rounding.values:
        fail_rounding("mode")(f"«{mode}» không hợp lệ; chọn: {', '.join(BaseSalary.Rounding.values)}.")
    rounding_basis = _text_list(rounding.get("legal_basis"), fail_rounding("legal_basis"), what="căn cứ pháp lý")

    rows = doc.get("base_salary")
    if not isinstance(rows, list) or not rows:
        raise CatalogError("cần danh sách «base_salary» có ít nhất một mức.", file=file, field="base_salary")
    out: dict[dt.date, SalaryEntry] = {}
    for index, row in enumerate(rows, start=1):
        entry = f"#{index}"
        if not isinstance(row, Mapping) or set(row) - {"from", "amount", "legal_basis"}:
            raise CatalogError("mỗi mức phải có dạng {from: ngày, amount: số tiền, legal_basis: [...]}",
                               file=file, entry=entry)

        effective = _date(row.get("from"), _failer(file, entry)("from"))
        failer = _failer(file, effective.isoformat())
        amount = row.get("amount")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            failer("amount")("mức lương cơ sở phải là số nguyên dương (đồng/tháng).")
        basis = _text_list(row.get("legal_basis"), failer("legal_basis"), what="căn cứ pháp lý")
        if effective in out:
            failer("from")("ngày áp dụng bị trùng.")
        basis_all = [*basis, *rounding_basis]
        out[effective] = SalaryEntry(effective, amount, mode, step, basis_all,
                                     content_hash(effective, amount, mode, step, basis_all))
    return [out[d] for d in sorted(out)]
