"""An embedded, real PostgreSQL server kept under BACKINTIME_HOME and reused across runs.

The binaries come from the `pgserver` wheel (a full PostgreSQL build), or from a system install.
PostgreSQL refuses to run as root, so as root the server runs as an unprivileged system user.
"""
from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "backintime"
DATABASES = ("backintime", "dagster")
# Given at every start, so servers made by older versions get them too. A bulk COPY of entries
# writes more WAL than the default max_wal_size (1GB) allows between checkpoints, and a checkpoint
# midway makes every page touched after it be logged again in full. (bench/bench_results_load.py
# compares loads; on a loaded machine its runs could not yet tell these settings apart.)
SERVER_SETTINGS = {"max_wal_size": "4GB", "checkpoint_timeout": "30min"}


class PostgresError(RuntimeError):
    pass


def find_postgres_bin() -> Path:
    try:
        from pgserver._commands import POSTGRES_BIN_PATH

        if (POSTGRES_BIN_PATH / "pg_ctl").exists():
            return POSTGRES_BIN_PATH
    except ImportError:
        pass
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "pg_ctl").exists():
            return candidate
    raise PostgresError(
        "no PostgreSQL binaries found: install the project (`pip install -e .` brings pgserver) "
        "or a system PostgreSQL, or set BACKINTIME_POSTGRES_URL to an external server"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_is_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class EmbeddedPostgres:
    """One server per data directory; `start` is idempotent and safe to call from any process."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def _port_file(self) -> Path:
        return self.root / "port"

    @property
    def _password_file(self) -> Path:
        return self.root / "password"

    @property
    def port(self) -> int:
        return int(self._port_file.read_text())

    def url(self, database: str = "backintime") -> str:
        password = self._password_file.read_text().strip()
        return f"postgresql://{SERVER_USER}:{password}@127.0.0.1:{self.port}/{database}"

    def is_running(self) -> bool:
        return self._port_file.exists() and self._pg_ctl_status() and _port_is_open(self.port)

    def start(self) -> str:
        if self.is_running():
            return self.url()
        self.root.mkdir(parents=True, exist_ok=True)
        if not (self.data_dir / "PG_VERSION").exists():
            self._init()
        # A new port each start: a stale port from a previous machine may be taken now.
        if not self._port_file.exists() or _port_is_open(self.port):
            self._port_file.write_text(str(_free_port()))
        log = self.root / "server.log"
        settings = " ".join(f"-c {name}={value}" for name, value in SERVER_SETTINGS.items())
        self._run(
            "pg_ctl", "-D", str(self.data_dir), "-l", str(log), "-w", "-t", "60", "start",
            "-o", f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1 {settings}",
        )
        self._create_databases()
        return self.url()

    def stop(self) -> bool:
        if not (self.data_dir / "PG_VERSION").exists() or not self._pg_ctl_status():
            return False
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
        return True

    # -- internals -------------------------------------------------------------------------

    def _init(self) -> None:
        if self.data_dir.exists():
            shutil.rmtree(self.data_dir)
        self.data_dir.mkdir(parents=True)
        self._password_file.write_text(secrets.token_urlsafe(18))
        self._password_file.chmod(0o600)
        pwfile = self.root / ".initpw"
        shutil.copy(self._password_file, pwfile)
        self._give_to_server_user(pwfile)
        try:
            self._run(
                "initdb", "-D", str(self.data_dir), "-U", SERVER_USER, f"--pwfile={pwfile}",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C",
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def _create_databases(self) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            existing = {r[0] for r in conn.execute("select datname from pg_database")}
            for name in DATABASES:
                if name not in existing:
                    conn.execute(f'create database "{name}"')

    def _pg_ctl_status(self) -> bool:
        if not (self.data_dir / "PG_VERSION").exists():
            return False
        result = subprocess.run(
            [str(find_postgres_bin() / "pg_ctl"), "-D", str(self.data_dir), "status"],
            capture_output=True, text=True, **self._user_kwargs(),
        )
        return result.returncode == 0

    def _user_kwargs(self) -> dict:
        if os.geteuid() != 0:
            return {}
        _ensure_server_user()
        return {"user": SERVER_USER, "group": pwd.getpwnam(SERVER_USER).pw_gid}

    def _give_to_server_user(self, path: Path) -> None:
        if os.geteuid() != 0:
            return
        entry = _ensure_server_user()
        for p in (self.root, self.data_dir, path):
            os.chown(p, entry.pw_uid, entry.pw_gid)
        # The server user must be able to reach its data directory through every parent.
        for parent in self.root.absolute().parents:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o011)

    def _run(self, program: str, *args: str) -> None:
        command = [str(find_postgres_bin() / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, **self._user_kwargs())
        if result.returncode != 0:
            raise PostgresError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")


def _ensure_server_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", SERVER_USER], check=True, capture_output=True)
        return pwd.getpwnam(SERVER_USER)
