"""Run documents under a real per-document time budget, on one or more worker processes.

Why a process and not a check between stages: a stage stuck inside one call cannot be interrupted from
Python. Measured here: an HTML page of 200,000 nested <div>s spent 528 s inside the HTML stage before a
RecursionError; the old check between stages only noticed afterwards. A forked worker that overruns its
budget is killed (SIGKILL) and replaced, the page becomes a `timeout` reject, and the batch goes on. The
same mechanism turns a worker that dies (segfault in a C parser, the kernel's OOM killer) into a `crashed`
reject for that one page instead of a lost batch.

The workers are plain `os.fork()` children talking over pipes (not multiprocessing): Dask runs tasks in
daemonic processes, which multiprocessing forbids to have children. With `workers=2` a batch uses both
cores of a small box without extra Prefect task runs (prefect-notes §5: ProcessPoolTaskRunner costs
~195 ms per task run here). Without fork (Windows) or with `workers=0` documents run inline, with the
between-stage check only.
"""
from __future__ import annotations

import copyreg
import dataclasses
import io
import os
import pickle
import selectors
import signal
import struct
import time
from dataclasses import dataclass
from typing import Optional, Sequence

from .pipeline import Options, rel_source_path, safe_process
from .records import Article, LabelledLine, Reject

# Default worker processes per batch: all cores (the flow runs one batch at a time by default).
DEFAULT_WORKERS = os.cpu_count() or 1
_HDR = struct.Struct("!Q")
_STOP = -1
_warm = False


def _by_fields(cls):
    names = tuple(f.name for f in dataclasses.fields(cls))
    return lambda obj: (cls, tuple(getattr(obj, n) for n in names))


# How results are pickled back to the parent: slotted dataclasses pickle through the generated
# __getstate__/__setstate__, which loop over fields() in Python for every object, and an article carries
# ~190 LabelledLines. As constructor calls instead: parent unpickling 0.49 -> 0.35 ms/doc, 20.1 -> 16.7 KB
# per bench text doc; the objects are equal. Workers are forks of this process: both sides see the same fields.
_RESULT_PICKLING = {**copyreg.dispatch_table, LabelledLine: _by_fields(LabelledLine), Article: _by_fields(Article)}


def _dumps(obj) -> bytes:
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    p.dispatch_table = _RESULT_PICKLING
    p.dump(obj)
    return buf.getvalue()


@dataclass
class _Worker:
    pid: int
    tx: int  # parent -> child: document indices
    rx: int  # child -> parent: pickled (index, result)
    index: Optional[int] = None
    started: float = 0.0


def process_many(paths: Sequence[str], raw_root: Optional[str], opts: Options = Options(),
                 workers: Optional[int] = None) -> list[Article | Reject]:
    """`safe_process` for each path, in input order, each under `opts.time_budget_s` of wall time."""
    n = DEFAULT_WORKERS if workers is None else workers
    if not paths:
        return []
    if n <= 0 or not hasattr(os, "fork"):
        return [safe_process(p, raw_root, opts) for p in paths]
    _warm_up(opts)
    return _Pool(list(paths), raw_root, opts, min(n, len(paths))).run()


def _warm_up(opts: Options) -> None:
    """Load lazy imports and models once in the parent, so forked workers share them copy-on-write
    instead of each loading them again (the language model and parsers take ~0.3 s to load)."""
    global _warm
    if _warm:
        return
    from .pipeline import process_bytes
    try:
        process_bytes(b"<html><head><title>warm</title></head><body><p>Warm up the parsers and the language "
                      b"model once before forking.</p></body></html>", "warm.html", "html", opts)
        process_bytes(b"Warm up the text path once before forking.\n", "warm.txt", "text", opts)
    except Exception:
        pass
    _warm = True


class _Pool:
    def __init__(self, paths: list[str], raw_root: Optional[str], opts: Options, n: int):
        self.paths, self.raw_root, self.opts, self.n = paths, raw_root, opts, n
        self.results: list[Optional[Article | Reject]] = [None] * len(paths)
        self.next = 0
        self.sel = selectors.DefaultSelector()
        self.workers: list[_Worker] = []

    def run(self) -> list[Article | Reject]:
        try:
            for _ in range(self.n):
                self._spawn_and_feed()
            while any(w.index is not None for w in self.workers):
                now = time.monotonic()
                busy = [w for w in self.workers if w.index is not None]
                wait = max(0.0, min(w.started + self.opts.time_budget_s for w in busy) - now)
                for key, _ in self.sel.select(timeout=wait):
                    self._receive(key.data)
                now = time.monotonic()
                for w in [w for w in self.workers if w.index is not None]:
                    if now - w.started > self.opts.time_budget_s:
                        idx = w.index
                        self._kill(w)
                        self.results[idx] = Reject(
                            source_path=rel_source_path(self.paths[idx], self.raw_root), error_kind="timeout",
                            message=f"processing took over the budget of {self.opts.time_budget_s:g}s; stopped")
                        self._spawn_and_feed()
        finally:  # on an exception (Ctrl-C, a bug) busy workers are killed, not waited for
            for w in list(self.workers):
                self._kill(w) if w.index is not None else self._stop(w)
            self.sel.close()
        return self.results  # type: ignore[return-value]

    # -- workers ------------------------------------------------------------------------------
    def _spawn_and_feed(self) -> None:
        if self.next >= len(self.paths):
            return
        w = self._spawn()
        self._feed(w)

    def _spawn(self) -> _Worker:
        c_rx, p_tx = os.pipe()
        p_rx, c_tx = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: never returns into the caller's code
            code = 0
            try:
                os.close(p_tx)
                os.close(p_rx)
                for w in self.workers:
                    for fd in (w.tx, w.rx):
                        try:
                            os.close(fd)
                        except OSError:
                            pass
                _die_with_parent()
                # Ctrl-C is the parent's to handle (it kills busy workers); a worker interrupted by it
                # would otherwise report its page as `crashed`.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                _child_loop(self.paths, self.raw_root, self.opts, c_rx, c_tx)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(c_rx)
        os.close(c_tx)
        w = _Worker(pid=pid, tx=p_tx, rx=p_rx)
        self.workers.append(w)
        self.sel.register(p_rx, selectors.EVENT_READ, w)
        return w

    def _feed(self, w: _Worker) -> None:
        if self.next >= len(self.paths):
            self._stop(w)
            return
        w.index, self.next = self.next, self.next + 1
        w.started = time.monotonic()
        try:
            os.write(w.tx, struct.pack("!q", w.index))
        except OSError:  # the worker is gone: its death is noticed on the read side
            pass

    def _receive(self, w: _Worker) -> None:
        msg = _read_msg(w.rx)
        idx = w.index
        if msg is None:  # EOF: the worker died while working on idx
            status = _reap(w.pid)
            self._forget(w)
            if idx is not None:
                self.results[idx] = Reject(source_path=rel_source_path(self.paths[idx], self.raw_root), error_kind="crashed",
                                           message=f"the worker process died ({status}) while processing this file")
                self._spawn_and_feed()
            return
        got_idx, result = msg
        self.results[got_idx] = result
        w.index = None
        self._feed(w)

    def _kill(self, w: _Worker) -> None:
        try:
            os.kill(w.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _reap(w.pid)
        self._forget(w)

    def _stop(self, w: _Worker) -> None:
        if w not in self.workers:
            return
        try:
            os.write(w.tx, struct.pack("!q", _STOP))
        except OSError:
            pass
        self._forget(w)
        _reap(w.pid)

    def _forget(self, w: _Worker) -> None:
        if w in self.workers:
            self.workers.remove(w)
            try:
                self.sel.unregister(w.rx)
            except (KeyError, ValueError):
                pass
            for fd in (w.tx, w.rx):
                try:
                    os.close(fd)
                except OSError:
                    pass
        w.index = None


def _child_loop(paths, raw_root, opts, rx: int, tx: int) -> None:
    while True:
        raw = _read_exact(rx, 8)
        if raw is None:
            return
        (idx,) = struct.unpack("!q", raw)
        if idx == _STOP:
            return
        result = safe_process(paths[idx], raw_root, opts)
        try:
            data = _dumps((idx, result))
        except Exception as e:  # an unpicklable result is a bug; report it for this page only
            data = pickle.dumps((idx, Reject(source_path=rel_source_path(paths[idx], raw_root), error_kind="internal_error",
                                             message=f"result could not be sent back: {type(e).__name__}: {e}")))
        _write_all(tx, _HDR.pack(len(data)) + data)


def _read_exact(fd: int, n: int) -> Optional[bytes]:
    buf = bytearray()
    while len(buf) < n:
        chunk = os.read(fd, n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _read_msg(fd: int):
    hdr = _read_exact(fd, _HDR.size)
    if hdr is None:
        return None
    body = _read_exact(fd, _HDR.unpack(hdr)[0])
    return None if body is None else pickle.loads(body)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _reap(pid: int) -> str:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return "already reaped"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            return f"killed by {signal.Signals(sig).name}"
        except ValueError:
            return f"killed by signal {sig}"
    return f"exit code {os.WEXITSTATUS(status)}"


def _die_with_parent() -> None:
    """Linux: the worker gets SIGKILL when the batch process dies (kill -9 of a run leaves no orphans)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:
        pass
