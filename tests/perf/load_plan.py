"""What the load test's users do (finding 10 of issue 10), and the accounts and addresses it
needs, read from a seeded database.

The role mix and each role's pages live here, free of Django, so the locustfile can read
them; `build_plan()` (inside Django, on the seeded database) creates the bench accounts and
writes, for every account, the concrete addresses of each page it opens, so the locust
process needs no database and can be pointed at any server holding the same data.

A page is named by its URL pattern (`/ca-nhan/<id>/`), never by an id, so the table has
one row per page. The province root's unit page is the one page named apart
(`/don-vi/<root>/`): it is the unit page at its largest.

The qualified list (`/dieu-kien/don-vi/<id>/danh-sach/`, its first page) is in the mix:
the secretariat opens the province-wide one, officers and heads their department's. It
reads stored verdicts (ADR 0016), so it is held to the list's own goals (issue 14: 1 s for
the province, 300 ms for a department) rather than the page goal, and the table shows
whether opening it slows everyone else's pages, as the live list did (finding of issue 14).
"""

import json
from pathlib import Path

PASSWORD = "thidua2026"  # the demo's published password (thidua.demo.accounts.DEMO_PASSWORD)

# Finding 10: 50 concurrent users.
ROLE_MIX = {
    "secretariat": 10,
    "officer": 20,
    "head": 5,
    "admin": 2,
    "council": 4,
    "bloc": 3,
    "anonymous": 6,  # the finding lists 5, which with the others makes 49 of its 50 users
}

# The roles whose pages must not grow with the province (province/small ≤ 1.5×).
DEPARTMENT_ROLES = ("officer", "head")

# Units present in both presets by code, so a department user's pages are the same units on
# `province` and `small`: the province/small ratio then measures the province around them.
DEPARTMENTS = ("SNV", "SYT", "SGDDT", "X001", "X002", "X003")

BASELINE = "/tai-khoan/dang-nhap/"  # the trivial page: every ratio is to it

# Each role's pages and how often it opens them (relative weights). The htmx panels a page
# loads by itself (`hx-trigger="load"`) are opened right after it, as a browser does
# (FOLLOW_UPS), and named apart.
PAGES: dict[str, dict[str, int]] = {
    "secretariat": {
        "/": 6, "/tim-kiem/?q=": 4, "/viec-can-lam/": 2, "/don-vi/": 2, "/don-vi/<root>/": 2, "/don-vi/<id>/": 4,
        "/ca-nhan/": 3, "/ca-nhan/<id>/": 4, "/ho-so/": 5, "/ho-so/<id>/": 5, "/quyet-dinh/": 4,
        "/quyet-dinh/<id>/": 2, "/quyet-dinh/quy/": 1, "/hoi-dong/": 1, "/hoi-dong/<id>/": 1, "/phong-trao/": 2,
        "/phong-trao/<id>/": 2, "/phong-trao/<id>/tien-do/": 2, "/dang-ky/tong-hop/<id>/": 3,
        "/dang-ky/ban-dang-ky/<id>/": 2, "/van-ban/": 2, "/in/": 1, "/giao-uoc/": 1,
        "/dieu-kien/don-vi/<id>/danh-sach/": 2,
    },
    "officer": {
        "/": 6, "/tim-kiem/?q=": 4, "/viec-can-lam/": 2, "/don-vi/<id>/": 5, "/ca-nhan/": 4, "/ca-nhan/<id>/": 6,
        "/ca-nhan/<id>/sua/": 2, "/ca-nhan/them/": 1, "/dang-ky/tong-hop/<id>/": 1, "/dang-ky/ban-dang-ky/<id>/": 5,
        "/ho-so/": 3, "/ho-so/<id>/": 2, "/ho-so/tao/": 1, "/quyet-dinh/": 2, "/phong-trao/": 1,
        "/phong-trao/<id>/": 1, "/van-ban/": 1, "/dieu-kien/don-vi/<id>/danh-sach/": 2,
    },
    "head": {
        "/": 6, "/viec-can-lam/": 2, "/don-vi/<id>/": 3, "/ca-nhan/": 2, "/ca-nhan/<id>/": 3,
        "/dang-ky/ban-dang-ky/<id>/": 4, "/dang-ky/tong-hop/<id>/": 2, "/ho-so/": 3, "/ho-so/<id>/": 2,
        "/quyet-dinh/": 2, "/tim-kiem/?q=": 2, "/dieu-kien/don-vi/<id>/danh-sach/": 1,
    },
    "admin": {
        "/": 3, "/tai-khoan/quan-tri/": 4, "/tai-khoan/quan-tri/<id>/": 3, "/danh-muc-khen-thuong/": 2,
        "/don-vi/": 2, "/don-vi/<root>/": 1, "/don-vi/<id>/": 2, "/in/mau-van-ban/": 1, "/van-ban/": 1,
        "/tim-kiem/?q=": 2,
    },
    "council": {
        "/": 4, "/hoi-dong/": 3, "/hoi-dong/<id>/": 3, "/hoi-dong/phien/<id>/": 4, "/ho-so/": 3, "/ho-so/<id>/": 3,
        "/van-ban/": 1, "/phong-trao/": 1, "/quyet-dinh/": 1,
    },
    "bloc": {
        "/": 4, "/giao-uoc/": 3, "/giao-uoc/<id>/": 3, "/giao-uoc/dot/<id>/ket-qua/": 3, "/don-vi/khoi/": 2,
        "/don-vi/khoi/<id>/": 2, "/phong-trao/": 1, "/don-vi/<id>/": 1,
    },
    "anonymous": {
        BASELINE: 4, "/ho-so/lay-y-kien/": 3, "/ho-so/lay-y-kien/<id>/": 3, "/xac-minh/<token>/": 4,
    },
}
FOLLOW_UPS = {
    "/don-vi/<id>/": ["/dieu-kien/don-vi/<id>/"],
    "/don-vi/<root>/": ["/dieu-kien/don-vi/<id>/"],  # the root's own panel, named with the others
    "/ca-nhan/<id>/": ["/dieu-kien/ca-nhan/<id>/", "/ho-so/doi-tuong/ca-nhan/<id>/"],
}


def read_plan(path: str | Path) -> dict:
    return json.loads(Path(path).read_text())


# --- inside Django ---------------------------------------------------------------------------


def _username(role: str, i: int) -> str:
    return f"bench_{role}_{i:02d}"


def _authenticator_key(user) -> str:
    """The hex key of USER's confirmed authenticator, made (random key) if it has none: the
    plan records it, and the locustfile types the codes as an authenticator app shows them."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from thidua.accounts import otp

    device = otp.device_for(user) or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return device.key


def create_accounts() -> dict[str, list[tuple[str, int | None, str | None]]]:
    """The bench's signed-in users, ROLE_MIX of them per role, with the grants a province
    gives each role, and an authenticator for the roles production asks a code of
    (`otp.REQUIRED_ROLES`); returns role → [(username, unit pk of the grant, hex key of the
    authenticator or None)]. Idempotent."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from thidua.accounts import otp
    from thidua.accounts.models import RoleGrant
    from thidua.core.roles import Role
    from thidua.councils.models import Council, CouncilMember
    from thidua.org.models import BlocMembership, Unit

    User = get_user_model()
    root = Unit.objects.get(depth=1)
    prefix = root.code
    departments = [Unit.objects.get(code=f"{prefix}.{code}") for code in DEPARTMENTS]
    latest = max(BlocMembership.objects.values_list("year", flat=True))
    leaders = list(BlocMembership.objects.filter(year=latest, role="leader").order_by("bloc__code")
                   .values_list("bloc_id", "unit_id"))
    council = Council.objects.filter(authority_unit=root).order_by("pk").first()
    password = make_password(PASSWORD)
    out: dict[str, list[tuple[str, int | None, str | None]]] = {}

    def grant(role_key: str, i: int, role: str, unit: Unit | int, **extra) -> None:
        username = _username(role_key, i)
        user, created = User.objects.get_or_create(
            username=username, defaults={"password": password, "first_name": f"{i:02d}",
                                         "last_name": f"Bench {role_key}", "is_staff": role == Role.ADMIN})
        unit_pk = unit if isinstance(unit, int) else unit.pk
        if created:
            RoleGrant.objects.create(user=user, role=role, unit_id=unit_pk, **extra)
            if role == Role.COUNCIL_MEMBER and council is not None:
                CouncilMember.objects.create(council=council, user=user, full_name=f"Bench {i:02d}",
                                             position="Ủy viên", home_unit=departments[i % len(departments)])
        key = _authenticator_key(user) if role in otp.REQUIRED_ROLES else None
        out.setdefault(role_key, []).append((username, unit_pk, key))

    for i in range(ROLE_MIX["secretariat"]):
        grant("secretariat", i, Role.SECRETARIAT, root)
    for i in range(ROLE_MIX["officer"]):
        grant("officer", i, Role.UNIT_OFFICER, departments[i % len(departments)])
    for i in range(ROLE_MIX["head"]):
        grant("head", i, Role.UNIT_HEAD, departments[i % len(departments)])
    for i in range(ROLE_MIX["admin"]):
        grant("admin", i, Role.ADMIN, root)
    for i in range(ROLE_MIX["council"]):
        grant("council", i, Role.COUNCIL_MEMBER, root)
    for i in range(ROLE_MIX["bloc"]):
        bloc_pk, unit_pk = leaders[i % len(leaders)]
        grant("bloc", i, Role.BLOC_LEADER, unit_pk, bloc_id=bloc_pk, year=latest)
    return out


def _addresses(username: str | None, role: str, unit_pk: int | None, rng) -> dict[str, list[str]]:
    """Every page of ROLE with the concrete addresses USERNAME may open (ids in its scope)."""
    from django.contrib.auth import get_user_model

    from thidua.core import access
    from thidua.core.roles import Perm
    from thidua.councils.models import Meeting
    from thidua.councils.selectors import councils_for
    from thidua.decisions.selectors import decisions_for
    from thidua.dossiers import selectors as dossier_selectors
    from thidua.movements.selectors import movements_for
    from thidua.org.models import Bloc, Unit
    from thidua.people.models import Person
    from thidua.pledges import selectors as pledge_selectors
    from thidua.pledges.models import ScoringRound
    from thidua.printing.certificates import ensure_tokens
    from thidua.registrations.selectors import registration_year

    def sample(qs, n: int = 30) -> list:
        ids = list(qs.order_by().values_list("pk", flat=True)[:2000])
        rng.shuffle(ids)
        return ids[:n]

    urls: dict[str, list[str]] = {}
    user = get_user_model().objects.get(username=username) if username else None
    root = Unit.objects.get(depth=1)
    home = Unit.objects.get(pk=unit_pk) if unit_pk else root
    year = registration_year()
    if user is None:
        from thidua.awards.models import Award

        awards = list(Award.objects.filter(person__isnull=False, revoked=False).order_by("-year", "pk")[:40])
        urls[BASELINE] = [BASELINE]
        urls["/ho-so/lay-y-kien/"] = ["/ho-so/lay-y-kien/"]
        urls["/ho-so/lay-y-kien/<id>/"] = [f"/ho-so/lay-y-kien/{d.pk}/"
                                           for d in dossier_selectors.public_consultations()]
        urls["/xac-minh/<token>/"] = [f"/xac-minh/{t}/" for t in ensure_tokens(awards).values()]
        return {name: [_visit(name, url) for url in urls[name]] for name in PAGES[role] if urls.get(name)}

    units = access.scope(user, Perm.ORG_VIEW, Unit.objects.filter(path__startswith=home.path))
    unit_ids = [home.pk, *sample(units.filter(depth__lte=home.depth + 1), 10)]
    people = access.scope(user, Perm.PEOPLE_VIEW, Person.objects.filter(current_unit__path__startswith=home.path))
    person_ids = sample(people)
    names = list(Person.objects.filter(pk__in=person_ids[:10]).values_list("full_name", flat=True))
    queries = [*(" ".join(n.split()[-2:]) for n in names), *(n.split()[-1] for n in names[:3])]
    dossiers = sample(dossier_selectors.dossiers_for(user))
    users = get_user_model().objects.order_by("pk").values_list("pk", flat=True)[:20]
    urls.update({
        "/": ["/"], "/viec-can-lam/": ["/viec-can-lam/"], "/don-vi/": ["/don-vi/"],
        "/don-vi/<root>/": [f"/don-vi/{root.pk}/"],
        "/don-vi/<id>/": [f"/don-vi/{pk}/" for pk in unit_ids],
        "/tim-kiem/?q=": [f"/tim-kiem/?q={q}" for q in queries],
        "/ca-nhan/": ["/ca-nhan/"],
        "/ca-nhan/<id>/": [f"/ca-nhan/{pk}/" for pk in person_ids],
        "/ca-nhan/<id>/sua/": [f"/ca-nhan/{pk}/sua/" for pk in person_ids],
        "/ca-nhan/them/": [f"/ca-nhan/them/?don-vi={home.pk}"],
        "/ho-so/": ["/ho-so/"], "/ho-so/tao/": ["/ho-so/tao/"],
        "/ho-so/<id>/": [f"/ho-so/{pk}/" for pk in dossiers],
        "/quyet-dinh/": ["/quyet-dinh/"], "/quyet-dinh/quy/": ["/quyet-dinh/quy/"],
        "/quyet-dinh/<id>/": [f"/quyet-dinh/{pk}/" for pk in sample(decisions_for(user))],
        "/hoi-dong/": ["/hoi-dong/"],
        "/phong-trao/": ["/phong-trao/"],
        "/dang-ky/ban-dang-ky/<id>/": [f"/dang-ky/ban-dang-ky/{pk}/?nam={year}" for pk in unit_ids[:4]],
        "/dang-ky/tong-hop/<id>/": [f"/dang-ky/tong-hop/{home.pk}/?nam={year}"],
        "/dieu-kien/don-vi/<id>/danh-sach/": [f"/dieu-kien/don-vi/{home.pk}/danh-sach/?ma=LDTT"],
        "/van-ban/": ["/van-ban/"], "/in/": ["/in/"], "/in/mau-van-ban/": ["/in/mau-van-ban/"],
        "/giao-uoc/": ["/giao-uoc/"], "/don-vi/khoi/": ["/don-vi/khoi/"],
        "/danh-muc-khen-thuong/": ["/danh-muc-khen-thuong/"], "/tai-khoan/quan-tri/": ["/tai-khoan/quan-tri/"],
        "/tai-khoan/quan-tri/<id>/": [f"/tai-khoan/quan-tri/{pk}/" for pk in users],
    })
    councils = list(councils_for(user).values_list("pk", flat=True))
    urls["/hoi-dong/<id>/"] = [f"/hoi-dong/{pk}/" for pk in councils]
    urls["/hoi-dong/phien/<id>/"] = [f"/hoi-dong/phien/{pk}/" for pk in
                                     Meeting.objects.filter(council__in=councils).values_list("pk", flat=True)]
    movements = list(movements_for(user).filter(year__gte=year - 1).order_by("-year", "pk")
                     .values_list("pk", flat=True))
    urls["/phong-trao/<id>/"] = [f"/phong-trao/{pk}/" for pk in movements]
    urls["/phong-trao/<id>/tien-do/"] = [f"/phong-trao/{pk}/tien-do/" for pk in movements[:5]]
    pledges = list(pledge_selectors.pledges_for(user))
    urls["/giao-uoc/<id>/"] = [f"/giao-uoc/{p.pk}/" for p in pledges]
    urls["/giao-uoc/dot/<id>/ket-qua/"] = [f"/giao-uoc/dot/{pk}/ket-qua/" for pk in
                                          ScoringRound.objects.filter(pledge__in=[p.pk for p in pledges])
                                          .values_list("pk", flat=True)]
    blocs = [p.bloc_id for p in pledges] or list(Bloc.objects.values_list("pk", flat=True)[:5])
    urls["/don-vi/khoi/<id>/"] = [f"/don-vi/khoi/{pk}/" for pk in blocs]
    return {name: [_visit(name, url) for url in urls[name]] for name in PAGES[role] if urls.get(name)}


def _visit(name: str, url: str) -> dict:
    """One page view: the address, then the htmx panels the page loads by itself."""
    ident = url.strip("/").split("/")[-1]
    return {"url": url, "then": [[f, f.replace("<id>", ident)] for f in FOLLOW_UPS.get(name, ())]}


def build_plan(path: str | Path, *, preset: str, seed: int = 2026) -> dict:
    """Create the bench accounts and write the plan: for every user of ROLE_MIX, its role,
    username (None when anonymous), the hex key of its authenticator (None when it signs in
    without a code) and the addresses of each of its pages."""
    import random

    from django.db import transaction

    rng = random.Random(seed)
    with transaction.atomic():
        accounts = create_accounts()
        users = []
        for role, count in ROLE_MIX.items():
            for i in range(count):
                username, unit_pk, key = accounts[role][i] if role != "anonymous" else (None, None, None)
                users.append({"role": role, "username": username, "otp_key": key,
                              "pages": _addresses(username, role, unit_pk, rng)})
    plan = {"preset": preset, "password": PASSWORD, "baseline": BASELINE, "users": users}
    Path(path).write_text(json.dumps(plan, ensure_ascii=False, indent=1))
    return plan
