"""The load test of finding 10 (issue 10): 50 concurrent users in the role mix of
`load_plan.ROLE_MIX`, 1–5 s between requests, each opening the pages its role uses.

The addresses come from a plan file (`THIDUA_LOAD_PLAN`, written by `load_plan.build_plan`
on the seeded database), so this file needs no database. `make bench` runs it through
`tests.perf.load` against the production stage (nginx over https); by hand, against a
running site whose database the plan was made on (THIDUA_LOAD_CA: the site's certificate,
when it is not signed by a CA this machine trusts):

    THIDUA_LOAD_PLAN=plan.json THIDUA_LOAD_CA=thidua.pem .venv/bin/locust -f tests/perf/locustfile.py \\
        --host https://… --users 50 --spawn-rate 10 --run-time 5m --headless

Every request is named by its page's URL pattern, so locust's table has one row per page;
the same name goes in an `X-Bench-Page` header (and the role in `X-Bench-Role`), which the
stage's nginx access log records beside the upstream time.
"""

import os
import random
from collections import defaultdict

from django_otp.oath import TOTP
from locust import HttpUser, between, task

from tests.perf.load_plan import PAGES, ROLE_MIX, read_plan

LOGIN = "/tai-khoan/dang-nhap/"
CODE_STEP = "/tai-khoan/dang-nhap/ma-xac-thuc/"
SIGNED_IN = "/"  # where signing in ends (LOGIN_REDIRECT_URL, the dashboard)


def _post(client, url: str, name: str, data: dict, *, origin: str, then: str) -> None:
    """A sign-in form's post with its CSRF token; a failure unless it sends the user to THEN."""
    data = {**data, "csrfmiddlewaretoken": client.cookies.get("csrftoken", "")}
    with client.post(url, name=name, allow_redirects=False, catch_response=True, data=data,
                     headers={"Referer": origin + url, "X-Bench-Page": name}) as response:
        went = response.headers.get("Location", "")
        if response.status_code != 302 or went != then:
            response.failure(f"{name} of {data.get('username') or 'the code'} answered "
                             f"{response.status_code} {went}")


def sign_in(client, username: str, password: str, *, origin: str, otp_key: str | None = None) -> None:
    """The one place the bench signs a user in, as a person does: the form (for its CSRF
    cookie), the password, then, for an account with an authenticator (administrators and
    the secretariat must have one in production), the code its app shows now. Each bench
    user has its own account and signs in once, so no code is used twice."""
    client.get(LOGIN, name="[sign-in] form", headers={"X-Bench-Page": "[sign-in] form"})
    _post(client, LOGIN, "[sign-in] post", {"username": username, "password": password},
          origin=origin, then=CODE_STEP if otp_key else SIGNED_IN)
    if otp_key:
        client.get(CODE_STEP, name="[sign-in] code form", headers={"X-Bench-Page": "[sign-in] code form"})
        code = str(TOTP(bytes.fromhex(otp_key)).token()).zfill(6)
        _post(client, CODE_STEP, "[sign-in] code", {"code": code}, origin=origin, then=SIGNED_IN)


_plan = None
_taken: dict[str, int] = defaultdict(int)


def plan() -> dict:
    global _plan
    if _plan is None:
        _plan = read_plan(os.environ["THIDUA_LOAD_PLAN"])
    return _plan


class _Role(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 5)

    def context(self) -> dict:
        return {"role": self.role}

    def on_start(self) -> None:
        users = [u for u in plan()["users"] if u["role"] == self.role]
        me = users[_taken[self.role] % len(users)]
        _taken[self.role] += 1
        self.pages = me["pages"]
        names = [name for name in PAGES[self.role] if name in self.pages]
        self.names, self.weights = names, [PAGES[self.role][n] for n in names]
        self.origin = self.host.rstrip("/")
        if os.environ.get("THIDUA_LOAD_CA"):
            self.client.verify = os.environ["THIDUA_LOAD_CA"]
        self.client.headers["X-Bench-Role"] = self.role
        if me["username"]:
            sign_in(self.client, me["username"], plan()["password"], origin=self.origin, otp_key=me["otp_key"])

    def open(self, name: str, url: str, *, htmx: bool = False) -> None:
        headers = {"Referer": self.origin + "/", "X-Bench-Page": name}
        if htmx:
            headers["HX-Request"] = "true"
        with self.client.get(url, name=name, headers=headers, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{url} answered {response.status_code}")

    @task
    def browse(self) -> None:
        name = random.choices(self.names, weights=self.weights)[0]
        visit = random.choice(self.pages[name])
        self.open(name, visit["url"])
        for follow_name, follow_url in visit["then"]:
            self.open(follow_name, follow_url, htmx=True)


def _role_class(role: str, count: int) -> type[_Role]:
    return type(f"{role.title()}User", (_Role,), {"role": role, "fixed_count": count, "__module__": __name__})


SecretariatUser = _role_class("secretariat", ROLE_MIX["secretariat"])
OfficerUser = _role_class("officer", ROLE_MIX["officer"])
HeadUser = _role_class("head", ROLE_MIX["head"])
AdminUser = _role_class("admin", ROLE_MIX["admin"])
CouncilUser = _role_class("council", ROLE_MIX["council"])
BlocUser = _role_class("bloc", ROLE_MIX["bloc"])
AnonymousUser = _role_class("anonymous", ROLE_MIX["anonymous"])
USER_CLASSES = [SecretariatUser, OfficerUser, HeadUser, AdminUser, CouncilUser, BlocUser, AnonymousUser]
