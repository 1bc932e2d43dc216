"""copydesk: turn raw news pages into clean, queryable Parquet tables.

The package is the Prefect-free core: read -> segment -> classify -> extract -> load.
"""
__version__ = "0.1.0"
