"""The coordinator on each store, as a ward officer uses it: SQLite and PostgreSQL (the server scripts/test
starts; XK_TEST_POSTGRES_URL). A simulated run with named citizens, a coordinator SIGKILLed and restarted on
its store, then every statistic checked against what the dispatcher says of each request: volumes, reach
(distinct citizens by pseudonym), workload, the baseline import with its refusals and the contribution."""

import datetime
import json
import os
import re
import signal
import time
import uuid

import pytest
import zmq

from conftest import ManagedProcess, REPO_ROOT, as_exported, free_port, run_xk, wait_all_resolved, xk_binary
from test_coordinator import start_coordinator
from test_crash import call

CONFIG = str(REPO_ROOT / "config" / "hai-ba-trung.yaml")
WARDS = ("00286", "00289")
PHONES = ["09123456%02d" % n for n in range(12)]   # 40 requests from 12 citizens


def xk(*args, ok=True, env=None):
    return run_xk(*args, check=ok, env=env)


def store_url(kind, tmp_path):
    if kind == "sqlite":
        return "sqlite:" + str(tmp_path / "stats.sqlite")
    base = os.environ.get("XK_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("XK_TEST_POSTGRES_URL is not set (scripts/test starts a PostgreSQL server and sets it)")
    schema = "py_" + uuid.uuid4().hex[:12]
    return base + ("&" if "?" in base else "?") + "schema=" + schema


def stats(endpoint, *args):
    return json.loads(xk("stats", "--coordinator", endpoint, "--format", "json", *args).stdout)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_every_statistic_on_each_store_after_a_restart(kind, dispatcher, tmp_path):
    store = store_url(kind, tmp_path)
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    d = dispatcher("--data", str(tmp_path / "d"), "--events", events_ep)
    workers = []
    for ward in WARDS:
        argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", ward, "--dispatcher", d.endpoint,
                "--data", str(tmp_path / ("w" + ward)), "--control", "ipc://%s/%s.ipc" % (tmp_path, ward),
                "--simulate", "--simulate-step-seconds", "0.05",
                "--simulate-outcomes", "SUBMITTED_FULL_ONLINE=60,SUBMITTED_PARTIAL_ONLINE=25,FAILED=15"]
        w = ManagedProcess("xk worker " + ward, argv, cwd=str(REPO_ROOT))
        assert w.wait_for_line("worker connected", key="stderr", timeout=30), w.output()
        workers.append(w)
    stats_ep = "tcp://127.0.0.1:%d" % free_port()
    coordinator = start_coordinator(d.endpoint, events_ep, store, stats_ep)
    ctx = zmq.Context.instance()
    ids, phone_of = [], {}
    try:
        for n in range(40):
            body = {"ward": WARDS[n % 2], "residentialGroup": "TDP %d" % (n % 3 + 1), "procedure": "1.001193",
                    "helpType": "submit_dossier", "channel": "walk_in",
                    "citizen": {"shortName": "Bác %d" % n, "phone": PHONES[n % 12], "ageBand": "70_79"},
                    "consent": {"given": True, "textVersion": "XK-HBT-2024-01"}}
            rid = call(ctx, d.endpoint, b"xk.submit", json.dumps(body).encode())["id"]
            ids.append(rid)
            phone_of[rid] = PHONES[n % 12]
            if n == 19:
                coordinator.signal(signal.SIGKILL)
                coordinator.wait(10)

        truth = wait_all_resolved(lambda i: call(ctx, d.endpoint, b"xk.status", i.encode()), ids)
        coordinator = start_coordinator(d.endpoint, events_ep, store, stats_ep)

        def dossiers(status):
            for event in status["history"]:
                if event["kind"] == "resolved":
                    return len(event.get("detail", {}).get("dossiers", []))
            return 0

        online = ("SUBMITTED_FULL_ONLINE", "SUBMITTED_PARTIAL_ONLINE")
        want = {}
        for ward in WARDS:
            mine = [i for i in ids if truth[i]["ward"] == ward]
            want[ward] = {
                "received": len(mine),
                "resolved": len(mine),
                "online_submissions": sum(truth[i]["outcome"] in online for i in mine),
                "full_process": sum(truth[i]["outcome"] == "SUBMITTED_FULL_ONLINE" for i in mine),
                "failed": sum(truth[i]["outcome"] == "FAILED" for i in mine),
                "online_dossiers": sum(dossiers(truth[i]) for i in mine if truth[i]["outcome"] in online),
                "citizens": len({phone_of[i] for i in mine}),
                "residential_groups": 3,
                "aged_60_plus": len(mine),
            }
        got = {}
        for _ in range(75):
            got = {r["key"].split("@")[0]: r for r in stats(stats_ep, "--by", "ward")["rows"]}
            if all(got.get(w, {}).get("resolved") == want[w]["resolved"] for w in WARDS):
                break
            time.sleep(0.2)
        for ward in WARDS:
            for field, value in want[ward].items():
                # Counts of 1 to 4 citizens leave the system suppressed, and say so.
                want_value = value if field == "residential_groups" else as_exported(value)
                assert got[ward][field] == want_value, (ward, field, got[ward][field], value)
                if want_value is None:
                    assert field in got[ward]["suppressedCells"], got[ward]
            n_online = want[ward]["online_submissions"]
            assert got[ward]["rates"]["conversion"] == ({"suppressed": True} if 0 < n_online < 5 else {
                "numerator": n_online, "denominator": want[ward]["resolved"],
                "value": n_online / want[ward]["resolved"]})
        csv = run_xk("stats", "--coordinator", stats_ep, "--by", "ward", "--format", "csv")
        assert "counts of 1 to 4 citizens are suppressed" in csv.stderr, "the note goes beside the CSV"
        assert csv.stdout.startswith("\ufeffward,") and "\n#" not in csv.stdout, csv.stdout[:200]
        # Every team that had a case is in the workload table, and the idle ones are named.
        workload = xk("stats", "--coordinator", stats_ep, "--by", "team", "--view", "workload", "--config", CONFIG).stdout
        assert "idle teams (no case in the period):" in workload, workload
        assert "09123456" not in workload and "Bác" not in workload
        # Every table view ends with a total line: counts summed, rates from the summed numerators and
        # denominators, "–" for what does not add up (medians, distinct citizens).
        def table(*args, env=None):
            out = xk("stats", "--coordinator", stats_ep, "--config", CONFIG, *args, env=env).stdout
            return {line.split("  ")[0].split(" ")[0]: line for line in out.splitlines() if line.strip()}, out

        def fraction(line, nth=0):
            return [tuple(map(int, f.split("/"))) for f in re.findall(r"\((\d+/\d+)\)", line)][nth]

        timeliness, out = table("--view", "timeliness")
        assert "total" in timeliness, out
        total_line = timeliness["total"]
        assert total_line.split()[1] == "40", out
        within = [fraction(timeliness[w]) for w in WARDS]
        assert fraction(total_line) == (sum(n for n, _ in within), sum(d for _, d in within)), out
        reach, out = table("--view", "reach")
        assert reach["total"].split()[1:3] == ["40", "–"], out   # 12 distinct citizens do not add up by ward
        workload, out = table("--view", "workload", "--by", "ward")
        assert workload["total"].split()[1] == "40", out
        # The same tables in Vietnamese: headers and the total line from the catalogue, codes unchanged.
        vi, out = table("--view", "workload", "--by", "ward", env={"XK_LANG": "vi"})
        assert "tổng" in vi and "lượt giao" in out and "phường/xã" in out and "00286" in vi, out
        status = xk("status", ids[0], "--dispatcher", d.endpoint, env={"XK_LANG": "vi"}).stdout
        assert "trạng thái RESOLVED" in status and "kết quả " in status, status

        district = stats(stats_ep, "--by", "district")["rows"][0]
        assert district["citizens"] == 12, district   # 12 phones: each citizen counted once across wards
        verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", d.endpoint)
        assert "no difference" in verify.stdout, verify.stdout

        # Baseline: a file with a bad row imports nothing and says where; a good one feeds the contribution.
        month = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).strftime("%Y-%m")
        bad = tmp_path / "bad.csv"
        bad.write_text("ward,month,dossiers_resolved,online_dossiers,full_process_dossiers,on_time_dossiers\n"
                       "00286,%s,200,80,50,190\n00289,%s,100,120,10,90\n" % (month, month))
        out = xk("baseline", "import", str(bad), "--coordinator", stats_ep, "--config", CONFIG, ok=False)
        assert out.returncode == 1
        assert "bad.csv:line 3: online_dossiers (120) is more than dossiers_resolved (100)" in out.stdout, out.stdout
        assert "nothing imported" in out.stdout
        assert "00286" not in xk("baseline", "show", "--coordinator", stats_ep).stdout
        good = tmp_path / "good.csv"
        good.write_text("ward,month,dossiers_resolved,online_dossiers,full_process_dossiers,on_time_dossiers\n"
                        "00286,%s,200,80,50,190\n00289,%s,100,40,10,90\n" % (month, month))
        assert "imported 2 rows" in xk("baseline", "import", str(good), "--coordinator", stats_ep, "--config",
                                       CONFIG).stdout
        contribution = json.loads(xk("stats", "contribution", "--coordinator", stats_ep, "--from", month,
                                     "--format", "json").stdout)["rows"]
        by_ward = {r["ward"]: r for r in contribution}
        # Requests resolved this month (Hanoi), i.e. all of them unless the run straddles midnight of the 1st.
        assert by_ward["00286"]["rates"]["contribution"]["numerator"] == want["00286"]["online_dossiers"]
        assert by_ward["00286"]["rates"]["contribution"]["denominator"] == 200
        assert by_ward["00289"]["rates"]["officialOnlineRate"]["numerator"] == 40
        table = xk("stats", "contribution", "--coordinator", stats_ep, "--from", month).stdout
        assert "Bạch Mai" in table and "contribution" in table
    finally:
        for p in workers + [coordinator]:
            p.signal(signal.SIGTERM)
            p.wait(10)
            p.kill()
