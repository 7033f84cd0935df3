"""The benchmark's own PostgreSQL database: where it is, and making it fresh."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

#: The database this benchmark drops and creates; never anyone else's.
BENCH_DATABASE = "gongwen_bench"
DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}"


def bench_url(explicit: str | None = None) -> str:
    """Return the URL of the database to drop, create and measure on.

    ``explicit`` (``--database-url``) or ``BENCH_DATABASE_URL`` is taken as given. Otherwise a
    PostgreSQL ``DATABASE_URL`` lends its server and credentials, with the database name
    replaced by ``gongwen_bench``, so ``make bench`` never drops the database people work on.
    """
    given = explicit or os.environ.get("BENCH_DATABASE_URL")
    if given:
        return given
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in {"postgres", "postgresql"}:
        return DEFAULT_URL
    return with_database(url, BENCH_DATABASE)


def with_database(url: str, name: str) -> str:
    """Return ``url`` pointing at database ``name`` on the same server."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    """Return the database name in ``url``."""
    return urlsplit(url).path.lstrip("/")


def recreate(url: str) -> None:
    """Drop the database of ``url`` (closing its sessions) and create it empty."""
    name = sql.Identifier(database_name(url))
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


def connect(url: str) -> psycopg.Connection:
    """Return a new connection to ``url`` (transactions explicit, as in the engines)."""
    return psycopg.connect(url, autocommit=False)


def server_version(url: str) -> str:
    """Return the server's version, e.g. ``15.20``."""
    with psycopg.connect(url) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]
