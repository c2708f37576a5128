"""The question catalog in SQL: the bank's questions, their topic and difficulty, kept in step with the bank.

Reads that group or filter the kept state by topic (``storage.catalog_reads``) join it instead of
loading a row per question into Python.  ``sync_catalog`` reads the catalog (one row per question) and
writes only what differs, so a process starting on an up-to-date database writes nothing; when it does
write, questions may have changed topic, so the per-topic totals are rebuilt in the same transaction.  Several
processes of one content version agree; with two versions on one database, the last to sync wins.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from bot.model.progress import CatalogEntry
from storage.progress_tables import question_catalog
from storage.sql_base import SqlBase
from storage.topic_totals import rebuild


class Catalog(SqlBase):
    """The ``Store`` method that keeps the question catalog the bank's."""

    async def sync_catalog(self, entries: Sequence[CatalogEntry]) -> None:
        """Make the catalog hold exactly ``entries``: add and change those that differ, drop the rest.

        The catalog is read before any write transaction begins, so an up-to-date catalog takes no
        write lock, and on SQLite a read never has to turn into a write while others write.  What is
        then written is the same whoever writes it, so processes syncing at once agree.
        """
        c = question_catalog.c
        wanted = {e.question_id: (e.topic, e.difficulty) for e in entries}
        async with self.reading() as connection:
            rows = await connection.execute(select(c.question_id, c.topic, c.difficulty))
            current = {row.question_id: (row.topic, row.difficulty) for row in rows}
        changed = [
            {"question_id": qid, "topic": topic, "difficulty": difficulty}
            for qid, (topic, difficulty) in wanted.items()
            if current.get(qid) != (topic, difficulty)
        ]
        gone = [qid for qid in current if qid not in wanted]
        if not changed and not gone:
            return
        async with self.writing() as connection:
            if changed:
                stmt = self.insert(question_catalog)
                upsert = stmt.on_conflict_do_update(
                    index_elements=[c.question_id],
                    set_={"topic": stmt.excluded.topic, "difficulty": stmt.excluded.difficulty},
                )
                await connection.execute(upsert, changed)
            for start in range(0, len(gone), 500):
                await connection.execute(
                    delete(question_catalog).where(c.question_id.in_(gone[start : start + 500]))
                )
            await rebuild(connection, self.postgres)
