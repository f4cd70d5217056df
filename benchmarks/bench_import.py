"""How long does ``import infoview_kit`` take, next to ``import pandas``?

Each statement runs in a fresh interpreter, 5 times; the best wall time is
kept (interpreter start included, and measured on its own as ``python -c
pass`` so the import cost itself is visible). ``python -X importtime``
adds the cumulative import time the interpreter reports for the top module.

* ``import infoview_kit``: the package is lazy, so this must stay light
  (target: at most 1.2x ``import pandas``);
* ``import infoview_kit; infoview_kit.load_log``: the first use, which
  brings in pandas and the loader (reported, no target);
* the heavy libraries (matplotlib, ipywidgets, statsmodels, networkx) must
  not be imported by either.

Run: ``.venv/bin/python benchmarks/bench_import.py``
"""

from __future__ import annotations

import subprocess
import sys

from _common import print_machine, wall_time_of

TARGET_RATIO = 1.2
HEAVY = ("matplotlib", "ipywidgets", "statsmodels", "networkx")

STATEMENTS = {
    "python -c pass": "pass",
    "import pandas": "import pandas",
    "import infoview_kit": "import infoview_kit",
    "infoview_kit.load_log (first use)": "import infoview_kit; infoview_kit.load_log",
}


def importtime(statement: str) -> float:
    """Total import seconds ``-X importtime`` reports for a statement (best of 5).

    The sum of the cumulative times of the top-level imports, so the
    interpreter's own start-up imports (``site``, ``encodings``) are left out.
    """
    best = float("inf")
    for _ in range(5):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", statement],
            capture_output=True,
            text=True,
            check=True,
        )
        total = 0
        for line in done.stderr.splitlines():
            fields = line.split("|")
            if len(fields) != 3 or not fields[1].strip().isdigit():
                continue
            name = fields[2]
            if name.startswith(" ") and not name.startswith("  "):  # not nested
                total += int(fields[1])
        best = min(best, total / 1e6)
    return best


def heavy_modules(statement: str) -> list[str]:
    """Which of the heavy libraries a statement imports."""
    probe = f"{statement}; import sys; print(sorted({{m.split('.')[0] for m in sys.modules}}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = done.stdout.strip().splitlines()[-1]
    return [name for name in HEAVY if f"'{name}'" in loaded]


def main() -> dict[str, float]:
    print_machine()
    best: dict[str, float] = {}
    for label, statement in STATEMENTS.items():
        runs = wall_time_of(statement, repeat=5)
        best[label] = min(runs)
        print(f"{label:>36}: best {best[label]:.3f} s (runs {', '.join(f'{r:.3f}' for r in runs)})")
    start = best["python -c pass"]
    pandas_cost = best["import pandas"] - start
    package_cost = best["import infoview_kit"] - start
    first_use = best["infoview_kit.load_log (first use)"] - start
    print(
        f"import cost over the bare interpreter: pandas {pandas_cost:.3f} s, "
        f"infoview_kit {package_cost:.3f} s, first use of load_log {first_use:.3f} s"
    )
    ratio = best["import infoview_kit"] / best["import pandas"]
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"import infoview_kit / import pandas: {ratio:.2f}x (target <= {TARGET_RATIO}x: "
          f"{verdict})")  # fmt: skip
    ratio_first = best["infoview_kit.load_log (first use)"] / best["import pandas"]
    print(f"first use of load_log / import pandas: {ratio_first:.2f}x (reported, no target)")
    times = {label: importtime(STATEMENTS[label]) for label in STATEMENTS}
    print("-X importtime, all imports of the statement (interpreter start-up included):")
    for label, seconds in times.items():
        print(f"{label:>36}: {seconds:.3f} s")
    print(f"-X importtime ratio, import infoview_kit / import pandas: "
          f"{times['import infoview_kit'] / times['import pandas']:.2f}x")  # fmt: skip
    for label in ("import infoview_kit", "infoview_kit.load_log (first use)"):
        heavy = heavy_modules(STATEMENTS[label])
        print(f"heavy libraries after {label}: {', '.join(heavy) if heavy else 'none'}")
    return best


if __name__ == "__main__":
    main()
