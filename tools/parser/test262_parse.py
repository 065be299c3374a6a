#!/usr/bin/env python3
"""Parse-only test262 runner for weft-parse.

Walks TEST262/test/language, reads each test's frontmatter and checks that weft-parse
accepts the valid tests and rejects the negative parse-phase SyntaxError tests, in every
mode the test asks for (sloppy and strict by default; "use strict" prefixed for strict;
module goal for flags: [module]; raw tests run as they are).

Usage: test262_parse.py TEST262_DIR [--weft-parse PATH] [-j N] [--depth D]
                        [--filter SUBSTRING] [--show-failures]
Prints per-directory pass rates and a closing line "N passed, N failed".
Standard library only.
"""
import argparse
import os
import re
import select
import subprocess
import sys
import threading

# Features of proposals that are not finished (stage 4) or were withdrawn.
SKIP_FEATURES = {
    "decorators",
    "source-phase-imports",
    "source-phase-imports-module-source",
    "import-defer",
    "import-assertions",
    "import-text",
    "ShadowRealm",
    "Temporal",
}

FRONTMATTER = re.compile(r"/\*---(.*?)---\*/", re.S)


def parse_frontmatter(text):
    m = FRONTMATTER.search(text)
    meta = {"flags": [], "features": [], "negative": None}
    if not m:
        return meta
    body = m.group(1)
    for key in ("flags", "features"):
        mm = re.search(r"^%s:\s*\[(.*?)\]" % key, body, re.M | re.S)
        if mm:
            meta[key] = [x.strip() for x in mm.group(1).split(",") if x.strip()]
        else:
            mm = re.search(r"^%s:\s*\n((?:\s+-\s*.*\n?)+)" % key, body, re.M)
            if mm:
                meta[key] = [x.strip()[1:].strip() for x in mm.group(1).splitlines() if x.strip().startswith("-")]
    mm = re.search(r"^negative:\s*\n((?:[ \t]+.*\n?)+)", body, re.M)
    if mm:
        block = mm.group(1)
        phase = re.search(r"phase:\s*(\S+)", block)
        typ = re.search(r"type:\s*(\S+)", block)
        meta["negative"] = {"phase": phase.group(1) if phase else "", "type": typ.group(1) if typ else ""}
    return meta


def modes_for(meta):
    flags = meta["flags"]
    if "module" in flags:
        return ["module"]
    if "raw" in flags:
        return ["script"]
    if "onlyStrict" in flags:
        return ["strict"]
    if "noStrict" in flags:
        return ["script"]
    return ["script", "strict"]


class Worker:
    def __init__(self, exe, timeout):
        self.exe = exe
        self.timeout = timeout
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen([self.exe, "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def run(self, mode, path):
        try:
            self.proc.stdin.write("%s %s\n" % (mode, path))
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.start()
            return "CRASH"
        ready, _, _ = select.select([self.proc.stdout], [], [], self.timeout)
        if not ready:
            self.proc.kill()
            self.proc.wait()
            self.start()
            return "TIMEOUT"
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait()
            self.start()
            return "CRASH"
        return line.rstrip("\n")

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("test262")
    ap.add_argument("--weft-parse", default=None, help="path to the weft-parse executable")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--depth", type=int, default=1, help="directory depth below test/language for the report")
    ap.add_argument("--filter", default="", help="only tests whose path contains this")
    ap.add_argument("--show-failures", action="store_true")
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()

    exe = args.weft_parse
    if not exe:
        here = os.path.dirname(os.path.abspath(__file__))
        root = os.path.dirname(os.path.dirname(here))
        for candidate in ("build/release/weft-parse", "build/debug/weft-parse"):
            if os.path.exists(os.path.join(root, candidate)):
                exe = os.path.join(root, candidate)
                break
    if not exe or not os.path.exists(exe):
        sys.exit("weft-parse not found; pass --weft-parse")

    base = os.path.join(args.test262, "test", "language")
    jobs = []
    skipped = 0
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".js") or "_FIXTURE" in name:
                continue
            path = os.path.join(dirpath, name)
            if args.filter and args.filter not in path:
                continue
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                meta = parse_frontmatter(f.read())
            if SKIP_FEATURES.intersection(meta["features"]):
                skipped += 1
                continue
            neg = meta["negative"]
            expect_error = bool(neg and neg["phase"] in ("parse", "early") and neg["type"] == "SyntaxError")
            rel = os.path.relpath(path, base)
            for mode in modes_for(meta):
                jobs.append((rel, path, mode, expect_error))

    results = [None] * len(jobs)
    lock = threading.Lock()
    next_index = [0]

    def work():
        worker = Worker(exe, args.timeout)
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= len(jobs):
                break
            rel, path, mode, expect_error = jobs[i]
            out = worker.run(mode, path)
            ok = out.startswith("ERR") if expect_error else out == "OK"
            if out in ("CRASH", "TIMEOUT"):
                ok = False
            results[i] = (ok, out)
        worker.close()

    threads = [threading.Thread(target=work) for _ in range(max(1, args.jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    per_dir = {}
    passed = failed = 0
    failures = []
    for (rel, path, mode, expect_error), (ok, out) in zip(jobs, results):
        key = "/".join(rel.split(os.sep)[: args.depth])
        if key.endswith(".js"):
            key = "(top)"
        d = per_dir.setdefault(key, [0, 0])
        if ok:
            d[0] += 1
            passed += 1
        else:
            d[1] += 1
            failed += 1
            failures.append((rel, mode, "expected SyntaxError" if expect_error else "expected OK", out))

    if args.show_failures:
        for rel, mode, expectation, out in failures:
            print("FAIL %s [%s] %s, got: %s" % (rel, mode, expectation, out))
        print()
    width = max([len(k) for k in per_dir] + [10])
    for key in sorted(per_dir):
        p, f = per_dir[key]
        print("%-*s %6d / %-6d %6.2f%%" % (width, key, p, p + f, 100.0 * p / (p + f)))
    print("(skipped %d tests for unfinished proposals)" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
