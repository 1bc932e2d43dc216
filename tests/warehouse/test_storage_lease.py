"""The lease lock on a remote warehouse (`copydesk.warehouse.store.Lease`, `<warehouse>/_lock`) against a moto S3
server on 127.0.0.1: one holder at a time across "machines" (Lease objects with their own owner ids), a
clear error naming the live holder, takeover of an expired lease, and a taken-over run cannot publish."""
import json
import time
from pathlib import Path

import pytest

from copydesk.warehouse import store
from test_storage_s3 import moto_endpoint, s3  # noqa: F401  (moto server and a fresh bucket)


def _ahead(seconds):
    """A clock running `seconds` ahead: how a run started later sees a lease written now."""
    return lambda: time.time() + seconds


def _lock_object(s3, bucket_prefix):
    return json.loads(s3.cat_file(f"{bucket_prefix}/{store.LOCK_NAME}"))


def test_second_live_run_is_refused_with_the_holder_named(s3):  # noqa: F811
    url = f"s3://{s3.bucket}/wh"
    a = store.Lease(url, ttl_s=60, owner="machine-a:101:x").acquire()
    assert a.conditional  # S3: If-None-Match / If-Match conditional writes, not the read-back-only fallback
    held = _lock_object(s3, f"{s3.bucket}/wh")
    assert held["owner"] == "machine-a:101:x" and held["expires"] == pytest.approx(time.time() + 60, abs=10)

    b = store.Lease(url, ttl_s=60, owner="machine-b:202:y")
    with pytest.raises(store.LockHeld) as e:
        b.acquire()
    msg = str(e.value)
    assert f"warehouse {url} is locked by another run (machine-a:101:x" in msg
    assert "lease expires at" in msg and "takes the lease over" in msg
    assert _lock_object(s3, f"{s3.bucket}/wh")["owner"] == "machine-a:101:x"  # untouched by the refusal

    # Refreshing keeps it (new etag, later expiry), and still refuses b; releasing lets b in.
    etag, expires = a.etag, a.expires
    a.refresh()
    assert a.etag != etag and a.expires > expires
    with pytest.raises(store.LockHeld):
        b.acquire()
    a.release()
    assert not s3.exists(f"{s3.bucket}/wh/{store.LOCK_NAME}")
    b.acquire()
    assert _lock_object(s3, f"{s3.bucket}/wh")["owner"] == "machine-b:202:y"
    b.release()


def test_expired_lease_is_taken_over_and_the_old_holder_cannot_publish(tmp_path, s3):  # noqa: F811
    url = f"s3://{s3.bucket}/wh"
    dead = store.Lease(url, ttl_s=60, owner="dead-run").acquire()  # never refreshed: its run died

    # 30 s later the lease is still live; 120 s later it has expired and another run takes it over.
    with pytest.raises(store.LockHeld, match=r"locked by another run \(dead-run"):
        store.Lease(url, ttl_s=60, owner="early", clock=_ahead(30)).acquire()
    # Two runs find the same expired lease; `later` replaces it first. `racer` read the stale lease before
    # that write (its first read is replayed) and tries to replace it too: its If-Match on the stale etag is
    # refused by the store, so it gets LockHeld naming the winner instead of a second, silent takeover.
    racer = store.Lease(url, ttl_s=60, owner="racer", clock=_ahead(120))
    stale = [racer._read()]
    assert stale[0][0]["owner"] == "dead-run"
    later = store.Lease(url, ttl_s=60, owner="later", clock=_ahead(120)).acquire()
    assert _lock_object(s3, f"{s3.bucket}/wh")["owner"] == "later"
    fresh_read = racer._read
    racer._read = lambda: stale.pop() if stale else fresh_read()
    with pytest.raises(store.LockHeld, match=r"\(later"):
        racer.acquire()
    assert _lock_object(s3, f"{s3.bucket}/wh")["owner"] == "later"

    # A third run arriving later sees the new, live lease: refused.
    with pytest.raises(store.LockHeld, match=r"\(later"):
        store.Lease(url, ttl_s=60, owner="third", clock=_ahead(121)).acquire()

    # The old holder coming back: its refresh (If-Match on its old etag) fails, check() stops it from
    # publishing, and its release leaves the new holder's lease in place.
    with pytest.raises(store.LeaseLost):
        dead.refresh()
    with pytest.raises(store.LeaseLost, match="not published"):
        dead.check()
    # Its batches still running elsewhere check the lease before uploading: nothing of theirs is committed.
    with store.staged_batch([], str(tmp_path), url, lease_owner="dead-run") as st:
        (Path(st.warehouse) / "_ledger").mkdir()
        (Path(st.warehouse) / "_ledger" / "part-b.parquet").write_bytes(b"x")
        with pytest.raises(store.LeaseLost, match="held by later.*batch not committed"):
            st.commit()
    assert not s3.find(f"{s3.bucket}/wh/_ledger")
    dead.release()
    assert _lock_object(s3, f"{s3.bucket}/wh")["owner"] == "later"
    later.check()  # still ours
    later.release()
    assert not s3.exists(f"{s3.bucket}/wh/{store.LOCK_NAME}")


def test_lease_object_is_not_mirrored_as_warehouse_data(tmp_path, s3):  # noqa: F811
    url = f"s3://{s3.bucket}/wh"
    s3.pipe(f"{s3.bucket}/wh/_ledger/part-init.parquet", b"x")
    with store.Lease(url, ttl_s=60, owner="me"):
        m = store.WarehouseMirror(url, cache=tmp_path / "cache")
        assert m.pull()["files"] == 1
        assert not (m.dir / store.LOCK_NAME).exists()
    assert not s3.exists(f"{s3.bucket}/wh/{store.LOCK_NAME}")
