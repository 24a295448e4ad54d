"""The committed migrations and the models agree, so `reflex db makemigrations` has nothing
to write and `reflex run` reports no pending schema change; objects that only the
migrations know (the directory's text index) are not proposed for dropping."""

from __future__ import annotations

from datetime import UTC

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


def test_without_the_text_index_searches_still_work(tmp_path):
    """A SQLite too old for FTS5's trigram tokenizer gets no index from the migration; the
    directory then compares rows, with the same results."""
    from datetime import date, datetime

    from sqlmodel import Session, SQLModel

    from dashboard.domain.auth import Actor
    from dashboard.domain.membership.directory import DirectoryQuery, search_members
    from dashboard.models import Role
    from tests import factories as f

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    SQLModel.metadata.create_all(engine)  # the tables, but no member_search
    with Session(engine) as session:
        body = f.organisation(session, "cyngor-ceredigion")
        for name in ("Bethan Ŵyn", "Aled Jones"):
            f.member(session, body, date(2025, 1, 1), name=name)
        session.commit()
        assert not search_index.sqlite_index_exists(session.connection())
        steering = Actor(user_id=None, role=Role.STEERING, label="test")
        now = datetime(2026, 6, 1, tzinfo=UTC)
        page = search_members(session, steering, DirectoryQuery(search="ŵyn"), now)
        assert [row.full_name for row in page.rows] == ["Bethan Ŵyn"]
        # Accents aside, both ways, as through the index.
        for text in ("WYN", "bethan ŵ", "Alêd"):
            assert search_members(session, steering, DirectoryQuery(search=text),
                                  now).total == 1, text
        assert search_members(session, steering, DirectoryQuery(search="CEREDIGION"),
                              now).total == 2
    engine.dispose()
