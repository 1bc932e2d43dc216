"""The articles row is declared once (core.records.ARTICLE_COLUMNS): the Parquet schema is derived from it,
every column is filled from the Article of the same name (or stamped by the writer), and every Article
field is a column, a child table, or one of the few kept out of `articles` on purpose."""
import dataclasses
from datetime import datetime, timezone

from copydesk.core.records import ARTICLE_COLUMNS, ARTICLE_STAMPS, Article
from copydesk.warehouse import writer

# Article fields that are not `articles` columns: the body's parts (the `body` column and the
# `paragraphs`/`lines` tables hold them) and the acronym map (shown by `copydesk extract`, not stored)
NOT_COLUMNS = {"paragraphs", "lines", "acronyms"}


def test_schema_is_derived_from_the_declaration():
    assert writer.SCHEMAS["articles"].names == [name for name, _ in ARTICLE_COLUMNS]


def test_every_column_comes_from_the_article_or_the_writer():
    for name, _ in ARTICLE_COLUMNS:
        assert name in ARTICLE_STAMPS or hasattr(Article, name) or name in {f.name for f in dataclasses.fields(Article)}, name


def test_every_article_field_lands_somewhere():
    columns = {name for name, _ in ARTICLE_COLUMNS}
    children = set(writer.TABLES) - {"articles", "rejects"}
    for f in dataclasses.fields(Article):
        assert f.name in columns or f.name in children or f.name in NOT_COLUMNS, f"Article.{f.name} is written nowhere"


def test_row_values_match_the_article(sample_article):
    at = datetime(2026, 1, 2, tzinfo=timezone.utc)
    row = writer.rows_for([sample_article], [], at)["articles"][0]
    for name, kind in ARTICLE_COLUMNS:
        if name in ARTICLE_STAMPS:
            continue
        value = getattr(sample_article, name)
        assert row[name] == (writer._utc(value) if kind == "timestamp" else value), name
    assert row["ingested_at"] == at and row["paragraph_count"] == len(sample_article.paragraphs) == 14
