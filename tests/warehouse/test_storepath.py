"""The warehouse code on a store without a local copy (issue 15, item 1): `storepath.StorePath` over fsspec's
in-memory filesystem (the same calls as s3fs, no server): path operations and listings, and a whole run
whose warehouse is `memory://...` ending with the same tables as a local run, rows read back through
pyarrow over fsspec."""
import uuid

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from copydesk.warehouse import writer
from copydesk.warehouse.storepath import StorePath, arrow_args
from test_storage_s3 import moto_endpoint, s3  # noqa: F401  (moto server and a fresh bucket)
from warehouse_helpers import no_fsync, run, variant, write_variants


def _root():
    return StorePath(fsspec.filesystem("memory"), f"/t-{uuid.uuid4().hex[:8]}")


def test_path_operations_and_listings():
    root = _root()
    (root / "a" / "part-1.parquet").write_text("x")
    (root / "a" / "sub" / "part-2.parquet").write_text("yy")
    (root / "a" / ".part-3.parquet.tmp").write_text("z")
    p = root / "a" / "part-1.parquet"
    assert (p.name, p.stem, p.parent, str(p.relative_to(root))) == ("part-1.parquet", "part-1", root / "a",
                                                                      "a/part-1.parquet")
    assert [q.name for q in (root / "a").glob("part-*.parquet")] == ["part-1.parquet"]  # one level only
    assert [q.name for q in (root / "a").rglob("part-*.parquet")] == ["part-1.parquet", "part-2.parquet"]
    assert [q.stat().st_size for q in (root / "a").rglob("part-*")] == [1, 2]
    assert p.exists() and p.is_file() and not (root / "nothing").exists()
    assert list((root / "nothing").rglob("*")) == [] and list((root / "nothing").glob("*")) == []
    p.unlink()
    p.unlink(missing_ok=True)
    assert not p.exists()
    t = pa.table({"a": [1, 2]})
    writer.atomic_write_table(t, root / "t" / "part-x.parquet")  # one whole object, no temp name on the store
    assert [q.name for q in (root / "t").rglob("*")] == ["part-x.parquet"]
    q = root / "t" / "part-x.parquet"
    assert pq.read_table(str(q), **arrow_args(q)).equals(t)


def test_snapshot_lists_once_and_follows_its_own_writes():
    root = _root()
    (root / "a" / "part-1.parquet").write_text("x")
    calls = []
    real_find = root.fs.find
    root.fs.find = lambda *a, **kw: calls.append(a) or real_find(*a, **kw)
    with root.snapshot():
        (root / "a" / "part-2.parquet").write_text("yy")  # through the paths: seen
        (root / "a" / "part-1.parquet").unlink()
        root.fs.pipe_file(f"{root.path}/a/part-9.parquet", b"z")  # behind its back: not seen until the end
        assert [q.name for q in (root / "a").rglob("part-*")] == ["part-2.parquet"]
        assert [q.name for q in (root / "a").glob("part-*")] == ["part-2.parquet"]
        assert (root / "a").exists() and not (root / "b").exists()
        assert (root / "a" / "part-2.parquet").stat().st_size == 2
    assert len(calls) == 1  # the snapshot's one listing
    assert [q.name for q in (root / "a").rglob("part-*")] == ["part-2.parquet", "part-9.parquet"]


def test_run_on_a_store_equals_a_local_run_and_keeps_no_copy(tmp_path, monkeypatch):
    no_fsync(monkeypatch)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    raw = tmp_path / "raw"
    files = write_variants(raw, 6)
    url = f"memory://wh-{uuid.uuid4().hex[:8]}"
    local = tmp_path / "wh"
    for _ in range(2):  # the second round replaces two articles: reconcile rewrites parts on the store
        a, b = run(raw, url, batch_size=2), run(raw, local, batch_size=2)
        assert (a["articles"], a["finish"]) == (b["articles"], b["finish"])
        for k, f in enumerate(files[:2]):
            f.write_text(variant(700 + k), encoding="utf-8")
    store = StorePath.from_url(url)
    for t in ("articles", "lines", "story_clusters", "_ledger"):
        key = "source_path" if t == "_ledger" else ("cluster_id" if t == "story_clusters" else "article_id")
        got = writer.read_table(store, t).select([key]).to_pylist()
        want = writer.read_table(local, t).select([key]).to_pylist()
        assert sorted(map(str, got)) == sorted(map(str, want)), t
    cache = tmp_path / "cache"  # the flow host's: nothing of the warehouse (raw is local here: no listing either)
    assert not cache.exists() or not [p for p in cache.iterdir() if p.name.startswith("wh-")]


def test_parts_another_machine_added_are_read_on_s3(tmp_path, s3, moto_endpoint):  # noqa: F811
    """Parts written by another process (a Dask worker) after this one listed the folder they land in: a
    listing at the root finds them, and pyarrow reads them (s3fs keeps listings of subfolders; a stale one
    made pyarrow's fs.info fail with FileNotFoundError for a part the listing had just found: seen in
    tests/flows/test_cluster.py). Plain, and under a snapshot taken after the other machine wrote."""
    import s3fs
    here = StorePath.from_url(f"s3://{s3.bucket}/wh")
    other = s3fs.S3FileSystem(endpoint_url=moto_endpoint, key="test", secret="test", skip_instance_cache=True)

    def elsewhere(k: int) -> None:  # another machine's client writes part-k
        buf = pa.BufferOutputStream()
        pq.write_table(pa.table({"a": [k]}), buf)
        other.pipe_file(f"{s3.bucket}/wh/_ledger/part-{k}.parquet", buf.getvalue().to_pybytes())

    def read_all() -> list:
        return [pq.read_table(str(p), **arrow_args(p)).column(0)[0].as_py() for p in writer._parts(here, "_ledger")]

    writer.atomic_write_table(pa.table({"a": [1]}), here / "_ledger" / "part-1.parquet")
    assert read_all() == [1]  # listed (and cached) here
    elsewhere(2)
    assert read_all() == [1, 2]
    elsewhere(3)
    with here.snapshot():
        assert read_all() == [1, 2, 3]
