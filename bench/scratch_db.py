"""A scratch PostgreSQL database for a benchmark: made empty before, dropped after."""


def create_scratch(server: str, name: str) -> str:
    """An empty database ``name`` on ``server`` (postgres://user@host:port); its URL."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_scratch(server: str, name: str) -> None:
    """Drop ``name``, closing this process's connections to it first."""
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
