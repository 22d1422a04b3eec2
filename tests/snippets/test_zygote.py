"""The zygote's child reaper works with pidfds and, on older kernels, by polling."""

from __future__ import annotations

import os
import time

import pytest

from skillkit.snippets.zygote import Exits


def _child_exiting_with(code: int) -> int:
    pid = os.fork()
    if pid == 0:
        time.sleep(0.05)
        os._exit(code)
    return pid


@pytest.mark.parametrize("pidfd", [True, False], ids=["pidfd", "polling"])
def test_exits_reports_each_child_once_with_its_status(
    pidfd: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not pidfd:
        monkeypatch.delattr(os, "pidfd_open")
    exits = Exits()
    assert exits.use_pidfd is pidfd
    children = {_child_exiting_with(code): code for code in (3, 4)}
    for pid in children:
        exits.watch(pid)
    ended: dict[int, int] = {}
    deadline = time.monotonic() + 30
    while len(ended) < len(children) and time.monotonic() < deadline:
        for pid, status in exits.wait(1.0):
            assert pid not in ended
            ended[pid] = os.waitstatus_to_exitcode(status)
    assert ended == children
    assert exits.wait(0.0) == []
