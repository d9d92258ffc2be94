"""The sectors (khu vực) a unit belongs to and an award kind is meant for.

The Law on emulation and commendation 2022 gives some titles to one sector only: the
armed forces receive "Chiến sĩ tiên tiến", "Đơn vị tiên tiến" and "Đơn vị quyết thắng"
instead of the labour titles (Art. 24, 27, 28); "Xã, phường tiêu biểu" and "Thôn, tổ dân
phố văn hóa" go to communes and villages, "Gia đình văn hóa" to households (Art. 20).
Units carry a sector (inherited down the tree, `org.selectors.effective_sector`), each
catalog kind the set it may be given to (empty: any). Both apps stand above this floor,
which is why the type lives here.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    STATE = "state", _("Cơ quan nhà nước, Đảng, đoàn thể")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang nhân dân")
    COMMUNE = "commune", _("Xã, phường, đặc khu và thôn, tổ dân phố")
    HOUSEHOLD = "household", _("Hộ gia đình")


SECTOR_NAMES = dict(Sector.choices)

REFUSED = _("«%(kind)s» chỉ xét tặng cho %(allowed)s; «%(subject)s» thuộc khu vực %(sector)s.")


def allows(sectors: Iterable[str], sector: str | None) -> bool:
    """Whether a kind meant for SECTORS (empty: any) may be given to a subject of SECTOR.

    A subject with no sector anywhere up its tree is not judged: the tree says nothing."""
    sectors = tuple(sectors)
    return not sectors or sector is None or sector in sectors


def names(sectors: Iterable[str]) -> str:
    """The Vietnamese names of SECTORS, joined for a sentence."""
    return "; ".join(str(SECTOR_NAMES.get(s, s)) for s in sectors)


def refusal(kind_name: str, sectors: Iterable[str], subject: str, sector: str) -> str:
    """The message refusing kind KIND_NAME (meant for SECTORS) to SUBJECT of SECTOR."""
    return str(REFUSED) % {"kind": kind_name, "allowed": names(sectors), "subject": subject,
                           "sector": SECTOR_NAMES.get(sector, sector)}
