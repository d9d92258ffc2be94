"""The leaders who sign the demo province's decisions, and the issue of its signed decision
as an office records it: the number the văn thư registered, the Vice-Chairman who signed
"KT. CHỦ TỊCH", and the scan of the signed paper attached.

The province's People's Committee lists its Chairman and two Vice-Chairmen (the names the
council uses), each department its Director and a Deputy Director (names drawn from the
demo's own name tables, one seed, the same names every time).
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.html import escape
from weasyprint import HTML

from thidua.decisions import services as decisions
from thidua.decisions.models import Capacity, Decision, Signatory, SignerRank
from thidua.demo.names import NameMaker
from thidua.org.models import Unit

PROVINCE = (
    ("Đặng Quốc Hùng", "Chủ tịch Ủy ban nhân dân tỉnh", SignerRank.HEAD),
    ("Đặng Văn Hội", "Phó Chủ tịch Ủy ban nhân dân tỉnh", SignerRank.DEPUTY),
    ("Lê Thị Minh Châu", "Phó Chủ tịch Ủy ban nhân dân tỉnh", SignerRank.DEPUTY),
)
# Directors the council already names (demo/nominations.py MEMBERS), by the Sở's code.
DIRECTORS = {"SNV": "Hoàng Đức Thắng", "SYT": "Võ Thanh Sơn", "SGDDT": "Nguyễn Văn Khoa"}
# The number the văn thư registered for the demo's signed decision: its register counts
# every outgoing document of the People's Committee, so it is far past 1 in January.
ISSUED_NUMBER = 187


def seed_signatories(root: Unit) -> dict[str, int]:
    """The leaders' lists of ROOT (the People's Committee) and of each Sở under it."""
    admin = get_user_model().objects.get(username="admin")
    for name, position, rank in PROVINCE:
        decisions.signatory_add(actor=admin, authority=root, full_name=name, position=position, rank=rank)
    names = NameMaker(random.Random(f"signatories-{root.code}"))
    departments = Unit.objects.filter(depth=root.depth + 1, name__startswith="Sở ").order_by("path")
    for sở in departments:
        code = sở.code.rsplit(".", 1)[-1]
        decisions.signatory_add(actor=admin, authority=sở, full_name=DIRECTORS.get(code) or names.full_name("nam"),
                                position=f"Giám đốc {sở.name}", rank=SignerRank.HEAD)
        decisions.signatory_add(actor=admin, authority=sở, full_name=names.full_name("nu"),
                                position=f"Phó Giám đốc {sở.name}", rank=SignerRank.DEPUTY)
    return {"signatories": Signatory.objects.count()}


def _signed_copy(decision: Decision, number: str, issued_on: dt.date, signer: Signatory) -> ContentFile:
    """A small real PDF standing for the scan of the signed paper."""
    lines = [decision.authority_name.upper(), f"Số: {number}", f"Ngày {issued_on:%d/%m/%Y}", "QUYẾT ĐỊNH",
             decision.summary, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(đã ký, đóng dấu)", signer.full_name]
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    pdf = HTML(string=f"<html><body style='font-family: serif'>{body}</body></html>").write_pdf()
    return ContentFile(pdf, name=f"quyet-dinh-{number.split('/')[0]}-ban-ky.pdf")


def issue_signed(actor, decision: Decision, issued_on: dt.date, registered: int = ISSUED_NUMBER) -> Decision:
    """DECISION recorded as issued: the number REGISTERED by the văn thư, signed "KT. CHỦ
    TỊCH" by the first Vice-Chairman of the list, with its signed copy."""
    signer = Signatory.objects.filter(authority=decision.authority, rank=SignerRank.DEPUTY).order_by("pk").first()
    number = f"{registered}/{decision.symbol}"
    return decisions.decision_issue(actor=actor, decision=decision, number=number, issued_on=issued_on,
                                    signatory=signer, capacity=Capacity.DEPUTY_FOR,
                                    signed_file=_signed_copy(decision, number, issued_on, signer))
