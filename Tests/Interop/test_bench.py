"""`xk bench` runs end to end and prints its table, majortomo's broker included.

Speed is not asserted here (shared, noisy machines); the README holds figures from release builds.
This checks that every path completes its requests and that the table carries the ratios users read.
"""

import re
import subprocess
import sys

from conftest import REPO_ROOT, xk_binary


def test_bench_prints_every_path_with_ratios():
    out = subprocess.run(
        [str(xk_binary()), "bench", "--duration", "0.3", "--rounds", "1", "--clients", "2", "--window", "4",
         "--workers", "2", "--compare-majortomo", "--python", sys.executable],
        cwd=str(REPO_ROOT), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    rows = {}
    for line in out.stdout.splitlines():
        m = re.match(r"^(raw DEALER↔ROUTER echo \(1 hop\)|xk dispatcher, worker credit \d+|xk dispatcher, plain MDP workers|"
                     r"majortomo 0\.2\.0 broker)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+([+-]\d+) µs(.*)$", line)
        if m:
            rows[m.group(1)] = m
    assert len(rows) == 4, out.stdout
    for name, m in rows.items():
        assert int(m.group(2)) > 0, "%s completed no round trips:\n%s" % (name, out.stdout)
        assert "lost" not in m.group(9), "%s lost requests:\n%s" % (name, out.stdout)
    assert rows["raw DEALER↔ROUTER echo (1 hop)"].group(5) == "1.000"


def test_bench_curve_measures_the_keyed_dispatcher_beside_the_plain_one():
    out = subprocess.run(
        [str(xk_binary()), "bench", "--curve", "--no-durable", "--duration", "0.3", "--rounds", "2", "--clients", "2",
         "--window", "4", "--workers", "2"],
        cwd=str(REPO_ROOT), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    keyed = re.search(r"^  same, with keys \(CURVE\)\s+(\d+)\s.*µs(.*)$", out.stdout, re.M)
    assert keyed and int(keyed.group(1)) > 0 and "lost" not in keyed.group(2), out.stdout
    rounds = re.findall(r"^  round \d: plain (\d+)/s, CURVE (\d+)/s, ratio ([\d.]+)$", out.stdout, re.M)
    assert len(rounds) == 2 and all(int(p) > 0 and int(c) > 0 for p, c, _ in rounds), out.stdout
    assert re.search(r"CURVE ÷ plain throughput: [\d.]+× \(median of 2 per-round ratios; target ≥ 0\.5×: (met|NOT met)\)",
                     out.stdout), out.stdout
    # The fail-open guard's stranger, refused at each keyed start, is not the bench's business to report.
    assert "refused a connection" not in out.stderr, out.stderr


def test_bench_standard_measures_plain_workers_beside_raw_and_proxy():
    out = subprocess.run(
        [str(xk_binary()), "bench", "standard", "--duration", "0.3", "--rounds", "1"],
        cwd=str(REPO_ROOT), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    rows = re.findall(r"^(raw DEALER↔ROUTER echo|zmq_proxy, two hops|xk dispatcher, MDP/0\.2)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+"
                      r"([\d.]+)(.*)$", out.stdout, re.M)
    # Three paths in each of the workloads A, C and 1×1, every one with answers, no request lost, and the
    # server's CPU per round trip measured from its own process.
    assert len(rows) == 9, out.stdout
    for name, rtps, _, _, _, cpu, rest in rows:
        assert int(rtps) > 0, "%s completed no round trips:\n%s" % (name, out.stdout)
        assert float(cpu) > 0, "%s has no server CPU figure:\n%s" % (name, out.stdout)
        assert "lost" not in rest, "%s lost requests:\n%s" % (name, out.stdout)
