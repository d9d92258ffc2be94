#!/usr/bin/env python3
"""Render thidua's deployment templates (deploy/**/*.in) for one server.

The templates' only parameters are paths, the service user and ports; everything else
about the site (host name, database, secret, e-mail) lives in the environment file
CONF_DIR/thidua.env. Every @NAME@ in a template must be given, and values must be safe
to put into a unit file or an nginx line (absolute paths without spaces, a plain user
name, port numbers), so a typo fails here and not at three in the morning.

    python3 deploy/render.py --out /tmp/thidua-deploy          # Debian defaults
    python3 deploy/render.py --app-dir /opt/thidua --web-port 8101 --out DIR

writes DIR/systemd/*.service|*.timer, DIR/nginx/thidua.conf and DIR/bin/thidua
(docs/deployment.md says where each goes). Standard library only: it runs before the
virtualenv exists.
"""

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")
USER = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
SAFE_PATH = re.compile(r"^/[A-Za-z0-9._/+-]*$")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app-dir", default="/srv/thidua", help="the checkout, with .venv (default %(default)s)")
    parser.add_argument("--conf-dir", default="/etc/thidua", help="holds thidua.env (default %(default)s)")
    parser.add_argument("--backup-dir", default="/var/backups/thidua", help="nightly backups (default %(default)s)")
    parser.add_argument("--user", default="thidua", help="the service user (default %(default)s)")
    parser.add_argument("--web-port", type=int, default=8001, help="gunicorn on 127.0.0.1 (default %(default)s)")
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument("--https-port", type=int, default=443)
    parser.add_argument("--tls-cert", default="/etc/ssl/certs/thidua.pem", help="certificate chain (PEM)")
    parser.add_argument("--tls-key", default="/etc/ssl/private/thidua.key", help="its private key (PEM)")
    parser.add_argument("--out", required=True, help="folder to write the rendered files into")
    return parser.parse_args(argv)


def values(args: argparse.Namespace) -> dict[str, str]:
    problems = []
    paths = {"APP_DIR": args.app_dir, "CONF_DIR": args.conf_dir, "BACKUP_DIR": args.backup_dir,
             "TLS_CERT": args.tls_cert, "TLS_KEY": args.tls_key}
    for name, path in paths.items():
        if not SAFE_PATH.match(path) or "//" in path or path.endswith("/"):
            problems.append(f"--{name.lower().replace('_', '-')}: {path!r} is not an absolute path of letters, "
                            "digits and . _ - + / (no spaces, no trailing slash)")
    if not USER.match(args.user):
        problems.append(f"--user: {args.user!r} is not a user name")
    ports = {"WEB_PORT": args.web_port, "HTTP_PORT": args.http_port, "HTTPS_PORT": args.https_port}
    for name, port in ports.items():
        if not 0 < port < 65536:
            problems.append(f"--{name.lower().replace('_', '-')}: {port} is not a port")
    if len(set(ports.values())) < len(ports):
        problems.append("--web-port, --http-port and --https-port must differ")
    if problems:
        raise SystemExit("render.py: " + "\n  ".join(problems))
    return {**paths, "USER": args.user, **{k: str(v) for k, v in ports.items()},
            # The redirect to https names the port only when it is not https's own.
            "HTTPS_PORT_SUFFIX": "" if args.https_port == 443 else f":{args.https_port}"}


def render(text: str, given: dict[str, str], source: Path) -> str:
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(given))
    if missing:
        raise SystemExit(f"render.py: {source} uses {', '.join('@' + m + '@' for m in missing)}, which no option sets")
    return PLACEHOLDER.sub(lambda m: given[m.group(1)], text)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    given = values(args)
    out = Path(args.out)
    for template in sorted(HERE.rglob("*.in")):
        target = out / template.relative_to(HERE).with_suffix("")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(template.read_text(), given, template))
        target.chmod(0o755 if template.parent.name == "bin" else 0o644)
        print(target)


if __name__ == "__main__":
    main(sys.argv[1:])
