"""Worker processes for the command line's jsonl input with --threads N.

Decoding a JSON record, checking it and encoding its output rows cost more than the batch call
on its text, and all of that holds the GIL, so threads cannot share it: N - 1 forked processes
each take a whole chunk of raw lines (cli._jsonl_chunk) and send back its encoded output. The
parent reads chunks, hands them out and writes the results in input order, and whenever every
worker has its chunks it processes the next one itself: so --threads N keeps N processes busy,
not N workers and a parent competing with them for N cores.

Plain os.fork and pipes rather than multiprocessing: a worker inherits the command (its
Normalizer, ...) already built, starts in a millisecond, and leaves with os._exit, so it never
runs the parent's exit handlers or flushes the parent's buffered stdout a second time; and the
CLI does not pay for importing multiprocessing (nor, on the way, for pickle: a message is a
small JSON header, then raw bytes).

A regular file is not sent at all: the parent reads it only to cut it at line ends and count
the lines, and sends each worker the position of its span, which the worker reads itself
(cli.Source). Piped input (stdin) goes through the pipes as raw bytes. A worker sends back
its chunk's output as raw bytes, which the parent writes as they are.

Each worker is given up to two chunks, so the next one is waiting in its pipe when it
finishes one (and while the parent works on a chunk of its own). The parent never blocks
writing (it waits in select for a pipe to take more while it reads results), so parent and
worker cannot both wait on full pipes. At most 4N chunks are between being read and being
written, which bounds the memory.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import select
import signal
import struct
import sys
from collections import deque
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional, Union, cast

from .cli import (ChunkResult, CliError, Command, FileSpan, RawChunk, _jsonl_chunk, _SourceRef,
                  _span_chunk)

# (pickle, traceback and threading are imported only where needed: together they are ~4 ms,
# which every run with workers would pay before its first chunk.)

# A message to a worker: this header (the lengths of the JSON meta and of the raw data), the
# meta, the data. A reply: (0, output length, extras length), the output, the extras (JSON, or
# nothing when no record was skipped and none stopped the run); or (1, 0, length) and a pickled
# Failed.
_TO_WORKER = struct.Struct("<IQ")
_REPLY = struct.Struct("<BQQ")
_OK, _FAILED = 0, 1


def can_fork() -> bool:
    """Forked workers need fork (no `spawn`: it would import the main module again, and `python
    -m sokhan` runs the command at import). macOS has fork but its system libraries are not
    safe to use in a forked child, so elsewhere than Linux the CLI keeps to threads; so it does
    when main() runs in a process with other threads (a notebook kernel), which a fork would
    copy in the middle of whatever they hold. (Without the threading module, imported by
    whatever starts threads, there are none.)"""
    threading = sys.modules.get("threading")
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and (threading is None or threading.active_count() == 1))


def can_read_spans() -> bool:
    """Workers can open the parent's files by descriptor (cli.Source) where /proc is mounted."""
    return os.path.isdir(f"/proc/{os.getpid()}/fd")


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


def _message(chunk: Union[RawChunk, FileSpan, None]) -> list[bytes]:
    """The parts of the message that gives a worker `chunk` (None: stop)."""
    data = b""
    meta: Any = None
    if isinstance(chunk, FileSpan):
        src = chunk.source
        ref = src if isinstance(src, _SourceRef) else _SourceRef(os.getpid(), src.fd, src.key)
        meta = ["span", chunk.name, chunk.lineno, chunk.first, ref.pid, ref.fd, *ref.key,
                chunk.offset, chunk.size, chunk.lines]
    elif chunk is not None:
        meta = ["chunk", chunk.name, chunk.lineno, chunk.first, chunk.lines]
        data = chunk.data
    head = json.dumps(meta).encode("ascii")  # (ensure_ascii: any file name, surrogates too)
    return [_TO_WORKER.pack(len(head), len(data)), head, data]


_STOP = b"".join(_message(None))


def _write_all(fd: int, parts: list[bytes]) -> None:
    """Writes the parts to a blocking pipe."""
    views = [memoryview(p) for p in parts if p]
    while views:
        done = os.writev(fd, views)
        while views and done >= len(views[0]):
            done -= len(views[0])
            views.pop(0)
        if views and done:
            views[0] = views[0][done:]


def _read_exactly(fd: int, n: int) -> bytes:
    """n bytes from a blocking pipe (one read, and no copy, when the sender wrote them)."""
    data = os.read(fd, n)
    if len(data) == n:
        return data
    parts = [data]
    got = len(data)
    while True:
        if not data:
            raise EOFError
        if got == n:
            return b"".join(parts)
        data = os.read(fd, n - got)
        parts.append(data)
        got += len(data)


_F_SETPIPE_SZ = 1031  # fcntl.F_SETPIPE_SZ, which Python names only from 3.10 on
_PIPE_BYTES = 1 << 20  # the default maximum (/proc/sys/fs/pipe-max-size) for an unprivileged user


def _widen(fd: int) -> None:
    """A pipe that holds a whole chunk or result (the default holds 64 KB), so the sender
    hands it over in one go instead of waiting for the reader at every 64 KB."""
    try:
        fcntl.fcntl(fd, _F_SETPIPE_SZ, _PIPE_BYTES)
    except OSError:
        pass  # a lower limit: the default size works too, with more waiting


def _receive_chunk(fd: int) -> Union[RawChunk, FileSpan, None]:
    """A worker's next message: a chunk, a span, or None (stop)."""
    meta_len, data_len = _TO_WORKER.unpack(_read_exactly(fd, _TO_WORKER.size))
    meta = json.loads(_read_exactly(fd, meta_len))
    if meta is None:
        return None
    if meta[0] == "span":
        _, name, lineno, first, pid, sfd, dev, ino, offset, size, lines = meta
        return FileSpan(name, lineno, first, _SourceRef(pid, sfd, (dev, ino)), offset, size, lines)
    _, name, lineno, first, lines = meta
    return RawChunk(name, lineno, first, _read_exactly(fd, data_len) if data_len else b"", lines)


class _Files:
    """A worker's own descriptors of the parent's input files, by (st_dev, st_ino)."""

    def __init__(self) -> None:
        self.fds: dict[tuple[int, int], int] = {}

    def fd(self, ref: _SourceRef) -> int:
        key = ref.key
        fd = self.fds.get(key)
        if fd is None:
            for old in self.fds.values():  # the spans come file by file
                os.close(old)
            self.fds.clear()
            fd = os.open(f"/proc/{ref.pid}/fd/{ref.fd}", os.O_RDONLY | os.O_CLOEXEC)
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino) != key:  # cannot happen: the parent holds it open
                os.close(fd)
                raise OSError(f"descriptor {ref.fd} of process {ref.pid} is not the input file")
            self.fds[key] = fd
        return fd


def _failed(e: BaseException) -> list[bytes]:
    """The reply for an unexpected error: the exception and its traceback, pickled."""
    import pickle
    import traceback

    tb = traceback.format_exc()
    try:
        data = pickle.dumps(Failed(e, tb), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001  (an error that does not pickle)
        data = pickle.dumps(Failed(RuntimeError("an error in a worker process"), tb))
    return [_REPLY.pack(_FAILED, 0, len(data)), data]


def _reply(result: ChunkResult) -> list[bytes]:
    extras = b""
    if result.skipped or result.error is not None:
        extras = json.dumps([result.skipped, result.error]).encode("ascii")
    return [_REPLY.pack(_OK, len(result.out), len(extras)), result.out, extras]


def _receive_reply(fd: int) -> Union[ChunkResult, Failed]:
    status, out_len, extras_len = _REPLY.unpack(_read_exactly(fd, _REPLY.size))
    if status == _FAILED:
        import pickle

        failed: Failed = pickle.loads(_read_exactly(fd, extras_len))
        return failed
    out = _read_exactly(fd, out_len) if out_len else b""
    if not extras_len:
        return ChunkResult(out, [], None)
    skipped, error = json.loads(_read_exactly(fd, extras_len))
    return ChunkResult(out, skipped, error)


def _serve(rfd: int, wfd: int, cmd: Command) -> None:
    """A worker: a chunk in, its output (or a Failed) out, until the parent says stop or goes
    away."""
    cmd.threads = 1  # the parallelism is the processes
    files = _Files()
    while True:
        try:
            chunk = _receive_chunk(rfd)
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        try:
            if isinstance(chunk, FileSpan):
                chunk = _span_chunk(chunk, files.fd(cast(_SourceRef, chunk.source)))
            reply = _reply(_jsonl_chunk(cmd, chunk))
        except Exception as e:  # noqa: BLE001  (re-raised by the parent, in input order)
            reply = _failed(e)
        try:
            _write_all(wfd, reply)
        except OSError:
            return  # the parent has gone


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
        self.stopped: set[int] = set()  # the workers told to stop (by pid)
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
                    import traceback

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
                elif w.pid not in self.stopped:
                    os.set_blocking(w.to, True)
                    _write_all(w.to, _message(None))
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

    def results(self, chunks: Iterable[Union[RawChunk, FileSpan, Exception]],
                here: Optional[Callable[[Union[RawChunk, FileSpan]], ChunkResult]] = None,
                ) -> Iterator[tuple[int, int, ChunkResult]]:
        """(lines, bytes, result) of each chunk, in input order. An exception among the chunks
        (reading failed) or raised for one (a worker's error, a worker that died) is raised
        when its turn comes, after the results before it. Given `here`, this process works
        too: whenever every worker has its two chunks, it runs `here` on the next one rather
        than wait (so N cores take the parent and N - 1 workers, and the parent's reading and
        writing is not an extra process competing with N workers)."""
        it = iter(chunks)
        n = len(self.workers)
        limit = 4 * (n + (here is not None))  # chunks between being read and being written
        # Per worker: the chunks it was given and has not answered (seq, lines, bytes, chunk),
        # at most two, so it finds the next one waiting when it finishes one; and what is still
        # to be written to its pipe. Writes never block (O_NONBLOCK, select), so the parent
        # always reads a worker's result while it feeds the worker, whatever the sizes and pipes.
        given: list[deque[tuple[int, int, int, Any]]] = [deque() for _ in range(n)]
        unsent: list[deque[memoryview]] = [deque() for _ in range(n)]
        alive = set(range(n))
        by_fd = {w.back: k for k, w in enumerate(self.workers)}
        by_fd.update({w.to: k for k, w in enumerate(self.workers)})
        for w in self.workers:
            os.set_blocking(w.to, False)
        ready: dict[int, Union[tuple[int, int, ChunkResult], BaseException]] = {}
        sent = written = 0
        more = True

        def take() -> Union[RawChunk, FileSpan, None]:
            """The next chunk; None at the end of the input or when reading it failed (the
            error is then written in its turn)."""
            nonlocal more, sent
            chunk = next(it, None)
            if chunk is None or isinstance(chunk, Exception):
                more = False
                if chunk is not None:
                    ready[sent] = chunk
                    sent += 1
                return None
            return chunk

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
            while more and sent - written < limit:
                free = [k for k in alive if len(given[k]) < 2]
                if not free:
                    break
                chunk = take()
                if chunk is None:
                    break
                k = min(free, key=lambda j: len(given[j]))
                unsent[k].extend(memoryview(part) for part in _message(chunk) if part)
                # (a span is kept until its reply: its Source holds the file open meanwhile)
                given[k].append((sent, chunk.lines, _size(chunk), chunk))
                sent += 1
                flush(k)
            if written in ready:
                item = ready.pop(written)
                written += 1
                if isinstance(item, BaseException):
                    raise item
                yield item
                continue
            # Every worker has its two chunks (or there are none): this process takes the next.
            work_here = (here is not None and more and sent - written < limit
                         and all(len(given[k]) >= 2 for k in alive))
            reading = [self.workers[k].back for k in alive if given[k]]
            if not reading and not work_here:
                return  # everything read was written
            writing = [self.workers[k].to for k in alive if unsent[k]]
            # (about to work here: only a look at the pipes, without waiting)
            readable, writable, _ = select.select(reading, writing, [], 0 if work_here else None)
            for fd in writable:
                flush(by_fd[fd])
            for fd in readable:
                k = by_fd[fd]
                if k not in alive:
                    continue
                try:
                    reply = _receive_reply(fd)
                except EOFError:
                    died(k)
                    continue
                seq, lines, nbytes, _ = given[k].popleft()
                if isinstance(reply, Failed):
                    reply.error.__cause__ = RemoteTraceback(reply.traceback)
                    ready[seq] = reply.error
                else:
                    ready[seq] = (lines, nbytes, reply)
            if not more:  # a worker with nothing left to do leaves while the others finish
                for k in alive:
                    if not given[k] and not unsent[k] and self.workers[k].pid not in self.stopped:
                        try:
                            os.write(self.workers[k].to, _STOP)  # (a few bytes: never blocks)
                            self.stopped.add(self.workers[k].pid)
                        except OSError:
                            pass  # close() tells it, or finds it gone
            # (a worker that has just answered is fed first)
            if work_here and not readable and here is not None:
                chunk = take()
                if chunk is not None:
                    try:
                        ready[sent] = (chunk.lines, _size(chunk), here(chunk))
                    except Exception as e:  # noqa: BLE001  (raised in its turn, as a worker's)
                        ready[sent] = e
                    sent += 1


def _size(chunk: Union[RawChunk, FileSpan]) -> int:
    return chunk.size if isinstance(chunk, FileSpan) else len(chunk.data)
