#!/usr/bin/env python3
"""Runs a microbenchmark from the threads build and the threads-off build side by side.

Usage: bench/compare_threads_off.py [BENCH_NAME] [--rounds N]
  BENCH_NAME defaults to object_properties (build/<preset>/bench/micro/bench_<name>).
Builds the `release` and `nothreads` presets first, then alternates the two binaries for
N rounds (so both see the same machine load) and prints the median time of each benchmark
in each build and the ratio threads / threads-off (1.00 = no cost of threads).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(preset):
    subprocess.run(["cmake", "--preset", preset], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "--preset", preset], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def run(binary):
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=0.2"],
                         check=True, capture_output=True, text=True).stdout
    return {b["name"]: b["cpu_time"] for b in json.loads(out)["benchmarks"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", nargs="?", default="object_properties")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    presets = ("release", "nothreads")
    for preset in presets:
        build(preset)
    samples = {p: {} for p in presets}
    for _ in range(args.rounds):
        for preset in presets:
            binary = os.path.join(ROOT, "build", preset, "bench", "micro", "bench_" + args.bench)
            for name, t in run(binary).items():
                samples[preset].setdefault(name, []).append(t)
    print(f"{'benchmark':40} {'threads (ns)':>14} {'threads-off (ns)':>17} {'ratio':>7}")
    ratios = []
    for name in samples["release"]:
        on = statistics.median(samples["release"][name])
        off = statistics.median(samples["nothreads"].get(name, [float("nan")]))
        ratio = on / off
        ratios.append(ratio)
        print(f"{name:40} {on:14.1f} {off:17.1f} {ratio:7.2f}")
    geomean = statistics.geometric_mean(ratios)
    print(f"{'geometric mean':40} {'':14} {'':17} {geomean:7.2f}")


if __name__ == "__main__":
    sys.exit(main())
