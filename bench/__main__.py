"""`python -m bench --scale city`: time every step, print a table, write bench/results.json.
`python -m bench load …`: the load probe (:mod:`bench.load`)."""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench.cases import PAGE_RATIO_TARGET, steps
from bench.report import browser_part
from bench.timing import Result

RESULTS = Path(__file__).resolve().parent / "results.json"


def _row(r: Result, trivial_ms: float | None) -> str:
    ratio = ""
    if r.name.startswith("page:") and trivial_ms and "trivial" not in r.name:
        ratio = f"{r.median_ms / trivial_ms:6.1f}x"
    target = f"{r.target_ms:,.0f}" if r.target_ms is not None else ""
    return (
        f"{r.name:<44} {r.runs:>4} {r.median_ms:>11,.1f} {r.min_ms:>11,.1f} "
        f"{r.peak_mib:>9,.1f} {target:>9} {r.verdict:>5} {ratio:>8}"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["load"]:
        from bench import load

        return load.main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", choices=["demo", "city", "province"], default="city")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--part", choices=["all", "engines", "browser"], default="all",
        help="engines (in-process steps), browser (Chromium on a real server) or both",
    )  # fmt: skip
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each browser action")
    parser.add_argument(
        "--only", default="", help="browser sections to run, comma-separated (default all): "
        "overview, establishment, performance_pay, rotation, cadres, scenarios, "
        "presentation",
    )  # fmt: skip
    args = parser.parse_args(argv)

    started = time.perf_counter()
    header = (
        f"{'step':<44} {'runs':>4} {'median ms':>11} {'min ms':>11} "
        f"{'peak MiB':>9} {'target':>9} {'':>5} {'vs triv':>8}"
    )
    print(f"Shizi benchmarks, scale={args.scale}, python {platform.python_version()}")
    results: list[Result] = []
    trivial_ms: float | None = None
    browser: dict[str, object] | None = None
    with tempfile.TemporaryDirectory(prefix="shizi-bench-") as workdir:
        if args.part in ("all", "engines"):
            print(header)
            print("-" * len(header))
            for result in steps(args.scale, Path(workdir)):
                if "trivial" in result.name:
                    trivial_ms = result.median_ms
                results.append(result)
                print(_row(result, trivial_ms), flush=True)
        if args.part in ("all", "browser"):
            only = [s for s in args.only.split(",") if s] or None
            browser = browser_part(args.scale, Path(workdir), args.reps, only)
    total_s = time.perf_counter() - started
    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nwhole run {total_s:,.1f} s; process peak RSS {max_rss_mib:,.0f} MiB")
    report = {
        "scale": args.scale,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "total_seconds": round(total_s, 1),
        "peak_rss_mib": round(max_rss_mib),
        "trivial_rerun_ms": trivial_ms,
        "page_ratio_target": PAGE_RATIO_TARGET,
        "browser": browser,
        "steps": [
            {
                **asdict(r),
                "verdict": r.verdict,
                "ratio_to_trivial": (
                    r.median_ms / trivial_ms
                    if trivial_ms and r.name.startswith("page:") and "trivial" not in r.name
                    else None
                ),
            }
            for r in results
        ],
    }
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
