"""Thin adapters from `thidua.decisions` to the printing engines: the awards a signed
decision wrote (for its certificates) and the context of its Word document.

Everything else in printing works on plain dicts and `Award` rows; this module is the one
place that reads the decisions app's models.
"""

import datetime as dt
from collections import Counter
from typing import Any

from django.utils import timezone

from thidua.catalog.display import award_title
from thidua.catalog.selectors import kind_names
from thidua.org import labels
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


def decision_context(decision) -> dict[str, Any]:
    """The `quyet_dinh` context of DECISION (`thidua.printing.contexts`): header, number,
    signer and the attached list with each line's money (what the fund pays, else the
    catalog amount). Texts the decision does not hold (bases, executors) are the usual
    wording, to edit in Word if need be."""
    lines = list(decision.recipients.select_related("person__current_unit", "unit", "dossier_item__dossier__unit")
                 .order_by("id"))
    names = kind_names()
    authority = decision.authority or decision.unit
    parents = labels.parents_of([line.person.current_unit if line.person_id else line.unit for line in lines])
    collectives, individuals = [], []
    for line in lines:
        money = line.paid if line.paid is not None else line.amount
        if line.person_id:
            person = line.person
            honorific = "Bà" if person.gender == "nu" else "Ông"
            name = f"{honorific} {person.full_name}"
            if line.subject_kind == "household":
                name = f"Gia đình {honorific.lower()} {person.full_name}"
            unit = labels.unit_text(person.current_unit, parents)
            individuals.append({"name": name, "position_unit": f"{person.position} {unit}".strip(), "money": money})
        else:
            parent = labels.parent_in(line.unit, parents)
            collectives.append({"name": line.unit.name, "position_unit": parent.name if parent else "",
                                "money": money})
    kinds = Counter(line.kind for line in lines)
    issuer_kind = decision.authority.kind if decision.authority_id else None
    award_name = ", ".join(award_title(code, names.get(code, code), issuer=decision.authority_name,
                                       issuer_kind=issuer_kind, local=True) for code, _n in kinds.most_common())
    years = Counter(line.year for line in lines)
    year = years.most_common(1)[0][0] if years else (decision.issued_on or dt.date.today()).year
    signer_authority, signer_title = signer_lines(decision.signer_title or "")
    role = _role(signer_authority, signer_title)
    decider = f"{role.capitalize()} {decision.authority_name}" if role else decision.authority_name
    return {
        "issuer": decision.authority_name, "number": decision.number_text, "symbol": decision.symbol,
        "place": layouts.place_of(authority), "date": decision.issued_on, "summary": decision.summary,
        "decider": decider, "decider_short": decider,
        "bases": bases.bases_for(decision.authority, decision.issued_on or dt.date.today()),
        "money_decree": bases.decree_number(decision.issued_on),
        "proposal_basis": _proposal_basis(lines),
        "award_name": award_name, "reason": f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
        "collectives": collectives, "individuals": individuals,
        "fund_source": f"Quỹ Thi đua, khen thưởng của {decision.unit.name}",
        "executors": "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan",
        "signer_authority": signer_authority, "signer_title": signer_title, "signer_name": decision.signer_name,
        "recipients_to": ["Như Điều 3"], "archive": "VT",
    }
