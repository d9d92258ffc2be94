from thidua.core import appconfig


class ReportsConfig(appconfig.ThiduaApp):
    """The year's figures, read-only and scoped: the statutory statistical forms, the
    year-end report draft and the charts (issue 15)."""

    name = "thidua.reports"
    label = "reports"
    verbose_name = "Báo cáo, thống kê"
