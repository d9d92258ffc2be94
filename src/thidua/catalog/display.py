"""An award as papers and pages name it in full, by the authority that gives it: "Bằng khen
của Chủ tịch Ủy ban nhân dân tỉnh", "Giấy khen của Giám đốc Sở Nội vụ", "Cờ thi đua của Ủy
ban nhân dân tỉnh". The catalog's own names ("Bằng khen cấp bộ, ban, ngành, tỉnh") are the
law's categories; a decision, a certificate or a ledger line names the award itself.

Defined once here; decisions, tờ trình, lists, certificates and the award pages call it.
"""

from thidua.catalog.selectors import kind_names
from thidua.org import labels
from thidua.org.models import UnitKind

# Forms named after the head who gives them ("của Chủ tịch …", "của Giám đốc …").
_BY_HEAD = {"BK_TINH": "Bằng khen", "GK": "Giấy khen"}
# Titles and flags named after the body that gives them.
_BY_BODY = {"CO_TINH": "Cờ thi đua"}
_HEAD_TITLES = ("Chủ tịch ", "Giám đốc ", "Bộ trưởng ", "Thủ tướng ", "Hiệu trưởng ", "Trưởng ", "Chánh ",
                "Thủ trưởng ", "Tổng Giám đốc ")
_PROVINCE = ("UBND tỉnh", "Ủy ban nhân dân tỉnh", "UBND thành phố", "Ủy ban nhân dân thành phố")


def _body(issuer: str, kind: str | None, local: bool) -> str:
    """The issuing body written out; a province's People's Committee without the province's
    name when the paper is the province's own (LOCAL)."""
    if local:
        prefix = next((p for p in _PROVINCE if issuer.startswith(p)), None)
        if prefix is not None:
            return labels.written_out(prefix)
        if kind == UnitKind.UBND_TINH:
            return "Ủy ban nhân dân tỉnh"
    return labels.written_out(issuer)


def award_title(code: str, name: str, *, issuer: str = "", issuer_kind: str | None = None,
                local: bool = False) -> str:
    """The full name of award CODE (catalog NAME) given by ISSUER (an authority's name, of
    unit kind ISSUER_KIND when known). LOCAL: the paper is written inside the issuer's own
    province, which it does not repeat. Without an issuer, the catalog's name."""
    issuer = (issuer or "").strip()
    if not issuer:
        return name
    title = next((t for t in _HEAD_TITLES if issuer.startswith(t)), None)
    if title is not None:
        # A ledger line typed with the signer's office ("Chủ tịch UBND tỉnh", "Giám đốc Sở
        # Nội vụ"): the head is already named, the body follows the title.
        body = labels.written_out(issuer[len(title):].strip())
        head = f"{title}{body}"
    else:
        body = _body(issuer, issuer_kind, local)
        head = f"{labels.head_title(issuer, issuer_kind)} {body}"
    if code in _BY_HEAD:
        return f"{_BY_HEAD[code]} của {head}"
    if code in _BY_BODY:
        return f"{_BY_BODY[code]} của {body}"
    if code == "CSTD_TINH":
        if issuer_kind == UnitKind.UBND_TINH or body.startswith(("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân thành phố")):
            return "Chiến sĩ thi đua cấp tỉnh"
        if body.startswith("Bộ "):
            return "Chiến sĩ thi đua cấp bộ"
    return name


def award_full_name(award, names: dict[str, str]) -> str:
    """AWARD's (a ledger row's) full name: its kind given by its issuer; NAMES is
    `catalog.selectors.kind_names()`."""
    return award_title(award.kind, names.get(award.kind, award.kind), issuer=award.issuer)


def name_awards(awards, names: dict[str, str] | None = None):
    """Set `kind_name` on each of AWARDS to its full name (`award_full_name`); returns them."""
    names = kind_names() if names is None else names
    for award in awards:
        award.kind_name = award_full_name(award, names)
    return awards


def namer(authority=None, *, issuer: str = "", names: dict[str, str] | None = None, local: bool = False):
    """A function code → full name for the awards AUTHORITY (a unit of the tree; ISSUER, when
    given, is the name its papers print) gives, or an authority outside the tree named
    ISSUER; the catalog's names without either."""
    names = kind_names() if names is None else names
    kind = authority.kind if authority is not None else None
    issuer = issuer or (authority.name if authority is not None else "")
    return lambda code: award_title(code, names.get(code, code), issuer=issuer, issuer_kind=kind, local=local)


def dossier_namer(dossier, *, names: dict[str, str] | None = None, local: bool = False):
    """`namer` for the authority DOSSIER is sent to (its receiving unit, or the one outside)."""
    return namer(dossier.authority_unit, issuer=dossier.external_authority, names=names, local=local)
