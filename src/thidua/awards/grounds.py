"""The grounds on which a decision awarding a title or form is revoked: Law on Emulation and
Commendation 2022, Art. 93(2)(a)–(d) (docs/law.md D-revoke). A revocation names one of
them; the reason the ledger keeps starts with the ground and its article."""

from django.utils.translation import gettext_lazy as _

LAW = _("khoản 2 Điều 93 Luật Thi đua, khen thưởng")

GROUNDS = {
    "a": _("Gian dối trong việc kê khai công trạng, thành tích để được khen thưởng"),
    "b": _("Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ để đề nghị khen thưởng"),
    "c": _("Thẩm định, xét, duyệt, đề nghị khen thưởng trái quy định của pháp luật"),
    "d": _("Cơ quan có thẩm quyền kết luận có vi phạm, khuyết điểm làm không bảo đảm tiêu chuẩn trong thời gian "
           "tính thành tích"),
}


def choices() -> list[tuple[str, str]]:
    return [(code, f"{code}) {label}") for code, label in GROUNDS.items()]


def reason_text(code: str, detail: str) -> str:
    """"Gian dối … (điểm a khoản 2 Điều 93 Luật Thi đua, khen thưởng). DETAIL"."""
    head = f"{GROUNDS[code]} ({_('điểm')} {code} {LAW})."
    detail = (detail or "").strip()
    return f"{head} {detail}" if detail else head
