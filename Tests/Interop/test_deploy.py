"""deploy/: every systemd unit passes `systemd-analyze verify` (as its instances are named on a district server),
is hardened, takes its keys as credentials, and the Prometheus scrape config names the ports the example
environment gives the services."""

import pathlib
import re
import shutil
import subprocess

import pytest

from conftest import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())
# Each unit as a district server names it: templates with an instance.
INSTANCES = {
    "xk-dispatcher@.service": "xk-dispatcher@hai-ba-trung.service",
    "xk-worker@.service": "xk-worker@00286.service",
    "xk-backup@.service": "xk-backup@dispatcher-hai-ba-trung.service",
    "xk-backup@.timer": "xk-backup@dispatcher-hai-ba-trung.timer",
}
SERVICES = [u for u in UNITS if u.suffix == ".service"]


def fake_root(tmp_path):
    """A root for `systemd-analyze verify --root`: the units in etc/systemd/system, the host's own units (targets)
    beside them, and every program the units run at its path (verify checks that each is executable there; the
    units, not the programs, are what is verified)."""
    root = tmp_path / "root"
    (root / "etc/systemd/system").mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(str(unit), str(root / "etc/systemd/system" / unit.name))
    host_units = next(p for p in (pathlib.Path("/usr/lib/systemd/system"), pathlib.Path("/lib/systemd/system"))
                      if (p / "multi-user.target").exists())
    shutil.copytree(str(host_units), str(root / "usr/lib/systemd/system"), symlinks=True)
    for unit in UNITS:
        for program in re.findall(r"^Exec\w+=[-@:+!]*(/\S+)", unit.read_text(), re.M):
            target = root / program.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy("/bin/true", str(target))
    return root


def test_every_unit_passes_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian's systemd package; scripts/bootstrap --python installs it)")
    assert set(INSTANCES) | {u.name for u in UNITS if "@" not in u.name} == {u.name for u in UNITS}
    names = [INSTANCES.get(u.name, u.name) for u in UNITS]
    res = subprocess.run([analyze, "verify", "--man=no", "--root", str(fake_root(tmp_path))] + names,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", timeout=60)
    if res.returncode != 0 and "Failed to initialize manager" in res.stderr:
        pytest.skip("systemd-analyze cannot run in this sandbox: %s" % res.stderr.strip())
    # Any output is a finding (an unknown key is only a warning, with exit code 0).
    assert res.returncode == 0 and res.stderr.strip() == "" and res.stdout.strip() == "", \
        "systemd-analyze verify %s:\n%s%s" % (" ".join(names), res.stdout, res.stderr)


@pytest.mark.parametrize("unit", [u.name for u in SERVICES])
def test_every_service_is_hardened_and_runs_as_the_xungkich_user(unit):
    text = (DEPLOY / "systemd" / unit).read_text()
    for line in ("User=xungkich", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
                 "CapabilityBoundingSet=\n", "UMask=0077"):
        assert line in text, "%s lacks %r" % (unit, line.strip())
    assert "StateDirectory=" in text or "ReadWritePaths=" in text, unit


def cpu_share(unit):
    """(CPUWeight, Nice) of a unit, systemd's defaults (100, 0) when it sets none."""
    text = (DEPLOY / "systemd" / unit).read_text()
    weight = re.search(r"^CPUWeight=(\d+)$", text, re.M)
    nice = re.search(r"^Nice=(-?\d+)$", text, re.M)
    return (int(weight.group(1)) if weight else 100, int(nice.group(1)) if nice else 0)


def test_the_dashboard_yields_the_cpu_to_the_dispatcher():
    web_weight, web_nice = cpu_share("xk-web.service")
    dispatcher_weight, dispatcher_nice = cpu_share("xk-dispatcher@.service")
    assert web_weight < dispatcher_weight and web_nice > dispatcher_nice, \
        "xk-web.service must have a lower CPUWeight and a higher Nice than the dispatcher"
    # The scheduling policy is what keeps a crowd of viewers from slowing intake (scripts/bench-web-1m).
    web = (DEPLOY / "systemd" / "xk-web.service").read_text()
    assert re.search(r"^CPUSchedulingPolicy=idle$", web, re.M), "xk-web.service must run at SCHED_IDLE"
    for unit in ("xk-dispatcher@.service", "xk-worker@.service", "xk-coordinator.service"):
        assert "CPUSchedulingPolicy=" not in (DEPLOY / "systemd" / unit).read_text(), unit


def test_keys_reach_the_daemons_only_as_credentials():
    for unit in ("xk-dispatcher@.service", "xk-worker@.service", "xk-coordinator.service"):
        text = (DEPLOY / "systemd" / unit).read_text()
        assert "LoadCredential=" in text and "--keys %d" in text, unit
        assert "ReadOnlyPaths=/etc/xungkich/keys" not in text and "--keys /etc" not in text, unit


def test_scrape_config_names_the_example_ports():
    env = (DEPLOY / "xungkich.env.example").read_text()
    scrape = (DEPLOY / "prometheus" / "xungkich.yml").read_text()
    for port in re.findall(r"--metrics 127\.0\.0\.1:(\d+)", env):
        assert "127.0.0.1:%s" % port in scrape, port
