"""The warehouse layer: Parquet tables, the ledger, recovery, compaction, the story index, object stores.

Arrow's allocator: a process that loads this package before pyarrow gets Arrow buffers from the system
allocator (glibc malloc, which its Python objects use too) instead of Arrow's default mimalloc, unless
ARROW_DEFAULT_MEMORY_POOL is set already (pyarrow reads it once, at import). With two allocators each
keeps its own high-water mark: memory a run's batches freed in one was not reused by its finishing step
in the other. Measured with scripts/bench_scale.py (1,000 documents, best of 2, same box): host peak RSS
270 -> 219 MiB on an empty warehouse, 317 -> 235 MiB on one of 200,000 articles, wall the same within
noise. (`pa.set_memory_pool` after the import did not do it: 242 / 306 MiB.)
"""
import os

os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
