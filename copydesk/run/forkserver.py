"""A single-threaded process that forks the document workers (issue 15, item 4).

Why: a worker used to be an `os.fork()` of the batch process, and that process runs Prefect's and Dask's
threads. fork() copies only the calling thread; a lock another thread held at that instant (the dynamic
loader's, an allocator's, a logging handler's) stays held for ever in the child, which then hangs until its
page budget kills it (seen once in CI). This server is a fresh interpreter (`subprocess` fork+exec, which
is safe from a threaded process: nothing runs between the fork and the exec), it imports the core and
warms it up once, runs no thread, and forks a worker whenever the batch process asks for one. So every
worker starts as a copy of a process with exactly one thread.

multiprocessing's forkserver is not usable here: Dask runs tasks in daemonic processes, and
multiprocessing refuses to start children from those.

Protocol, over a SOCK_SEQPACKET socket pair (one message per request, no framing needed):
  spawn: b"S" + the worker's two pipe ends as SCM_RIGHTS  ->  its pid (the server closes its copies)
  reap:  b"R" + pid                                        ->  its raw wait status, or -1 (not a child)
The batch process sends a worker its batch (paths, options, template, stage functions) over the worker's
own pipe (`workers._Pool._spawn`), kills it directly with SIGKILL when it overruns, and asks the server to
reap it. Lifetime: the server ends when the batch process's end of the socket closes, however the batch
process died (kill -9 included); it SIGKILLs the workers it still has first, and every worker has
PR_SET_PDEATHSIG set against the server as well. One server per process that forks workers
(`copydesk.run.workers.fork_server()`), started on first use (or early, so its start-up overlaps other
work) and shared by every batch and thread of that process; it holds no state a result could depend on.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
from typing import Optional

_PID = struct.Struct("!q")
_BOOT = ("import sys, json; sys.path[:] = json.loads(sys.argv[3]); "
         "from copydesk.run.forkserver import serve; serve(int(sys.argv[1]), sys.argv[2])")
START_TIMEOUT_S = 120.0  # the server imports the core and warms it up before it answers (~1 s here)


class ForkServerError(RuntimeError):
    pass


class ForkServer:
    """The batch process's handle on its fork server. `worker_module` names the module whose `warm_up()`
    the server calls once and whose `worker_main(rx, tx)` each forked worker runs (copydesk.run.workers)."""

    def __init__(self, worker_module: str) -> None:
        self.worker_module = worker_module
        self._lock = threading.Lock()
        self._proc: Optional[subprocess.Popen] = None
        self._sock: Optional[socket.socket] = None
        self._owner = 0  # pid that started it: a forked copy of this process must start its own
        self._ready = False

    @property
    def pid(self) -> Optional[int]:
        return self._proc.pid if self._proc is not None and self._owner == os.getpid() else None

    def start(self) -> None:
        """Start the server if it is not running (returns at once; the first spawn waits for it)."""
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> None:
        if self._owner == os.getpid() and self._proc is not None and self._proc.poll() is None:
            return
        if self._owner == os.getpid() and self._sock is not None:
            self._sock.close()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(theirs.fileno()), self.worker_module, json.dumps(sys.path)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, close_fds=True)
        finally:
            theirs.close()
        self._sock, self._owner, self._ready = ours, os.getpid(), False

    def _wait_ready(self) -> None:
        if self._ready:
            return
        self._sock.settimeout(START_TIMEOUT_S)
        try:
            msg = self._sock.recv(16)
        except socket.timeout:
            msg = b""
        finally:
            self._sock.settimeout(None)
        if msg != b"ready":
            raise ForkServerError(f"the worker fork server did not start (exit code {self._proc.poll()})")
        self._ready = True

    def _request(self, msg: bytes, fds: tuple = ()) -> int:
        for attempt in (1, 2):
            self._ensure_started()
            try:
                self._wait_ready()
                if fds:
                    socket.send_fds(self._sock, [msg], list(fds))
                else:
                    self._sock.send(msg)
                reply = self._sock.recv(_PID.size)
                if len(reply) == _PID.size:
                    return _PID.unpack(reply)[0]
            except (OSError, ForkServerError):
                if attempt == 2:
                    raise
            # the server died (killed by hand, OOM): start a new one and ask again
            self._kill_server()
        raise ForkServerError("the worker fork server stopped answering")

    def spawn(self, rx: int, tx: int) -> int:
        """A new worker reading commands from `rx` and writing results to `tx`; returns its pid."""
        with self._lock:
            return self._request(b"S", (rx, tx))

    def reap(self, pid: int) -> int:
        """Wait for worker `pid` to end; its raw wait status (-1 if it is not a live child of the server)."""
        with self._lock:
            if self.pid is None:
                return -1
            try:
                return self._request(b"R" + _PID.pack(pid))
            except (OSError, ForkServerError):
                return -1

    def _kill_server(self) -> None:
        if self._proc is not None and self._owner == os.getpid():
            try:
                self._proc.kill()
                self._proc.wait(timeout=10)
            except Exception:
                pass
        self._proc = None

    def stop(self) -> None:
        """Close our end (the server kills its workers and exits) and wait for it."""
        with self._lock:
            if self._owner != os.getpid() or self._proc is None:
                return
            self._sock.close()
            self._sock = None
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._kill_server()
            self._proc = None


# --- the server side ------------------------------------------------------------------------------------

def serve(fd: int, worker_module: str) -> None:
    """The server's loop (in the exec'd interpreter): warm up, answer spawn/reap until the socket closes."""
    import importlib
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch process's; it closes the socket
    sock = socket.socket(fileno=fd)
    workers = importlib.import_module(worker_module)
    workers.warm_up()
    children: set[int] = set()
    sock.send(b"ready")
    try:
        while True:
            try:
                msg, fds, _, _ = socket.recv_fds(sock, 64, 2)
            except OSError:
                break
            if not msg:
                break
            if msg[:1] == b"S" and len(fds) == 2:
                assert threading.active_count() == 1  # the point of this process
                pid = os.fork()
                if pid == 0:
                    code = 0
                    try:
                        sock.close()
                        workers.worker_main(fds[0], fds[1])
                    except BaseException:
                        code = 1
                    finally:
                        os._exit(code)
                for f in fds:
                    os.close(f)
                children.add(pid)
                sock.send(_PID.pack(pid))
            elif msg[:1] == b"R":
                pid = _PID.unpack(msg[1:1 + _PID.size])[0]
                status = -1
                if pid in children:
                    try:
                        _, status = os.waitpid(pid, 0)
                    except ChildProcessError:
                        status = -1
                    children.discard(pid)
                sock.send(_PID.pack(status))
            else:
                for f in fds:
                    os.close(f)
                sock.send(_PID.pack(-1))
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
