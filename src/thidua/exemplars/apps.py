from thidua.core import appconfig


class ExemplarsConfig(appconfig.ThiduaApp):
    """The register of điển hình tiên tiến and the congresses that honour them (issue 15)."""

    name = "thidua.exemplars"
    label = "exemplars"
    verbose_name = "Điển hình tiên tiến"
