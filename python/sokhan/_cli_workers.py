"""Worker processes for the command line's jsonl input with --threads N.

Decoding a JSON record, checking it and encoding its output rows cost more than the batch call
on its text, and all of that holds the GIL, so threads cannot share it: N forked processes
each take a whole chunk of raw lines (cli._jsonl_chunk) and send back its encoded output. The
parent only reads chunks, hands them out and writes the results in input order.

Plain os.fork and pipes rather than multiprocessing: a worker inherits the command (its
Normalizer, ...) already built, starts in a millisecond, and leaves with os._exit, so it never
runs the parent's exit handlers or flushes the parent's buffered stdout a second time; and the
CLI does not pay for importing multiprocessing. Each message is a pickle after its length.

Each worker is given up to two chunks, so the next one is waiting in its pipe when it
finishes one. The parent never blocks writing (it waits in select for a pipe to take more
while it reads results), so parent and worker cannot both wait on full pipes. At most 4N
chunks are between being read and being written, which bounds the memory.
"""

from __future__ import annotations

import fcntl
import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
import traceback
from collections import deque
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Union

from .cli import ChunkResult, CliError, Command, RawChunk, _jsonl_chunk

_LENGTH = struct.Struct("<Q")


def can_fork() -> bool:
    """Forked workers need fork (no `spawn`: it would import the main module again, and `python
    -m sokhan` runs the command at import). macOS has fork but its system libraries are not
    safe to use in a forked child, so elsewhere than Linux the CLI keeps to threads; so it does
    when main() runs in a process with other threads (a notebook kernel), which a fork would
    copy in the middle of whatever they hold."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and threading.active_count() == 1)


class RemoteTraceback(Exception):
    """The traceback of an unexpected error in a worker, chained to the error re-raised here."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0])


class Failed(NamedTuple):
    """A worker's reply when processing a chunk raised (pickling drops the traceback)."""

    error: BaseException
    traceback: str


class WorkerDied(CliError):
    """A worker process ended while it had a chunk (killed, out of memory)."""


def _message(obj: Any) -> tuple[bytes, bytes]:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)), data


def _send(fd: int, obj: Any) -> None:
    """Writes a message to a blocking pipe."""
    for part in _message(obj):
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view):]


_F_SETPIPE_SZ = 1031  # fcntl.F_SETPIPE_SZ, which Python names only from 3.10 on
_PIPE_BYTES = 1 << 20  # the default maximum (/proc/sys/fs/pipe-max-size) for an unprivileged user


def _widen(fd: int) -> None:
    """A pipe that holds a whole chunk or result (the default holds 64 KB), so the sender
    hands it over in one go instead of waiting for the reader at every 64 KB."""
    try:
        fcntl.fcntl(fd, _F_SETPIPE_SZ, _PIPE_BYTES)
    except OSError:
        pass  # a lower limit: the default size works too, with more waiting


def _recv_exactly(fd: int, n: int) -> bytearray:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = os.readv(fd, [view[got:]])
        if k == 0:
            raise EOFError
        got += k
    return buf


def _recv(fd: int) -> Any:
    (n,) = _LENGTH.unpack(_recv_exactly(fd, _LENGTH.size))
    return pickle.loads(_recv_exactly(fd, n))


def _serve(rfd: int, wfd: int, cmd: Command) -> None:
    """A worker: a chunk in, its ChunkResult (or Failed) out, until the parent says stop or
    goes away."""
    cmd.threads = 1  # the parallelism is the processes
    while True:
        try:
            chunk = _recv(rfd)
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        reply: Any
        try:
            reply = _jsonl_chunk(cmd, chunk)
        except Exception as e:  # noqa: BLE001  (re-raised by the parent, in input order)
            reply = Failed(e, traceback.format_exc())
        try:
            _send(wfd, reply)
        except OSError:
            return  # the parent has gone
        except Exception:  # noqa: BLE001  (an error that does not pickle)
            _send(wfd, Failed(RuntimeError("an error in a worker process"), traceback.format_exc()))


class _Worker(NamedTuple):
    pid: int
    to: int  # the parent's end of the pipe to the worker
    back: int  # ... and of the pipe from it


class WorkerPool:
    """N forked worker processes turning chunks into ChunkResults; a context manager that ends
    them on the way out (at once, if leaving on an error or Ctrl-C)."""

    def __init__(self, n: int, cmd: Command) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        self.workers: list[_Worker] = []
        try:
            # Ctrl-C goes to the whole process group; the parent handles it and ends the
            # workers, which ignore it. It is blocked while forking, so a worker cannot get it
            # before it ignores it, and the parent gets it (as KeyboardInterrupt) once unblocked.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            gc.freeze()  # so the workers' collector never walks (and copies) what they inherit
            try:
                for _ in range(n):
                    self.workers.append(self._start(cmd))
            finally:
                gc.unfreeze()
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        except BaseException:
            self.close(abort=True)
            raise

    def _start(self, cmd: Command) -> _Worker:
        to_r, to_w = os.pipe()
        back_r, back_w = os.pipe()
        for fd in (to_w, back_w):
            _widen(fd)
        pid = os.fork()
        if pid == 0:  # the worker; it must never return into the parent's code
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
                for w in self.workers:  # only the parent may hold the parent's ends, so a
                    os.close(w.to)      # worker sees EOF when the parent has gone
                    os.close(w.back)
                os.close(to_w)
                os.close(back_r)
                null = os.open(os.devnull, os.O_RDWR)
                os.dup2(null, 0)  # nor hold the parent's stdin and stdout open (`... | head`)
                os.dup2(null, 1)
                os.close(null)
                _serve(to_r, back_w, cmd)
            except BaseException:  # noqa: BLE001  (reported, and the parent sees the exit code)
                code = 1
                try:
                    sys.stderr.write(traceback.format_exc())
                    sys.stderr.flush()
                except BaseException:  # noqa: BLE001, S110
                    pass
            finally:
                os._exit(code)
        os.close(to_r)
        os.close(back_w)
        return _Worker(pid, to_w, back_r)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: Optional[type], *_: Any) -> None:
        self.close(abort=kind is not None)

    def close(self, abort: bool) -> None:
        for w in self.workers:
            try:
                if abort:
                    if w.pid > 0:
                        os.kill(w.pid, signal.SIGTERM)
                else:
                    os.set_blocking(w.to, True)
                    _send(w.to, None)
            except OSError:
                pass
            os.close(w.to)
            os.close(w.back)
        for w in self.workers:
            if w.pid > 0:
                try:
                    os.waitpid(w.pid, 0)
                except ChildProcessError:
                    pass
        self.workers = []

    def _died(self, k: int) -> WorkerDied:
        w = self.workers[k]
        _, status = os.waitpid(w.pid, 0)
        self.workers[k] = w._replace(pid=0)  # reaped
        if os.WIFSIGNALED(status):
            how = f"killed by signal {os.WTERMSIG(status)}"
        else:
            how = f"exit code {os.waitstatus_to_exitcode(status)}"
        return WorkerDied(f"worker process {k + 1} ended unexpectedly ({how})")

    def results(self, chunks: Iterable[Union[RawChunk, Exception]],
                ) -> Iterator[tuple[int, int, ChunkResult]]:
        """(lines, bytes, result) of each chunk, in input order. An exception among the chunks
        (reading failed) or raised for one (a worker's error, a worker that died) is raised
        when its turn comes, after the results before it."""
        it = iter(chunks)
        n = len(self.workers)
        # Per worker: the chunks it was given and has not answered (seq, lines, bytes), at most
        # two, so it finds the next one waiting when it finishes one; and what is still to be
        # written to its pipe. Writes never block (O_NONBLOCK, select), so the parent always
        # reads a worker's result while it feeds the worker, whatever the sizes and pipes.
        given: list[deque[tuple[int, int, int]]] = [deque() for _ in range(n)]
        unsent: list[deque[memoryview]] = [deque() for _ in range(n)]
        alive = set(range(n))
        by_fd = {w.back: k for k, w in enumerate(self.workers)}
        by_fd.update({w.to: k for k, w in enumerate(self.workers)})
        for w in self.workers:
            os.set_blocking(w.to, False)
        ready: dict[int, Union[tuple[int, int, ChunkResult], BaseException]] = {}
        sent = written = 0
        more = True

        def died(k: int) -> None:
            nonlocal more
            alive.discard(k)
            more = False  # read no further; raise once the chunks before it are written
            if given[k]:
                ready[given[k][0][0]] = self._died(k)
                given[k].clear()
            unsent[k].clear()

        def flush(k: int) -> None:
            try:
                while unsent[k]:
                    view = unsent[k][0]
                    done = os.write(self.workers[k].to, view)
                    if done < len(view):
                        unsent[k][0] = view[done:]
                        return
                    unsent[k].popleft()
            except BlockingIOError:
                return
            except OSError:  # EPIPE: the worker has gone (not our stdout, see main())
                died(k)

        while True:
            while more and sent - written < 4 * n:
                free = [k for k in alive if len(given[k]) < 2]
                if not free:
                    break
                chunk = next(it, None)
                if chunk is None or isinstance(chunk, Exception):
                    more = False
                    if chunk is not None:
                        ready[sent] = chunk
                        sent += 1
                    break
                k = min(free, key=lambda j: len(given[j]))
                unsent[k].extend(map(memoryview, _message(chunk)))
                given[k].append((sent, chunk.lines, len(chunk.data)))
                sent += 1
                flush(k)
            if written in ready:
                item = ready.pop(written)
                written += 1
                if isinstance(item, BaseException):
                    raise item
                yield item
                continue
            reading = [self.workers[k].back for k in alive if given[k]]
            if not reading:
                return  # everything read was written
            writing = [self.workers[k].to for k in alive if unsent[k]]
            readable, writable, _ = select.select(reading, writing, [])
            for fd in writable:
                flush(by_fd[fd])
            for fd in readable:
                k = by_fd[fd]
                if k not in alive:
                    continue
                try:
                    reply = _recv(fd)
                except EOFError:
                    died(k)
                    continue
                seq, lines, nbytes = given[k].popleft()
                if isinstance(reply, Failed):
                    reply.error.__cause__ = RemoteTraceback(reply.traceback)
                    ready[seq] = reply.error
                else:
                    ready[seq] = (lines, nbytes, reply)
