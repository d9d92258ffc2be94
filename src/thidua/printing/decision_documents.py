"""Thin adapters from `thidua.decisions` to the printing engines: the awards a signed
decision wrote (for its certificates) and the context of its Word document.

Everything else in printing works on plain dicts and `Award` rows; this module is the one
place that reads the decisions app's models.
"""

import datetime as dt
from collections import Counter
from typing import Any

from django.utils import timezone

from thidua.catalog import display
from thidua.catalog.selectors import kind_names, money_table
from thidua.core.errors import ApplicationError
from thidua.org import labels
from thidua.org.models import Unit
from thidua.printing import bases, layouts


def decision_awards(decision) -> list:
    """The ledger rows DECISION wrote at signing, in the order of its lines, revoked ones
    left out (they are not printed)."""
    lines = decision.recipients.select_related("award").order_by("id")
    return [line.award for line in lines if line.award_id and not line.award.revoked]


def signer_lines(title: str) -> tuple[str, str]:
    """"KT. CHỦ TỊCH — PHÓ CHỦ TỊCH" (or on two lines) → ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    parts = [p.strip() for p in title.replace(" — ", "\n").replace(" - ", "\n").splitlines() if p.strip()]
    if len(parts) >= 2:
        return parts[0], " ".join(parts[1:])
    return "", parts[0] if parts else ""


def _role(authority_line: str, title: str) -> str:
    """The office that decides: "CHỦ TỊCH" from "KT. CHỦ TỊCH" (or the title itself)."""
    line = authority_line or title
    for prefix in ("KT.", "TM.", "TL.", "TUQ.", "Q."):
        if line.upper().startswith(prefix):
            line = line[len(prefix):]
    return line.strip()


def _proposal_basis(lines) -> str:
    """"Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 05/12/2025": the
    dossiers the lines came from, each by its proposer's head, number and date; the standing
    body of the council for lines typed in directly."""
    dossiers = {line.dossier_item.dossier_id: line.dossier_item.dossier for line in lines if line.dossier_item_id}
    if not dossiers:
        return "Theo đề nghị của Thường trực Hội đồng Thi đua – Khen thưởng"
    parts = []
    for dossier in dossiers.values():
        part = labels.head_of(dossier.unit)
        if dossier.number:
            part += f" tại Tờ trình số {dossier.number}"
            if dossier.submitted_at:
                part += f" ngày {timezone.localdate(dossier.submitted_at):%d/%m/%Y}"
        parts.append(part)
    return "Theo đề nghị của " + "; ".join(parts)


def _money(lines, decision) -> dict[int, int | None]:
    """Each line's money: what the fund paid, else the amount of the issued decision; on a
    draft, what the catalog prices it at today (what the leader is asked to sign)."""
    if not decision.is_draft:
        return {line.pk: line.paid if line.paid is not None else line.amount for line in lines}
    prices, today = money_table(), dt.date.today()
    money = {}
    for line in lines:
        try:
            money[line.pk] = prices.amount(line.kind, line.subject_kind, today)
        except ApplicationError:
            money[line.pk] = None
    return money


_REASONS = {
    "dot_xuat": "đã có thành tích xuất sắc đột xuất",
    "phong_trao": "đã có thành tích xuất sắc trong phong trào thi đua",
    "cong_hien": "đã có quá trình cống hiến",
    "nien_han": "đã có thời gian công tác theo niên hạn",
}


def _executors(authority_name: str, lines) -> str:
    """Điều 3: the office of the issuing body, the heads of the units that proposed, the rest."""
    heads = list(dict.fromkeys(labels.head_of(line.dossier_item.dossier.unit) for line in lines
                               if line.dossier_item_id))
    return ", ".join([f"Chánh Văn phòng {labels.written_out(authority_name)}", *heads,
                      "Thủ trưởng các cơ quan, đơn vị có liên quan"])


def decision_context(decision) -> dict[str, Any]:
    """The `quyet_dinh` context of DECISION (`thidua.printing.contexts`): header, number,
    signer and the attached list with each line's money (`_money`). A draft prints the
    head's title over a blank for the signature: it is the paper the leader signs."""
    lines = list(decision.recipients.select_related("person__current_unit", "unit", "dossier_item__dossier__unit")
                 .order_by("id"))
    names = kind_names()
    authority = decision.authority or decision.unit
    parents = labels.parents_of([line.person.current_unit if line.person_id else line.unit for line in lines])
    money = _money(lines, decision)
    collectives, individuals = [], []
    for line in lines:
        if line.person_id:
            person = line.person
            honorific = "Bà" if person.gender == "nu" else "Ông"
            name = f"{honorific} {person.full_name}"
            if line.subject_kind == "household":
                name = f"Gia đình {honorific.lower()} {person.full_name}"
            unit = labels.unit_text(person.current_unit, parents)
            individuals.append({"name": name, "position_unit": f"{person.position} {unit}".strip(),
                                "money": money[line.pk]})
        else:
            parent = labels.parent_in(line.unit, parents)
            collectives.append({"name": line.unit.name, "position_unit": parent.name if parent else "",
                                "money": money[line.pk]})
    kinds = Counter(line.kind for line in lines)
    issuer_kind = decision.authority.kind if decision.authority_id else None
    name = display.namer(decision.authority, issuer=decision.authority_name, names=names, local=True)
    award_name = ", ".join(name(code) for code, _n in kinds.most_common())
    years = Counter(line.year for line in lines)
    year = years.most_common(1)[0][0] if years else (decision.issued_on or dt.date.today()).year
    signer_authority, signer_title = signer_lines(decision.signer_title or "")
    if decision.authority_id:
        # The decider is the authority's head, whoever signs for them.
        head = labels.head_title(decision.authority_name, issuer_kind)
        signer_title = signer_title or head.upper()
    else:
        head = _role(signer_authority, signer_title).capitalize()
    body = labels.written_out(decision.authority_name)
    parent = Unit.objects.get_parent(decision.authority) if decision.authority_id else None
    reason = _REASONS.get(decision.commendation_type, f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}")
    return {
        "issuer_parent": labels.written_out(parent.name) if parent is not None else "",
        "issuer": body, "number": decision.number_text, "symbol": decision.symbol,
        "place": layouts.place_of(authority), "date": decision.issued_on, "summary": decision.summary,
        "decider": f"{head} {body}" if head else body,
        "decider_short": f"{head} {decision.authority_name}" if head else decision.authority_name,
        "bases": bases.bases_for(decision.authority, decision.issued_on or dt.date.today()),
        "money_decree": bases.decree_number(decision.issued_on),
        "proposal_basis": _proposal_basis(lines),
        "award_name": award_name, "reason": reason,
        "collectives": collectives, "individuals": individuals,
        "fund_source": f"Quỹ Thi đua, khen thưởng của {labels.written_out(decision.unit.name)}",
        "executors": _executors(decision.authority_name, lines),
        "signer_authority": signer_authority, "signer_title": signer_title, "signer_name": decision.signer_name,
        "recipients_to": ["Như Điều 3"], "archive": "VT",
    }
