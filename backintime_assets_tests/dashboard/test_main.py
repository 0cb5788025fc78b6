import json
import subprocess
import sys
import urllib.request

import pytest

from dashboard.__main__ import parse_args


def test_db_url_defaults_from_env_in_order():
    env = {"BACKINTIME_POSTGRES_URL": "postgresql://b/db", "BACKINTIME_DASHBOARD_DB_URL": "postgresql://a/db"}
    assert parse_args([], env).db_url == "postgresql://a/db"
    assert parse_args([], {"BACKINTIME_POSTGRES_URL": "postgresql://b/db"}).db_url == "postgresql://b/db"
    args = parse_args(["--db-url", "postgresql://c/db", "--port", "9000"], env)
    assert (args.db_url, args.port, args.host) == ("postgresql://c/db", 9000, "127.0.0.1")


def test_missing_db_url_is_an_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args([], {})
    assert exit_info.value.code == 2
    assert "BACKINTIME_DASHBOARD_DB_URL" in capsys.readouterr().err


@pytest.mark.postgres
def test_module_serves_the_app(served_dashboard):
    with urllib.request.urlopen(served_dashboard + "/_dash-layout", timeout=10) as response:
        layout = json.load(response)
    assert "momentum" in json.dumps(layout)


def test_dashboard_never_imports_dagster():
    code = "import sys, dashboard.__main__, dashboard.app; print(sorted(m for m in sys.modules if 'dagster' in m))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
