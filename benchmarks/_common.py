"""Shared timing and memory helpers for the benchmarks.

Every measurement runs in a *fresh* Python process, so a baseline and the
subject never share a heap, an import cache or a warmed-up allocator:

* :func:`measure` runs ``module:function(**kwargs)`` from this folder in a
  child process ``repeat`` times and reports the best wall time, the least
  CPU time, and the peak resident memory (``ru_maxrss``) of the worst run, both
  in total and above what the process held after its imports;
* one more child runs the same call under :mod:`tracemalloc` for the peak of
  memory allocated through Python and NumPy (pandas' C parser allocates some
  buffers outside it, so ``ru_maxrss`` is the figure the targets use).

Run as a script, this file is the child: ``python _common.py CHILD_SPEC``.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass
class Measurement:
    """One subject measured in fresh processes."""

    label: str
    seconds: float  # best wall time of the runs
    cpu_seconds: float  # least CPU time of the runs
    runs: list[float]  # every wall time
    peak_rss_mb: float  # highest ru_maxrss over the runs (whole process)
    rss_after_imports_mb: float  # ru_maxrss right after the imports, before the call
    traced_peak_mb: float | None  # tracemalloc peak during the call (None: not measured)
    hwm_mb: float | None = None  # highest VmHWM over the runs (Linux; cross-checks ru_maxrss)
    result: object = None  # what the call returned (JSON-able), from the first run

    @property
    def work_rss_mb(self) -> float:
        """Peak memory the call itself added over the imported interpreter."""
        return max(self.peak_rss_mb - self.rss_after_imports_mb, 0.0)


def _child_command(spec: dict) -> list[str]:
    return [sys.executable, str(HERE / "_common.py"), json.dumps(spec)]


def _run_child(spec: dict, *, env: dict[str, str] | None = None) -> dict:
    child_env = {**os.environ, **(env or {})}
    child_env.setdefault("MPLBACKEND", "Agg")
    done = subprocess.run(
        _child_command(spec), capture_output=True, text=True, env=child_env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"benchmark child {spec['target']} failed ({done.returncode}):\n{done.stderr[-4000:]}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(
    label: str,
    target: str,
    *,
    kwargs: dict | None = None,
    imports: tuple[str, ...] = (),
    repeat: int = 3,
    traced: bool = True,
    env: dict[str, str] | None = None,
) -> Measurement:
    """Measure ``target`` (``"module:function"`` of a file in ``benchmarks/``).

    ``imports`` are imported before the clock starts (so the figure is the
    call, not the import). ``kwargs`` must be JSON-able.
    """
    spec = {"target": target, "kwargs": kwargs or {}, "imports": list(imports), "traced": False}
    runs = [_run_child(spec, env=env) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["wall"])
    # On a shared machine the quickest wall-clock run is not the one that used least CPU:
    # each figure is its own best.
    least_cpu = min(r["cpu"] for r in runs)
    traced_peak = None
    if traced:
        traced_peak = _run_child({**spec, "traced": True}, env=env)["traced_peak_mb"]
    return Measurement(
        label=label,
        seconds=best["wall"],
        cpu_seconds=least_cpu,
        runs=[r["wall"] for r in runs],
        peak_rss_mb=max(r["maxrss_mb"] for r in runs),
        rss_after_imports_mb=min(r["rss_imports_mb"] for r in runs),
        traced_peak_mb=traced_peak,
        hwm_mb=max((r["vmhwm_mb"] or 0.0) for r in runs) or None,
        result=runs[0]["result"],
    )


def run(target: str, *, kwargs: dict | None = None, env: dict[str, str] | None = None) -> object:
    """Call ``module:function(**kwargs)`` in a child process and return its JSON-able result.

    Preparation work (writing a big file) goes through here, so the measuring
    process never grows: on Linux a child starts with the ``ru_maxrss`` of
    the process that forked it, which would hide the child's own peak.
    """
    spec = {"target": target, "kwargs": kwargs or {}, "imports": [], "traced": False}
    return _run_child(spec, env=env)["result"]


def wall_time_of(code: str, *, repeat: int = 5, env: dict[str, str] | None = None) -> list[float]:
    """Wall time of ``python -c code`` in fresh processes (interpreter start included)."""
    child_env = {**os.environ, **(env or {})}
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=child_env)
        out.append(time.perf_counter() - start)
    return out


def _maxrss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def _child(spec: dict) -> dict:
    import importlib

    sys.path.insert(0, str(HERE))
    for name in spec["imports"]:
        importlib.import_module(name)
    module_name, function_name = spec["target"].split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    rss_imports = _maxrss_mb()
    out: dict = {"rss_imports_mb": rss_imports}
    if spec["traced"]:
        import tracemalloc

        tracemalloc.start()
        function(**spec["kwargs"])
        out["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        out.update(wall=0.0, cpu=0.0, result=None)
    else:
        wall, cpu = time.perf_counter(), time.process_time()
        result = function(**spec["kwargs"])
        out["wall"] = time.perf_counter() - wall
        out["cpu"] = time.process_time() - cpu
        out["result"] = result if isinstance(result, int | float | str | list | dict) else None
    out["maxrss_mb"] = _maxrss_mb()
    out["vmhwm_mb"] = _vmhwm_mb()
    return out


def _vmhwm_mb() -> float | None:
    """This process's own high-water mark (Linux), a cross-check of ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    """What the figures were measured on (for docs/performance.md).

    Versions come from package metadata: the measuring process stays small
    (see :func:`run`), because a child inherits its parent's ``ru_maxrss``.
    """
    from importlib.metadata import version

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "cpus": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "pandas": version("pandas"),
        "numpy": version("numpy"),
        "date": time.strftime("%Y-%m-%d"),
    }


def print_machine() -> None:
    info = machine()
    print(
        f"machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory']}; Python {info['python']}, "
        f"pandas {info['pandas']}, numpy {info['numpy']}; {info['date']}"
    )


def ratio(what: str, value: float, baseline: float, *, target: float | None) -> str:
    """One line in the format every benchmark with a target prints.

    ``<what>: ratio: X.XXx (target ≤ Y)  met`` (or ``not met``); without a
    target, ``(no target)`` and no verdict. ``value`` and ``baseline`` are
    measured in the same run (time in seconds, memory in MB).

    >>> ratio("load_log vs read_csv, CPU time", 6.0, 3.0, target=1.5)
    'load_log vs read_csv, CPU time: ratio: 2.00x (target ≤ 1.5)  not met'
    """
    value_ratio = value / baseline if baseline else float("inf")
    if target is None:
        return f"{what}: ratio: {value_ratio:.2f}x (no target)"
    verdict = "met" if value_ratio <= target else "not met"
    return f"{what}: ratio: {value_ratio:.2f}x (target ≤ {target:g})  {verdict}"


def ratio_lines(
    subject: Measurement,
    baseline: Measurement,
    *,
    time_target: float | None,
    memory_target: float | None = None,
) -> list[str]:
    """``subject`` against ``baseline`` (each measured in its own fresh processes, same run).

    CPU time and peak memory (``ru_maxrss`` of each side's own child process)
    carry the targets; wall time is printed too, without one, because on a
    shared machine it wanders with the other load.
    """
    pair = f"{subject.label} vs {baseline.label}"
    return [
        ratio(f"{pair}, CPU time", subject.cpu_seconds, baseline.cpu_seconds, target=time_target),
        ratio(
            f"{pair}, peak memory",
            subject.peak_rss_mb,
            baseline.peak_rss_mb,
            target=memory_target,
        ),
        ratio(f"{pair}, wall time", subject.seconds, baseline.seconds, target=None),
    ]


def ratio_line(subject: Measurement, baseline: Measurement, *, time_target: float,
               memory_target: float | None = None) -> str:  # fmt: skip
    """:func:`ratio_lines` as one text (kept for scripts that print a single line)."""
    lines = ratio_lines(subject, baseline, time_target=time_target, memory_target=memory_target)
    return "\n".join(lines if memory_target is not None else [lines[0], lines[2]])


if __name__ == "__main__":
    print(json.dumps(_child(json.loads(sys.argv[1]))))
