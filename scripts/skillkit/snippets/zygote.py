"""The worker that runs snippets: started once per batch, forks one child per snippet.

Run as a script (standard library only) by :mod:`skillkit.snippets.sandbox`::

    python zygote.py JOBS.json RESULTS.jsonl

It imports the configured heavy modules once, then forks up to ``parallel`` children at a time. Each
child gets a fresh working folder (also HOME and TMPDIR), stdout/stderr redirected to files at the
file-descriptor level, ``__name__ == "__main__"``, warnings as errors, and an audit hook that stops
the child at the first network connect/bind, process spawn, signal to another process or file
write outside its folder. The zygote SIGKILLs a child that outlives its timeout and writes one JSON
line per snippet to RESULTS.jsonl.
"""

# This file works at the level of file descriptors, fork and raw paths (inside an audit hook),
# so it uses os and os.path rather than pathlib.
# ruff: noqa: PTH101, PTH102, PTH106, PTH108, PTH109, PTH114, PTH118, PTH123

from __future__ import annotations

import ast
import asyncio
import builtins
import contextlib
import ctypes
import gc
import importlib
import inspect
import ipaddress
import json
import linecache
import os
import resource
import select
import signal
import sys
import tempfile
import time
import traceback
import types
import warnings
from collections.abc import Callable
from typing import Any, NoReturn

OUTPUT_LIMIT = 64 * 1024
MEMORY_LIMIT = 4 * 1024**3  # address space per child: a runaway allocation raises MemoryError
BLOCKED_EXIT = 86
SPAWN_EVENTS = frozenset(
    {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "os.startfile",
        "pty.spawn",
    }
)
NETWORK_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"})
# event -> indexes of the arguments that are paths being changed
PATH_EVENTS: dict[str, tuple[int, ...]] = {
    "os.remove": (0,),
    "os.rename": (0, 1),
    "os.replace": (0, 1),
    "os.mkdir": (0,),
    "os.rmdir": (0,),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "os.chflags": (0,),
    "os.lchmod": (0,),
    "os.lchown": (0,),
    "os.setxattr": (0,),
    "os.removexattr": (0,),
    "shutil.rmtree": (0,),
    "shutil.copyfile": (1,),
    "shutil.copytree": (1,),
    "shutil.move": (0, 1),
    "shutil.chown": (0,),
}
_hard_exit = os._exit  # kept before a child replaces os._exit
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def _frame_line(filename: str) -> int | None:
    """The line of the innermost frame that belongs to the snippet."""
    frame: types.FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == filename:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _inside(path: object, folder: str) -> bool:
    if isinstance(path, int):  # an already open descriptor
        return True
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str | os.PathLike):
        return True
    real = os.path.realpath(os.path.join(os.getcwd(), os.fspath(path)))
    return real == folder or real.startswith(folder + os.sep) or real == os.devnull


def _sqlite_path(database: object) -> object:
    """The file behind a sqlite3 database argument (``file:`` URIs included)."""
    if isinstance(database, bytes):
        database = os.fsdecode(database)
    if isinstance(database, os.PathLike):
        database = os.fspath(database)
    if not isinstance(database, str) or database in {"", ":memory:"}:
        return ""
    if database.startswith("file:"):
        path = database[len("file:") :].split("?", 1)[0]
        return "" if path in {"", ":memory:"} else path
    return database


def _opens_for_writing(args: tuple[Any, ...]) -> bool:
    mode = args[1] if len(args) > 1 else None
    flags = args[2] if len(args) > 2 else 0
    if isinstance(mode, str) and any(char in mode for char in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & WRITE_FLAGS)


def _blocked_reason(event: str, args: tuple[Any, ...], folder: str) -> str | None:
    return _process_reason(event, args) or _path_reason(event, args, folder)


def _process_reason(event: str, args: tuple[Any, ...]) -> str | None:
    if event in SPAWN_EVENTS:
        return f"starts a process ({event})"
    if event in NETWORK_EVENTS:
        address = args[1] if len(args) > 1 else "?"
        if event == "socket.bind" and _is_loopback(address):
            return None  # reaches nothing: e.g. urllib3 probes for IPv6 by binding ('::1', 0)
        return f"uses the network ({event} {address!r})"
    if event in {"os.kill", "os.killpg"} and args and args[0] not in {0, os.getpid()}:
        return f"sends a signal to another process ({event})"
    return None


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address or not isinstance(address[0], str):
        return False
    try:
        return ipaddress.ip_address(address[0]).is_loopback
    except ValueError:
        return address[0] == "localhost"


def _path_reason(event: str, args: tuple[Any, ...], folder: str) -> str | None:
    if event == "open" and args and _opens_for_writing(args) and not _inside(args[0], folder):
        return f"writes outside its temporary folder (open {os.fspath(args[0])!r})"
    if event == "sqlite3.connect" and args and not _inside(_sqlite_path(args[0]), folder):
        return f"opens a database outside its temporary folder (sqlite3.connect {args[0]!r})"
    for index in PATH_EVENTS.get(event, ()):
        if index < len(args) and not _inside(args[index], folder):
            return f"changes a path outside its temporary folder ({event} {args[index]!r})"
    return None


def _install_guard(folder: str, filename: str, report: Callable[[dict[str, Any]], None]) -> None:
    busy = False

    def hook(event: str, args: tuple[Any, ...]) -> None:
        nonlocal busy
        if busy:
            return
        busy = True
        try:
            reason = _blocked_reason(event, args, folder)
        finally:
            busy = False
        if reason is None:
            return
        busy = True
        report({"outcome": "blocked", "detail": reason, "line": _frame_line(filename)})
        _hard_exit(BLOCKED_EXIT)

    sys.addaudithook(hook)


def _exception_record(error: BaseException, filename: str) -> dict[str, Any]:
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    line = None
    walker = tb
    while walker is not None:
        if walker.tb_frame.f_code.co_filename == filename:
            line = walker.tb_lineno
        walker = walker.tb_next
    if isinstance(error, SyntaxError) and error.filename == filename:
        line = error.lineno
    try:
        message = str(error)
    except Exception:
        message = f"<{type(error).__name__} with an unprintable message>"
    kinds = [cls.__name__ for cls in type(error).__mro__]
    kinds += [f"{cls.__module__}.{cls.__qualname__}" for cls in type(error).__mro__]
    return {
        "outcome": "raised",
        "types": kinds,
        "message": message,
        "traceback": "".join(traceback.format_exception(type(error), error, tb)),
        "line": line,
    }


def _redirect(jobdir: str) -> None:
    stdin = os.open(os.devnull, os.O_RDONLY)
    stdout = os.open(os.path.join(jobdir, "stdout"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    stderr = os.open(os.path.join(jobdir, "stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(stdin, 0)
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    for fd in (stdin, stdout, stderr):
        os.close(fd)


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent ends (no orphans after a crash)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _isolate(jobdir: str) -> tuple[str, Callable[[dict[str, Any]], None]]:
    """Own process group, fresh working folder, redirected output; the result writer."""
    die_with_parent()
    os.setpgid(0, 0)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    folder = os.path.realpath(os.path.join(jobdir, "work"))
    os.mkdir(folder)
    result_fd = os.open(os.path.join(jobdir, "result.json"), os.O_WRONLY | os.O_CREAT, 0o600)

    def report(record: dict[str, Any]) -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os.write(result_fd, json.dumps(record).encode())

    _redirect(jobdir)
    os.chdir(folder)
    for name in ("HOME", "TMPDIR", "TMP", "TEMP"):
        os.environ[name] = folder
    tempfile.tempdir = folder
    return folder, report


def run_child(job: dict[str, Any], jobdir: str) -> None:
    """Run one snippet in this (forked) process and write its result; never returns."""
    folder, report = _isolate(jobdir)
    filename = job["filename"]
    sys.argv = [filename]
    code = job["code"]
    linecache.cache[filename] = (
        len(code),
        None,
        ["\n"] * (job["first_line"] - 1) + code.splitlines(keepends=True),
        filename,
    )
    warnings.resetwarnings()
    warnings.simplefilter("error")
    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = builtins
    sys.modules["__main__"] = main
    try:
        tree = ast.parse(code, filename, "exec")
        ast.increment_lineno(tree, job["first_line"] - 1)
        compiled = compile(
            tree, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True
        )
    except SyntaxError as error:
        line = (error.lineno or 1) + job["first_line"] - 1
        report({"outcome": "syntax", "message": error.msg, "line": line})
        _hard_exit(0)
    _install_guard(folder, filename, report)
    _record_hard_exit(filename, report)
    record: dict[str, Any]
    try:
        result = eval(compiled, main.__dict__)  # noqa: S307 - running the snippet is the point
        if inspect.iscoroutine(result):
            asyncio.run(result)
        record = {"outcome": "ok"}
    except SystemExit as stop:
        status = stop.code
        if status is None:
            status = 0
        elif not isinstance(status, int):
            print(status, file=sys.stderr)
            status = 1
        record = {"outcome": "exit", "code": status, "line": _exit_line(stop, filename)}
    except BaseException as error:
        record = _exception_record(error, filename)
    report(record)
    _hard_exit(0)


def _record_hard_exit(filename: str, report: Callable[[dict[str, Any]], None]) -> None:
    """Make ``os._exit`` say where it was called before the process ends."""
    hard_exit = os._exit

    def recorded_exit(status: int) -> NoReturn:
        report({"outcome": "died", "code": status, "line": _frame_line(filename)})
        hard_exit(status)

    os._exit = recorded_exit


def _exit_line(stop: SystemExit, filename: str) -> int | None:
    line = None
    tb = stop.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _read(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(OUTPUT_LIMIT + 1)
    except OSError:
        return ""
    text = data[:OUTPUT_LIMIT].decode("utf-8", "replace")
    return text + ("\n[output cut at 64 KiB]\n" if len(data) > OUTPUT_LIMIT else "")


def _finish(job: dict[str, Any], jobdir: str, status: int, timed_out: bool) -> dict[str, Any]:
    record: dict[str, Any] = {}
    raw = _read(os.path.join(jobdir, "result.json"))
    if raw:
        with contextlib.suppress(ValueError):
            record = json.loads(raw)
    if timed_out:
        record = {"outcome": "timeout", "seconds": job["timeout"]}
    elif not record:
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            record = {"outcome": "signal", "signal": signal.Signals(number).name}
        else:
            record = {"outcome": "died", "code": os.waitstatus_to_exitcode(status)}
    record["id"] = job["id"]
    record["stdout"] = _read(os.path.join(jobdir, "stdout"))
    record["stderr"] = _read(os.path.join(jobdir, "stderr"))
    return record


def _remove(folder: str) -> None:
    for current, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(current, name))
        for name in dirs:
            path = os.path.join(current, name)
            with contextlib.suppress(OSError):
                os.chmod(path, 0o700)
            with contextlib.suppress(OSError):
                if os.path.islink(path):
                    os.unlink(path)
                else:
                    os.rmdir(path)
    with contextlib.suppress(OSError):
        os.rmdir(folder)


def _preload(modules: list[str]) -> list[str]:
    """Import each module and every name of its ``__all__`` (packages like pydantic import their
    submodules lazily, on first attribute access: a child would otherwise import them again)."""
    problems = []
    sys.dont_write_bytecode = sys.pycache_prefix is None  # bytecode only into the cache folder
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in modules:
            try:
                module = importlib.import_module(name)
            except Exception as error:
                problems.append(f"{name}: {type(error).__name__}: {error}")
                continue
            for attribute in getattr(module, "__all__", ()):
                with contextlib.suppress(Exception):
                    getattr(module, attribute)
    sys.dont_write_bytecode = True
    return problems


class Exits:
    """Waits for child exits: on pidfds when the kernel has them (Linux 5.3+), else by polling."""

    POLL_INTERVAL = 0.002

    def __init__(self) -> None:
        self.poller = select.poll()
        self.fds: dict[int, int] = {}  # pidfd -> pid
        self.pids: set[int] = set()
        self.use_pidfd = hasattr(os, "pidfd_open")

    def watch(self, pid: int) -> None:
        self.pids.add(pid)
        if self.use_pidfd:
            try:
                fd = os.pidfd_open(pid)
            except OSError:
                self.use_pidfd = False
                return
            self.poller.register(fd, select.POLLIN)
            self.fds[fd] = pid

    def wait(self, seconds: float) -> list[tuple[int, int]]:
        """(pid, wait status) of the children that ended within ``seconds``."""
        if self.use_pidfd and len(self.fds) == len(self.pids):
            ready = [self.fds[fd] for fd, _ in self.poller.poll(seconds * 1000 + 1)]
        else:
            time.sleep(min(seconds, self.POLL_INTERVAL))
            ready = list(self.pids)
        ended = []
        for pid in ready:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                ended.append((pid, status))
                self._forget(pid)
        return ended

    def _forget(self, pid: int) -> None:
        self.pids.discard(pid)
        for fd, owner in list(self.fds.items()):
            if owner == pid:
                self.poller.unregister(fd)
                os.close(fd)
                del self.fds[fd]


def _fork(job: dict[str, Any], root: str) -> tuple[int, str]:
    jobdir = os.path.join(root, f"job-{job['id']}")
    os.mkdir(jobdir)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            run_child(job, jobdir)
        finally:
            _hard_exit(70)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)
    return pid, jobdir


def serve(jobs_path: str, results_path: str) -> int:
    die_with_parent()
    with open(jobs_path, encoding="utf-8") as handle:
        batch = json.load(handle)
    problems = _preload(batch.get("preload", []))
    # Children share the preloaded heap copy-on-write; a garbage collection in a child would touch
    # (and so copy) all of it. Frozen objects are never scanned.
    gc.collect()
    gc.freeze()
    parallel = max(1, int(batch.get("parallel", 1)))
    pending = list(reversed(batch["jobs"]))
    running: dict[int, tuple[dict[str, Any], str, float]] = {}  # pid -> job, folder, deadline
    timed_out: set[int] = set()
    exits = Exits()
    with open(results_path, "w", encoding="utf-8") as results:
        for problem in problems:
            results.write(json.dumps({"preload_error": problem}) + "\n")
        while pending or running:
            while pending and len(running) < parallel:
                job = pending.pop()
                pid, jobdir = _fork(job, batch["root"])
                exits.watch(pid)
                running[pid] = (job, jobdir, time.monotonic() + float(job["timeout"]))
            wait = max(0.0, min(entry[2] for entry in running.values()) - time.monotonic())
            for pid, status in exits.wait(wait):
                job, jobdir, _ = running.pop(pid)
                results.write(json.dumps(_finish(job, jobdir, status, pid in timed_out)) + "\n")
                _remove(jobdir)
            now = time.monotonic()
            for pid, (_, _, deadline) in running.items():
                if deadline <= now and pid not in timed_out:
                    timed_out.add(pid)
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], sys.argv[2]))
