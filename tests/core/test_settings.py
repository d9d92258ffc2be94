import os
import secrets
import subprocess
import sys

import pytest


def _import_settings(env):
    code = "import thidua.settings"
    full_env = {**os.environ, **env}
    full_env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"THIDUA_ENV": "production", "DEBUG": "1", "SECRET_KEY": "x" * 40}, "DEBUG"),
        ({"THIDUA_ENV": "production", "DEBUG": "0"}, "SECRET_KEY"),
        ({"THIDUA_ENV": "production", "DEBUG": "0", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"THIDUA_ENV": "production", "DEBUG": "0", "SECRET_KEY": "k" * 50}, "SECRET_KEY"),  # not random
    ],
)
def test_production_refuses_unsafe_settings(env, message, tmp_path):
    result = _import_settings({**env, "THIDUA_VAR": str(tmp_path)})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_real_secret(tmp_path):
    result = _import_settings(
        {"THIDUA_ENV": "production", "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
         "THIDUA_VAR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr


def test_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("f" * 50)
    code = "import thidua.settings as s; print(s.SECRET_KEY)"
    env = {**os.environ, "SECRET_KEY_FILE": str(secret), "THIDUA_VAR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "f" * 50
