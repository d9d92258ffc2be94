"""How big a demo province is: one shape, two sizes."""

import datetime as dt
from dataclasses import dataclass

# The 2025 reorganisation of communes took effect on this day (no district level after it).
MERGE_DATE = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class Preset:
    departments: int  # the first N of catalog.DEPARTMENTS
    offices: int  # at most N internal offices per department
    services: int  # at most N public-service units per department
    service_offices: int  # level-4 offices inside each public-service unit
    mass_orgs: int
    enterprises: int
    enterprise_offices: int
    high_schools: int
    subject_groups: int  # level-4 groups per high school
    hospitals: int
    wards: tuple[int, int]  # level-4 wards per hospital (the first hospital takes the upper bound)
    communes: int  # live communes, merge successors included
    merges: int  # successors each formed from two communes closed on MERGE_DATE
    commune_schools: tuple[int, int, int]  # preschools, primary, lower secondary per commune
    villages: int  # thôn / tổ dân phố per commune
    people: int
    first_year: int
    last_year: int
    blocs: int
    transfer_rate: float = 0.015
    discipline_rate: float = 0.005
    unrated_last_year: float = 0.05
    private_enterprises: int = 0  # the first N of catalog.PRIVATE_ENTERPRISES, one in each of the first communes

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


PRESETS = {
    "province": Preset(
        departments=20, offices=99, services=99, service_offices=3, mass_orgs=6, enterprises=4,
        enterprise_offices=4, high_schools=40, subject_groups=6, hospitals=10, wards=(8, 19), communes=100,
        merges=4, commune_schools=(2, 2, 1), villages=3, people=60_000, first_year=2016, last_year=2025, blocs=20,
        private_enterprises=3,
    ),
    "small": Preset(
        departments=3, offices=3, services=0, service_offices=0, mass_orgs=0, enterprises=0,
        enterprise_offices=0, high_schools=1, subject_groups=3, hospitals=1, wards=(3, 3), communes=3,
        merges=1, commune_schools=(0, 1, 0), villages=0, people=300, first_year=2023, last_year=2025, blocs=2,
    ),
}
