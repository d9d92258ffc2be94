"""The load test of finding 10 (issue 10): 50 concurrent users in the role mix of
`load_plan.ROLE_MIX`, 1–5 s between requests, each opening the pages its role uses.

The addresses come from a plan file (`THIDUA_LOAD_PLAN`, written by `load_plan.build_plan`
on the seeded database), so this file needs no database. `make bench` runs it through
`tests.perf.load`; by hand, against a running server:

    THIDUA_LOAD_PLAN=plan.json .venv/bin/locust -f tests/perf/locustfile.py --host https://… \\
        --users 50 --spawn-rate 10 --run-time 5m --headless

Every request is named by its page's URL pattern, so locust's table has one row per page.
"""

import os
import random
from collections import defaultdict

from locust import HttpUser, between, task

from tests.perf.load_plan import PAGES, ROLE_MIX, read_plan

LOGIN = "/tai-khoan/dang-nhap/"


def _as_over_https(client) -> None:
    """Keep the site's Secure cookies sendable over the plain-HTTP hop to the application
    server: the bench plays the browser and the TLS-terminating proxy at once (it sends
    `X-Forwarded-Proto: https`, which production settings believe), and a browser sends
    Secure cookies over HTTPS."""
    for cookie in client.cookies:
        cookie.secure = False


def sign_in(client, username: str, password: str, *, origin: str) -> None:
    """The one place the bench signs a user in: the form (for its CSRF cookie), then the
    post. When two-factor sign-in is required (admins and the secretariat in production),
    its step goes here too."""
    client.get(LOGIN, name="[sign-in] form", headers={"X-Bench-Page": "[sign-in] form"})
    _as_over_https(client)
    token = client.cookies.get("csrftoken", "")
    with client.post(LOGIN, name="[sign-in] post", allow_redirects=False, catch_response=True,
                     data={"username": username, "password": password, "csrfmiddlewaretoken": token},
                     headers={"Referer": origin + LOGIN, "X-Bench-Page": "[sign-in] post"}) as response:
        if response.status_code != 302:
            response.failure(f"sign-in of {username} answered {response.status_code}")
    _as_over_https(client)


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
    plain_hop = False

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
        if self.origin.startswith("http://"):
            # The application server directly, without the proxy: say what the proxy says.
            self.plain_hop = True
            self.client.headers["X-Forwarded-Proto"] = "https"
            self.origin = "https://" + self.origin.removeprefix("http://")
        # The server's access log names each request's page and role (`load.start_server`).
        self.client.headers["X-Bench-Role"] = self.role
        if me["username"]:
            sign_in(self.client, me["username"], plan()["password"], origin=self.origin)

    def open(self, name: str, url: str, *, htmx: bool = False) -> None:
        headers = {"Referer": self.origin + "/", "X-Bench-Page": name}
        if htmx:
            headers["HX-Request"] = "true"
        with self.client.get(url, name=name, headers=headers, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{url} answered {response.status_code}")
        if self.plain_hop:
            _as_over_https(self.client)

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
