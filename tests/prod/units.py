"""Run a rendered systemd unit's own ExecStart without systemd (the production stage).

The test machine has no systemd as PID 1, so `systemctl start` is impossible; what ships
is still what runs: the command line, working directory and environment come from the
rendered unit file and the EnvironmentFile it names, read the way systemd reads them.
What systemd alone would add (User=, the sandboxing lines, sd_notify) is not exercised
here; `systemd-analyze verify` checks those lines' syntax.

    python -m tests.prod.units exec UNIT      # becomes the unit's main process
"""

import os
import shlex
import sys
from pathlib import Path


def read(unit: Path) -> dict[str, list[str]]:
    """The unit file's [Service] (or [Timer]) keys, each with its values in order."""
    keys: dict[str, list[str]] = {}
    section = ""
    for raw in unit.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        keys.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return keys


def environment_file(path: Path) -> dict[str, str]:
    """systemd's EnvironmentFile=: KEY=VALUE lines, # comments, optional quotes."""
    env = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        env[key.strip()] = value
    return env


def command(unit: Path) -> tuple[list[str], dict[str, str], str]:
    """(argv, environment, working directory) of UNIT's single ExecStart."""
    keys = read(unit)
    (exec_start,) = keys["Service.ExecStart"]
    if exec_start[:1] in "-@+!:" or "$" in exec_start:
        raise ValueError(f"{unit}: this runner does not handle ExecStart prefixes or variables: {exec_start}")
    # What systemd gives a service before EnvironmentFile=: its default PATH and a UTF-8 locale.
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
    for file in keys.get("Service.EnvironmentFile", []):
        env.update(environment_file(Path(file)))
    for assignment in keys.get("Service.Environment", []):
        for word in shlex.split(assignment):
            key, _, value = word.partition("=")
            env[key] = value
    (cwd,) = keys.get("Service.WorkingDirectory", ["/"])
    return shlex.split(exec_start), env, cwd


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[0] != "exec":
        raise SystemExit(__doc__)
    args, env, cwd = command(Path(argv[1]))
    os.chdir(cwd)
    os.execve(args[0], args, env)  # noqa: S606 — the unit's own command line, as systemd runs it


if __name__ == "__main__":
    main(sys.argv[1:])
