"""One demo login per role, all with the same published password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts import otp
from thidua.accounts.models import RoleGrant
from thidua.core.roles import Role

DEMO_PASSWORD = "thidua2026"  # noqa: S105 — printed on screen for the demo, never used in production

# (username, full name, role, unit: "root", a department code, e.g. "SNV", or "XA": the commune
# `demo.desks.officer_commune` picks)
DEMO_USERS = (
    ("admin", "Phạm Minh Quân", Role.ADMIN, "root"),
    ("thuky", "Trần Thị Thu Ký", Role.SECRETARIAT, "root"),
    ("canbo_snv", "Nguyễn Thị Hồng Nhung", Role.UNIT_OFFICER, "SNV"),
    ("canbo_syt", "Võ Thanh Tâm", Role.UNIT_OFFICER, "SYT"),
    ("thutruong_snv", "Hoàng Đức Thắng", Role.UNIT_HEAD, "SNV"),
    # The desks below the province (demo.desks): Sở Nội vụ's own TĐKT desk, a commune's officer.
    ("tdkt_snv", "Lê Thị Thanh Bình", Role.SECRETARIAT, "SNV"),
    ("canbo_xa", "Nguyễn Văn Phúc", Role.SECRETARIAT, "XA"),
    ("hoidong", "Đặng Văn Hội", Role.COUNCIL_MEMBER, "root"),
    ("khoitruong", "Bùi Thị Khánh Linh", Role.BLOC_LEADER, "bloc"),
)
USERNAMES = tuple(row[0] for row in DEMO_USERS)

# The demo's administrator and secretariat sign in with a code, as they must in production.
# Their authenticator keys are published (README) like the password: type one into an
# authenticator app, or print the current code with `thidua demo_otp_code admin`.
DEMO_TOTP_KEYS = {
    "admin": "3F7J IC25 4YL2 FWY3 VNL4 EYLK ABOP JNE3",
    "thuky": "EQRL BMQ4 YXFD 47RJ 45TU ZXML 426U LXYW",
    "tdkt_snv": "DSHG QNWG CYDZ L25S WPYM URWE VDBA V6OX",
    "canbo_xa": "UKQO AKK2 VIDQ 3QKW ODWI PCUG 2RRZ 53O5",
}


def demo_code(username: str, when: float | None = None) -> str:
    """The current code of a demo account's published key."""
    return otp.code_at(otp.key_hex(DEMO_TOTP_KEYS[username]), when)


def ensure_demo_devices() -> int:
    """Give the demo accounts that have a published key their authenticator, if they have
    none (a demo database seeded before keys were published gets them on the next start).
    Only accounts still signing in with the demo's published password are the demo's: an
    account of that name whose password was changed keeps its own second factor."""
    User = get_user_model()
    made = 0
    for user in User.objects.filter(username__in=DEMO_TOTP_KEYS).order_by("pk"):
        if not user.check_password(DEMO_PASSWORD):
            continue
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực (tài khoản mẫu)", confirmed=True,
                                      key=otp.key_hex(DEMO_TOTP_KEYS[user.username]))
            made += 1
    return made


def create_accounts(units_by_key: dict[str, int], bloc_lead: tuple[int, int, int]) -> int:
    """Users and their role grants. UNITS_BY_KEY maps "root"/department codes to unit pks;
    BLOC_LEAD is (bloc pk, unit pk, year) of the bloc the khoitruong account leads.
    """
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
    users = []
    for username, full_name, role, _ in DEMO_USERS:
        family, _, given = full_name.rpartition(" ")
        users.append(User(username=username, password=password, first_name=given, last_name=family,
                          is_staff=role == Role.ADMIN))
    users = User.objects.bulk_create(users)
    if any(u.pk is None for u in users):  # backends that cannot return ids from a bulk insert
        by_name = dict(User.objects.filter(username__in=USERNAMES).values_list("username", "pk"))
        for u in users:
            u.pk = by_name[u.username]
    bloc_pk, bloc_unit_pk, year = bloc_lead
    grants = []
    for user, (_, _, role, where) in zip(users, DEMO_USERS, strict=True):
        if where == "bloc":
            grants.append(RoleGrant(user=user, role=role, unit_id=bloc_unit_pk, bloc_id=bloc_pk, year=year))
        else:
            grants.append(RoleGrant(user=user, role=role, unit_id=units_by_key[where]))
    RoleGrant.objects.bulk_create(grants)
    ensure_demo_devices()
    return len(users)


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role label, unit name) of the demo accounts present in the database."""
    grants = (
        RoleGrant.objects.filter(user__username__in=USERNAMES)
        .select_related("user", "unit", "bloc")
        .order_by("pk")
    )
    rows = []
    for g in grants:
        where = f"{g.unit.name} – {g.bloc.name} {g.year}" if g.bloc_id else g.unit.name
        rows.append((g.user.username, str(g.get_role_display()), where))
    order = {name: i for i, name in enumerate(USERNAMES)}
    return sorted(rows, key=lambda r: order[r[0]])
