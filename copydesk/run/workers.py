"""Run documents under a real per-document time budget, on one or more worker processes.

Why a process and not a check between stages: a stage stuck inside one call cannot be interrupted from
Python. Measured here: an HTML page of 200,000 nested <div>s spent 528 s inside the HTML stage before a
RecursionError; the old check between stages only noticed afterwards. A forked worker that overruns its
budget is killed (SIGKILL) and replaced, the page becomes a `timeout` reject, and the batch goes on. The
same mechanism turns a worker that dies (segfault in a C parser, the kernel's OOM killer) into a `crashed`
reject for that one page instead of a lost batch.

The workers are forked, with pipes to the batch process (not multiprocessing): Dask runs tasks in
daemonic processes, which multiprocessing forbids to have children. They are forked by a single-threaded
fork server (copydesk/run/forkserver.py), not by the batch process, which runs Prefect's and Dask's
threads: a lock one of those threads held at fork time would stay held in the child. The batch process
sends each new worker its batch (paths, options, the site template in phase 2, and the stage functions)
over the worker's pipe, so a worker does the same work as a fork of the batch process would. With
`workers=2` a batch uses both cores of a small box without extra Prefect task runs (prefect-notes §5:
ProcessPoolTaskRunner costs ~195 ms per task run here). Without fork (Windows) or with `workers=0`
documents run inline, with the between-stage check only.
"""
from __future__ import annotations

import copyreg
import dataclasses
import io
import itertools
import operator
import os
import pickle
import selectors
import signal
import struct
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Optional, Sequence

from copydesk.core.classify import TEMPLATE_MIN_PAGES
from copydesk.core.pipeline import Options, Prepared, build_template, rel_source_path, safe_finish
from copydesk.run import forkserver
from copydesk.run.documents import safe_prepare, safe_process
from copydesk.core.records import Article, LabelledLine, Reject

# Default worker processes per batch: all cores (the flow runs one batch at a time by default).
DEFAULT_WORKERS = os.cpu_count() or 1
# Tasks sent ahead to a worker: it starts its next page as soon as it has sent a result, instead of waiting
# for the parent to read the result and answer (the parent competes for the same cores: with one task at a
# time, a 2-vCPU box showed each worker waiting ~6 % of a batch for its next page). The page budget still
# runs per page: the next page's clock starts when the parent receives the previous page's result.
PREFETCH = 2
_HDR = struct.Struct("!Q")
_warm = False
_LIBC = None  # libc's handle, opened by _warm_up in the fork server (see there); None where it cannot be had


_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_LINES_AT = _ARTICLE_FIELDS.index("lines")
_ARTICLE_VALUES = operator.attrgetter(*_ARTICLE_FIELDS)
_LINE_VALUES = operator.attrgetter(*(f.name for f in dataclasses.fields(LabelledLine)))


def _reduce_article(a: Article):
    vals = list(_ARTICLE_VALUES(a))
    vals[_LINES_AT] = list(map(_LINE_VALUES, vals[_LINES_AT]))  # a tuple per line, built in C
    return _rebuild_article, (vals,)


def _rebuild_article(vals: list) -> Article:
    vals[_LINES_AT] = list(itertools.starmap(LabelledLine, vals[_LINES_AT]))
    return Article(*vals)


# How results are pickled back to the parent. Slotted dataclasses pickle through the generated
# __getstate__/__setstate__, which loop over fields() in Python for every object, and an article carries
# ~190 LabelledLines. Instead an Article travels as its field values in order, its lines as plain tuples
# (pickled in C, no reducer call per line), rebuilt with the constructors in the parent. Measured on the
# 91 dev pages (best of 5): worker pickling 0.57 -> 0.20 ms/doc in text, 0.35 -> 0.14 in HTML; parent
# unpickling unchanged (~0.28 / 0.16 ms/doc: the constructors), 15.4 -> 14.6 KB per text doc. The objects
# are equal. Workers are forks of the fork server, which imports this same code: both sides see the same
# fields (all of them init fields).
_RESULT_PICKLING = {**copyreg.dispatch_table, Article: _reduce_article}


def _dumps(obj) -> bytes:
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    p.dispatch_table = _RESULT_PICKLING
    p.dump(obj)
    return buf.getvalue()


@dataclass
class _Worker:
    pid: int
    tx: int  # parent -> child: (op, document index)
    rx: int  # child -> parent: pickled (index, result)
    started: float = 0.0  # when `index` started, as far as the parent knows
    # (op, index) sent and not yet answered, in the order the worker runs them (at most PREFETCH)
    sent: deque = field(default_factory=deque)
    # pages this worker prepared and still holds in memory, in the order it will finish them (phase 2)
    held: deque = field(default_factory=deque)

    @property
    def index(self) -> Optional[int]:
        """The page it works on now (the head of `sent`), None when idle."""
        return self.sent[0][1] if self.sent else None

    @property
    def op(self) -> int:
        return self.sent[0][0] if self.sent else OP_STOP


# Parent -> child commands: (op, argument). PROCESS: a page alone (`safe_process`). PREPARE: read, decode,
# segment and measure a page, keep it, answer with its site and template keys. FINISH: classify, extract
# and answer a page this worker prepared, with the batch's template. FULL: PREPARE + FINISH in one go, for
# a page whose prepared copy is gone (its worker died) or that an idle worker takes over. TEMPLATE: the
# argument is the length of the pickled template that follows. STOP: exit.
_OP = struct.Struct("!bq")
OP_STOP, OP_PROCESS, OP_PREPARE, OP_FINISH, OP_FULL, OP_TEMPLATE = range(6)


def process_many(paths: Sequence[str], raw_root: Optional[str], opts: Options = Options(),
                 workers: Optional[int] = None) -> list[Article | Reject]:
    """One result per path, in input order, each page under `opts.time_budget_s` of wall time per phase.

    With `opts.site_template` (the default) the batch runs in two phases: every page is prepared (read,
    decoded, segmented, measured) on the workers, which keep it and send back only its site and its line
    keys; the parent builds the batch's site template from those keys (`pipeline.build_template`, a few
    set operations per page: the only serial step added), sends it to the workers, and each worker
    finishes the pages it holds. So nothing is parsed twice, and the parent reads no page. The labels
    depend only on the batch's pages, not on which worker ran what (`workers=0` runs the same two phases
    inline). Measured on 500-page bench batches, 2 workers, on vs off (a loaded 2-core box, 3 runs each):
    children CPU +5 % (best run) to +16 % (mean) in text, +4-5 % in HTML, parent CPU +0.03-0.06 s per
    batch (the keys' unpickling and the index), +47 MiB (text) / +27 MiB (HTML) peak RSS per worker
    (the pages held between the phases). Part of the CPU is the tail: an idle worker re-prepares a page
    another worker holds (6-9 % of pages under load), which shortens the wall time of the batch."""
    n = DEFAULT_WORKERS if workers is None else workers
    if not paths:
        return []
    two_phase = opts.site_template and len(paths) >= TEMPLATE_MIN_PAGES
    if n <= 0 or not hasattr(os, "fork"):
        if not two_phase:
            return [safe_process(p, raw_root, opts) for p in paths]
        preps = [safe_prepare(p, raw_root, opts) for p in paths]
        template = build_template((pr.site, pr.keys) for pr in preps if isinstance(pr, Prepared))
        return [safe_finish(pr, p, raw_root, opts, template) if isinstance(pr, Prepared) else pr
                for p, pr in zip(paths, preps)]
    return _Pool(list(paths), raw_root, opts, min(n, len(paths))).run(two_phase)


# This process's fork server (one per process, shared by its batches and threads; see forkserver.py).
_FORK_SERVER = forkserver.ForkServer(__name__)


def fork_server() -> forkserver.ForkServer:
    return _FORK_SERVER


def start_fork_server() -> None:
    """Start the fork server now, before this process starts threads of its own (`copydesk run` does, so
    the server boots while Prefect is imported); otherwise it starts when the first batch needs workers."""
    _FORK_SERVER.start()


def warm_up() -> None:
    """The fork server's warm-up (forkserver.serve)."""
    _warm_up(Options())


def _warm_up(opts: Options) -> None:
    """Load lazy imports and models once in the fork server, so workers share them copy-on-write instead
    of each loading them again (the language model and parsers take ~0.3 s to load). libc's handle too
    (for `_die_with_parent`): a worker never needs dlopen() for it."""
    global _warm, _LIBC
    if _warm:
        return
    from copydesk.core.pipeline import process_bytes
    try:
        process_bytes(b"<html><head><title>warm</title></head><body><p>Warm up the parsers and the language "
                      b"model once before forking.</p></body></html>", "warm.html", "html", opts)
        process_bytes(b"Warm up the text path once before forking.\n", "warm.txt", "text", opts)
    except Exception:
        pass
    try:
        import ctypes
        _LIBC = ctypes.CDLL(None, use_errno=True)
    except Exception:
        _LIBC = None
    _warm = True


class _Pool:
    def __init__(self, paths: list[str], raw_root: Optional[str], opts: Options, n: int):
        self.paths, self.raw_root, self.opts, self.n = paths, raw_root, opts, n
        self.results: list[Optional[Article | Reject]] = [None] * len(paths)
        self.sel = selectors.DefaultSelector()
        self.workers: list[_Worker] = []
        self.tasks: deque = deque()  # (op, index) that any worker can run
        self.keys: dict[int, tuple] = {}  # phase 1 answers: index -> (site, PageKeys)
        self.template = None  # the batch's TemplateIndex in phase 2 (inherited by workers forked then)
        self.phase2 = False
        self.redo: list = []  # pages held by workers that died in phase 1: FULL in phase 2
        # what a worker runs, read off this module now (tests replace them to simulate crashes) and sent to
        # each worker with the batch
        self.stages = (safe_process, safe_prepare, safe_finish)
        self._batch: Optional[bytes] = None  # the pickled batch for new workers (again once the template is set)

    def run(self, two_phase: bool = False) -> list[Article | Reject]:
        try:
            if not two_phase:
                self.tasks.extend((OP_PROCESS, i) for i in range(len(self.paths)))
                self._drain()
            else:
                self.tasks.extend((OP_PREPARE, i) for i in range(len(self.paths)))
                self._drain()
                self._second_phase()
        finally:  # on an exception (Ctrl-C, a bug) busy workers are killed, not waited for
            for w in list(self.workers):
                self._kill(w) if w.index is not None else self._stop(w)
            self.sel.close()
        return self.results  # type: ignore[return-value]

    def _second_phase(self) -> None:
        # pages in input order, so the template is the same whichever worker answered first
        self.template = build_template(answer for _, answer in sorted(self.keys.items()))
        self.phase2 = True
        self._batch = None
        self.tasks.extend(self.redo)
        if self.template is not None:
            data = pickle.dumps(self.template, protocol=pickle.HIGHEST_PROTOCOL)
            for w in list(self.workers):
                try:
                    _write_all(w.tx, _OP.pack(OP_TEMPLATE, len(data)) + data)
                except OSError:  # gone: its pages are prepared again by another worker
                    self._lost(w)
                    self._kill(w)
        self._drain()

    # -- scheduling -----------------------------------------------------------------------------
    def _drain(self) -> None:
        """Run until every task is done: queued ones and the pages workers hold."""
        self._dispatch()
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
                    self._lost(w)
                    self._kill(w)
                    self.results[idx] = Reject(
                        source_path=rel_source_path(self.paths[idx], self.raw_root), error_kind="timeout",
                        message=f"processing took over the budget of {self.opts.time_budget_s:g}s; stopped")
            self._dispatch()

    def _next_task(self, w: _Worker) -> Optional[tuple[int, int]]:
        if self.phase2 and w.held:
            return OP_FINISH, w.held.popleft()
        if self.tasks:
            return self.tasks.popleft()
        if self.phase2 and not w.sent:
            # idle while another worker still holds pages: take one over from the end of the longest
            # queue (it is prepared again here; the holder would only get to it last). Only when idle, not
            # to fill a prefetch slot: a page taken over costs a second preparation.
            victim = max(self.workers, key=lambda v: len(v.held), default=None)
            if victim is not None and len(victim.held) >= 2:
                return OP_FULL, victim.held.pop()
        return None

    def _dispatch(self) -> None:
        while len(self.workers) < self.n and self.tasks:
            w = self._spawn()
            self._send(w, *self.tasks.popleft())
        for depth in range(1, PREFETCH + 1):  # first give every idle worker a page, then one ahead each
            for w in list(self.workers):
                if len(w.sent) < depth and w in self.workers:
                    t = self._next_task(w)
                    if t is not None:
                        self._send(w, *t)

    def _lost(self, w: _Worker) -> None:
        """The pages a dying worker held are prepared again by another one, with the template (so in
        phase 2; their keys from phase 1 are in the template already). Pages sent ahead to it and not
        started go back to the front of the queue (its current page is the caller's to settle)."""
        (self.tasks if self.phase2 else self.redo).extend((OP_FULL, i) for i in w.held)
        w.held.clear()
        ahead = list(w.sent)[1:]
        w.sent.clear()
        for op, i in reversed(ahead):  # a held page sent to be finished is gone with the worker
            self.tasks.appendleft((OP_FULL if op == OP_FINISH else op, i))

    # -- workers ------------------------------------------------------------------------------
    def _batch_bytes(self) -> bytes:
        if self._batch is None:
            batch = (os.getcwd(), self.paths, self.raw_root, self.opts, self.template, self.stages)
            by_name = all(f.__module__ != "__main__" for f in self.stages)  # the server's __main__ is not ours
            try:
                if not by_name:
                    raise pickle.PicklingError("a stage defined in __main__")
                self._batch = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, AttributeError, TypeError):
                # a stage that is not importable by name (a test's stand-in): sent by value
                import cloudpickle
                self._batch = cloudpickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
        return self._batch

    def _spawn(self) -> _Worker:
        c_rx, p_tx = os.pipe()
        p_rx, c_tx = os.pipe()
        try:
            pid = _FORK_SERVER.spawn(c_rx, c_tx)
        finally:
            os.close(c_rx)
            os.close(c_tx)
        w = _Worker(pid=pid, tx=p_tx, rx=p_rx)
        self.workers.append(w)
        self.sel.register(p_rx, selectors.EVENT_READ, w)
        data = self._batch_bytes()
        try:
            _write_all(p_tx, _HDR.pack(len(data)) + data)
        except OSError:  # died at once: noticed on the read side
            pass
        return w

    def _send(self, w: _Worker, op: int, idx: int) -> None:
        w.sent.append((op, idx))
        if len(w.sent) == 1:
            w.started = time.monotonic()
        try:
            os.write(w.tx, _OP.pack(op, idx))
        except OSError:  # the worker is gone: its death is noticed on the read side
            pass

    def _receive(self, w: _Worker) -> None:
        msg = _read_msg(w.rx)
        idx = w.index
        if msg is None:  # EOF: the worker died while working on idx
            status = _reap(w.pid)
            self._lost(w)
            self._forget(w)
            if idx is not None:
                self.results[idx] = Reject(source_path=rel_source_path(self.paths[idx], self.raw_root), error_kind="crashed",
                                           message=f"the worker process died ({status}) while processing this file")
            return
        got_idx, result = msg
        if w.op == OP_PREPARE and isinstance(result, tuple):
            self.keys[got_idx] = result
            w.held.append(got_idx)
        else:
            self.results[got_idx] = result
        w.sent.popleft()
        if w.sent:  # the worker went straight on to the page sent ahead: its clock starts now
            w.started = time.monotonic()

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
            os.write(w.tx, _OP.pack(OP_STOP, 0))
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
        w.sent.clear()


def worker_main(rx: int, tx: int) -> None:
    """A worker, just forked by the fork server: read its batch, then run commands until STOP or EOF."""
    _die_with_parent()
    hdr = _read_exact(rx, _HDR.size)
    body = None if hdr is None else _read_exact(rx, _HDR.unpack(hdr)[0])
    if body is None:
        return
    cwd, paths, raw_root, opts, template, stages = pickle.loads(body)
    os.chdir(cwd)  # relative paths mean what they mean in the batch process
    _child_loop(paths, raw_root, opts, rx, tx, template, stages)


def _child_loop(paths, raw_root, opts, rx: int, tx: int, template=None, stages=None) -> None:
    process, prepare, finish = stages or (safe_process, safe_prepare, safe_finish)
    held: dict = {}  # index -> Prepared, between PREPARE and FINISH
    while True:
        raw = _read_exact(rx, _OP.size)
        if raw is None:
            return
        op, idx = _OP.unpack(raw)
        if op == OP_STOP:
            return
        if op == OP_TEMPLATE:
            data = _read_exact(rx, idx)
            if data is None:
                return
            template = pickle.loads(data)
            continue
        if op == OP_PROCESS:
            result = process(paths[idx], raw_root, opts)
        elif op == OP_PREPARE:
            result = prepare(paths[idx], raw_root, opts)
            if isinstance(result, Prepared):
                if result.site is None:  # no site, no template: finished now, one round trip
                    result = finish(result, paths[idx], raw_root, opts, None)
                else:
                    held[idx] = result
                    result = (result.site, result.keys)
        else:  # FINISH a held page, or FULL: prepare it again here
            prep = held.pop(idx, None) if op == OP_FINISH else None
            if prep is None:
                prep = prepare(paths[idx], raw_root, opts)
            result = finish(prep, paths[idx], raw_root, opts, template) if isinstance(prep, Prepared) else prep
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
    status = _FORK_SERVER.reap(pid)  # workers are the fork server's children
    if status < 0:
        return "already reaped"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            return f"killed by {signal.Signals(sig).name}"
        except ValueError:
            return f"killed by signal {sig}"
    return f"exit code {os.WEXITSTATUS(status)}"


def _die_with_parent() -> None:
    """Linux: the worker gets SIGKILL when the fork server dies (it ends with the batch process, so kill -9
    of a run leaves no orphans)."""
    libc = _LIBC  # opened in the fork server by _warm_up
    if libc is not None:
        try:
            PR_SET_PDEATHSIG = 1
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except Exception:
            pass
