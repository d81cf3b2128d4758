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
