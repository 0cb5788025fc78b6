import datetime as dt
import uuid

import pandas as pd
import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from backintime_assets.db.results import (
    ensure_results_schema,
    refresh_summaries,
    replace_month_entries,
    upsert_latest_close,
)
from backintime_assets.db.roles import ensure_dashboard_role, role_url
from backintime_assets.db.schema import ensure_schema

JAN = dt.date(2025, 1, 1)


@pytest.fixture
def owner(postgres_url):
    """A results database with one trade, and a clean-up of the (cluster-wide) roles made on it."""
    made = []
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        ensure_schema(conn)
        ensure_results_schema(conn)
        replace_month_entries(conn, "s", JAN, pd.DataFrame({
            "ticker": ["A"], "sector": ["TECH"], "purchase_date": [dt.date(2025, 1, 2)],
            "purchase_price": [10.0], "purchase_vol": [2.0],
        }), {})
        closes = pd.DataFrame({"ticker": ["A"], "date": [dt.date(2025, 1, 31)], "adj_close": [11.0]})
        upsert_latest_close(conn, "s", closes)
        refresh_summaries(conn, "s")
        yield conn, made
        for role in made:
            conn.execute(sql.SQL("drop owned by {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("drop role {}").format(sql.Identifier(role)))


def _role(made, prefix="reader"):
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    made.append(name)
    return name


@pytest.mark.postgres
def test_the_reader_can_select_results_and_nothing_else(owner):
    conn, made = owner
    url = ensure_dashboard_role(conn, _role(made), password="s3cret")
    with psycopg.connect(url, autocommit=True) as reader:
        assert reader.execute("select ticker, pnl from backtest_trades").fetchall() == [("A", 2)]
        assert reader.execute("select count(*) from ticker_pnl").fetchone()[0] == 1
        assert reader.execute("select count(*) from sector_monthly_pnl").fetchone()[0] == 1
        assert reader.execute("select adj_close from latest_close").fetchone()[0] == 11.0
        # Its sessions start read-only, but that is only a default the reader may switch off:
        # the privileges below are what actually stop it.
        assert reader.execute("show default_transaction_read_only").fetchone()[0] == "on"
        reader.execute("set default_transaction_read_only = off")
        forbidden = [
            "select * from backtest_entries",  # only through the view
            "select * from raw_files",
            "insert into latest_close values ('s', 'B', '2025-01-01', 1)",
            "update latest_close set adj_close = 0",
            "delete from ticker_pnl",
            "update backtest_entries set purchase_price = 0",
            "create table mine (a int)",
            "create schema mine",
        ]
        for statement in forbidden:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(statement)
    assert conn.execute("select count(*) from latest_close").fetchone()[0] == 1


@pytest.mark.postgres
def test_repeating_resets_the_password_and_strips_extra_grants(owner):
    conn, made = owner
    role = _role(made)
    old_url = ensure_dashboard_role(conn, role, password="first")
    conn.execute(sql.SQL("grant select on backtest_entries to {}").format(sql.Identifier(role)))
    new_url = ensure_dashboard_role(conn, role, password="second")
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(old_url, connect_timeout=5).close()
    with psycopg.connect(new_url, autocommit=True) as reader:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("select * from backtest_entries")
        assert reader.execute("select count(*) from backtest_trades").fetchone()[0] == 1


@pytest.mark.postgres
def test_hostile_names_and_passwords_are_quoted_not_executed(owner):
    conn, made = owner
    role = _role(made, prefix='x"; drop table latest_close; --')
    password = "p@ss:/w?rd% 'quoted'"
    url = ensure_dashboard_role(conn, role, password=password)
    assert conninfo_to_dict(url)["user"] == role and conninfo_to_dict(url)["password"] == password
    with psycopg.connect(url, autocommit=True) as reader:
        assert reader.execute("select current_user").fetchone()[0] == role
    assert conn.execute("select count(*) from latest_close").fetchone()[0] == 1
    # The statement log never sees the plain password: the role holds a SCRAM verifier.
    stored = conn.execute("select rolpassword from pg_authid where rolname = %s", (role,)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and password not in stored


@pytest.mark.postgres
def test_the_connected_role_is_never_demoted(owner):
    conn, _ = owner
    me = conn.execute("select current_user").fetchone()[0]
    with pytest.raises(ValueError, match="refusing"):
        ensure_dashboard_role(conn, me, password="x")


def test_role_url_keeps_the_server_and_settings_but_not_the_old_user():
    url = role_url("db.example.com", 5433, "results", {"user": "owner", "sslmode": "require"}, "reader", "pw")
    assert url == "postgresql://reader:pw@db.example.com:5433/results?sslmode=require"
    socket = conninfo_to_dict(role_url("/run/postgresql", 5432, "my db", {}, "r", "p/w"))
    assert socket == {"user": "r", "password": "p/w", "host": "/run/postgresql", "port": "5432", "dbname": "my db"}
    assert conninfo_to_dict(role_url("::1", 5432, "d", {}, "r", "p"))["host"] == "::1"
