"""The committed migrations and the models agree, so `reflex db makemigrations` has nothing
to write and `reflex run` reports no pending schema change; objects that only the
migrations know (the directory's text index) are not proposed for dropping."""

from __future__ import annotations

import sqlalchemy as sa
from reflex import model

from dashboard import search_index
from tests.conftest import ROOT


def test_migrations_match_the_models(engine, monkeypatch):
    monkeypatch.chdir(ROOT)  # alembic.ini is found relative to the working directory
    with engine.connect() as connection:
        changed = model.alembic_autogenerate(connection=connection,
                                             write_migration_scripts=False)
        connection.rollback()
    assert changed is False


def test_the_search_index_exists_after_the_migrations(engine):
    inspector = sa.inspect(engine)
    if engine.dialect.name == "sqlite":
        assert search_index.TABLE in inspector.get_table_names()
        with engine.connect() as connection:
            triggers = set(connection.execute(sa.text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'member'"
            )).scalars())
        assert triggers == {f"{search_index.TABLE}_{t}" for t in ("insert", "delete", "update")}
    else:
        assert search_index.POSTGRES_INDEX in {i["name"] for i in inspector.get_indexes("member")}
