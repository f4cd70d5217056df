"""How long, and how much memory, does each hostile file of the corpus cost?

Runs every case of ``tests/io/test_hostile.py`` one at a time (no other case
beside it), each in a fresh ``infoview`` process under the same 2 GiB
address-space cap, and prints its exit status, wall time and peak resident
memory (``ru_maxrss`` of that process alone, from ``wait4``). The target of
issue 11: every case within seconds, far below the cap, the right status.

Run: ``.venv/bin/python benchmarks/bench_hostile.py [NAME-SUBSTRING]``
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, print_machine

sys.path.insert(0, str(ROOT))

from tests.io.test_hostile import ADDRESS_SPACE, CASES, RUNNER


def run(name: str) -> tuple[int, float, float]:
    """(exit status, wall seconds, peak MB) of one case."""
    case = CASES[name]
    with tempfile.TemporaryDirectory() as tmp:
        folder, temp = Path(tmp, "case"), Path(tmp, "tmp")
        folder.mkdir()
        temp.mkdir()
        argv = case.build(folder)
        env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT), **case.env}
        command = [sys.executable, "-c", RUNNER.format(cap=ADDRESS_SPACE), *argv]
        start = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env, cwd=tmp)  # fmt: skip
        if case.interrupt:
            while not any(n.startswith("infoview-") for n in os.listdir(temp)):
                time.sleep(0.02)
            time.sleep(0.2)
            proc.send_signal(2)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        return proc.returncode, time.monotonic() - start, usage.ru_maxrss / 1024


def main() -> None:
    print_machine()
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    print(f"{'case':52} {'status':>6} {'seconds':>8} {'peak MB':>8}")
    for name in CASES:
        if wanted.casefold() in name.casefold():
            status, seconds, peak = run(name)
            print(f"{name:52} {status:>6} {seconds:>8.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
