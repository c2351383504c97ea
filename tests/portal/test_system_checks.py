"""The start-up check for PDF libraries (portal/system_checks.py) stays quiet where Pango is
installed. Its warning cannot be produced here without removing Pango from the machine
(WeasyPrint dlopens it by soname through the system's library cache)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(env_extra):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env_extra}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_no_warning_where_pango_is_installed():
    result = _check({})
    assert result.returncode == 0, result.stderr
    assert "karavan.W001" not in result.stdout + result.stderr
