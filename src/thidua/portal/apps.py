from thidua.core import appconfig


class PortalConfig(appconfig.ThiduaApp):
    """The public pages of the province's "Thi đua – Khen thưởng", without sign-in: only
    what the secretariat published, never personal data beyond name, unit and title."""

    name = "thidua.portal"
    label = "portal"
    verbose_name = "Trang công khai"
