"""The dashboard's read-only Postgres role: it may select the results view, the summaries and
`latest_close`, and nothing else."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from psycopg import errors, sql

from backintime_assets.db.results import READABLE_RELATIONS

DEFAULT_READER = "backintime_reader"
# Connection settings that say who we are, not where the server is: never carried into the URL.
_CREDENTIALS = {"user", "password", "passfile", "host", "port", "dbname"}


def ensure_dashboard_role(conn, role: str = DEFAULT_READER, *, password: str) -> str:
    """Create or reset `role` as a LOGIN role that can only read the results; return its URL.

    Run after `ensure_results_schema`. Safe to repeat: the password is reset and privileges are
    brought back to exactly SELECT on READABLE_RELATIONS plus USAGE on their schema.
    """
    if not password:
        raise ValueError("the dashboard role needs a non-empty password")
    current_user = conn.execute("select current_user").fetchone()[0]
    if role == current_user:
        raise ValueError(f"refusing to turn the connected role {role!r} into a read-only one")
    # Hashed here, so the plain password never travels in a statement the server might log.
    verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(), None).decode()
    name = sql.Identifier(role)
    attributes = sql.SQL(
        "login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password {}"
    ).format(sql.Literal(verifier))
    with conn.transaction():
        try:
            # Roles are cluster-wide: another database may create the same one concurrently.
            with conn.transaction():
                conn.execute(sql.SQL("create role {} with {}").format(name, attributes))
        except errors.DuplicateObject:
            conn.execute(sql.SQL("alter role {} with {}").format(name, attributes))
        conn.execute(sql.SQL("alter role {} set default_transaction_read_only = on").format(name))

        schema, database = conn.execute("select current_schema(), current_database()").fetchone()
        schema_id = sql.Identifier(schema)
        # Start from nothing, so privileges granted by hand or by an older version do not linger.
        conn.execute(sql.SQL("revoke all on all tables in schema {} from {}").format(schema_id, name))
        conn.execute(sql.SQL("revoke all on schema {} from {}").format(schema_id, name))
        conn.execute(sql.SQL("grant connect on database {} to {}").format(sql.Identifier(database), name))
        conn.execute(sql.SQL("grant usage on schema {} to {}").format(schema_id, name))
        relations = sql.SQL(", ").join(sql.Identifier(schema, r) for r in READABLE_RELATIONS)
        conn.execute(sql.SQL("grant select on {} to {}").format(relations, name))
    return role_url(conn.info.host, conn.info.port, conn.info.dbname, conn.info.get_parameters(), role, password)


def role_url(host: str, port: int, dbname: str, parameters: dict[str, str], role: str, password: str) -> str:
    """A postgresql:// URL for `role` at the same server and database, keeping settings such as
    sslmode from `parameters` (as returned by `conn.info.get_parameters()`)."""
    query = {k: v for k, v in parameters.items() if k not in _CREDENTIALS}
    netloc = f"{quote(role, safe='')}:{quote(password, safe='')}@"
    if host.startswith("/"):
        # A Unix-socket directory cannot sit in the authority part of a URL.
        query["host"] = host
    else:
        netloc += f"[{host}]" if ":" in host else host
    netloc += f":{port}"
    suffix = f"?{urlencode(query)}" if query else ""
    return f"postgresql://{netloc}/{quote(dbname, safe='')}{suffix}"
