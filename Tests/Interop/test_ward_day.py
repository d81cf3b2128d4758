"""A ward team's day against real processes: a cancellation reaches the ward (also one made while the ward was
offline) and closes the case there; steps taken while the dispatcher was down keep their own times; and running
something twice, or asking a plain broker for help requests, is refused at once with a clear message."""

import json
import signal
import time

from conftest import CONFIG, ManagedProcess, REPO_ROOT, free_port, run_xk, wait_until, xk_binary
from test_coordinator import start_coordinator
from test_durable_cli import xk

WARD = "00286"


def start_worker(tmp_path, endpoint, data="ward", control=None):
    control = control or "ipc://%s/control.ipc" % tmp_path
    argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", WARD, "--dispatcher", endpoint,
            "--data", str(tmp_path / data), "--control", control]
    w = ManagedProcess("xk worker " + WARD, argv, cwd=str(REPO_ROOT))
    return w, control


def connected(worker):
    assert worker.wait_for_line("worker connected", key="stderr", timeout=30), worker.output()
    return worker


def cases(control):
    res = xk("cases", "--ward", WARD, "--control", control, "--json", "--all")
    assert res.returncode == 0, res.stderr
    return {c["id"]: c for c in json.loads(res.stdout)["cases"]}


def enqueue(endpoint):
    res = xk("enqueue", "--dispatcher", endpoint, "--ward", WARD, "--procedure", "1.001193")
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def test_a_cancel_closes_the_case_at_the_ward_online_and_after_an_outage(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path / "d", "--heartbeat-interval", "0.25")
    worker, control = start_worker(tmp_path, d.endpoint)
    connected(worker)
    held, offline = enqueue(d.endpoint), enqueue(d.endpoint)
    team = wait_until(lambda: (lambda c: c.get(held, {}).get("team") if len(c) == 2 else None)(cases(control)), 10, "both cases assigned at the ward")
    assert xk("case", "accept", held, "--team", team, "--ward", WARD, "--control", control, "--member", "lan").returncode == 0
    # The step names the member who took it, at the dispatcher too.
    accepted = wait_until(lambda: [e for e in json.loads(xk("status", held, "--dispatcher", d.endpoint, "--json").stdout)["history"]
                                   if e.get("state") == "ACCEPTED"], 5, "the accept journaled")
    assert accepted[0]["detail"].get("member") == "lan", accepted

    # Online: the team holds the case; the cancel reaches it within seconds and further steps are refused.
    res = xk("cancel", held, "--dispatcher", d.endpoint)
    assert res.returncode == 0 and "CANCELLED" in res.stdout, res.stdout + res.stderr
    wait_until(lambda: cases(control)[held]["state"] == "CANCELLED", 5, "the ward shows %s CANCELLED" % held)
    step = xk("case", "contact", held, "--ward", WARD, "--control", control)
    assert step.returncode != 0 and "CANCELLED" in step.stderr, step.stdout + step.stderr

    # Offline: the ward's worker is stopped when the cancel is made; it closes the case once it is back.
    worker.signal(signal.SIGTERM)
    assert worker.wait(10) is not None
    res = xk("cancel", offline, "--dispatcher", d.endpoint)
    assert res.returncode == 0, res.stderr
    worker, _ = start_worker(tmp_path, d.endpoint)
    connected(worker)
    wait_until(lambda: cases(control)[offline]["state"] == "CANCELLED", 10, "the ward shows %s CANCELLED after its outage" % offline)
    assert json.loads(xk("status", offline, "--dispatcher", d.endpoint, "--json").stdout)["state"] == "CANCELLED"
    worker.signal(signal.SIGTERM)
    worker.wait(10)


def test_steps_taken_while_the_dispatcher_is_down_keep_their_own_times(dispatcher, tmp_path):
    events = "tcp://127.0.0.1:%d" % free_port()
    args = ("--data", tmp_path / "d", "--heartbeat-interval", "0.25", "--events", events)
    d = dispatcher(*args)
    worker, control = start_worker(tmp_path, d.endpoint)
    connected(worker)
    stats_ep = "tcp://127.0.0.1:%d" % free_port()
    coordinator = start_coordinator(d.endpoint, events, "sqlite:" + str(tmp_path / "stats.sqlite"), stats_ep)
    # Five requests (fewer are suppressed in the statistics), worked while the dispatcher is down.
    ids = [enqueue(d.endpoint) for _ in range(5)]
    teams = wait_until(lambda: (lambda c: {i: c[i]["team"] for i in ids} if all(c.get(i, {}).get("team") for i in ids)
                                else None)(cases(control)), 10, "the cases assigned")
    d.signal(signal.SIGKILL)
    d.wait(10)
    stamps = {}
    for request_id in ids:
        for step in (["accept", request_id, "--team", teams[request_id]], ["contact", request_id],
                     ["refer", request_id, "--to", "one-stop"]):
            stamps[(request_id, step[0])] = time.time()
            res = xk("case", *(step + ["--ward", WARD, "--control", control]))
            assert res.returncode == 0, res.stdout + res.stderr
    time.sleep(3.0)
    back = time.time()
    d = dispatcher(*args, port=d.port)

    def resolved():
        sts = [json.loads(xk("status", i, "--dispatcher", d.endpoint, "--json").stdout) for i in ids]
        return sts if all(st.get("state") == "RESOLVED" for st in sts) else None
    statuses = wait_until(resolved, 20, "the ward's steps reach the restarted dispatcher")
    for request_id, st in zip(ids, statuses):
        at = {(e["kind"], e.get("state")): e["at"] for e in st["history"]}
        expected = {("progress", "ACCEPTED"): stamps[(request_id, "accept")],
                    ("progress", "IN_PROGRESS"): stamps[(request_id, "contact")],
                    ("resolved", "RESOLVED"): stamps[(request_id, "refer")]}
        for key, when in expected.items():
            assert key in at, "no %s event in %r" % (key, st["history"])
            assert abs(at[key] - when) < 0.5, "%s journaled at %.2f, the team acted at %.2f (dispatcher back at %.2f)" \
                % (key, at[key], when, back)

    # The coordinator's timeliness view uses those times, not the reconnect's.
    contact = sorted(stamps[(i, "contact")] - st["createdAt"] for i, st in zip(ids, statuses))[2]

    def timeliness():
        out = xk("stats", "--coordinator", stats_ep, "--by", "district", "--view", "timeliness", "--format", "json")
        rows = json.loads(out.stdout)["rows"] if out.returncode == 0 else []
        return rows if rows and rows[0].get("resolved") == 5 else None
    row = wait_until(timeliness, 20, "the coordinator counting the five resolved requests")[0]
    assert abs(row["median_seconds_to_first_contact"] - contact) < 0.5, \
        "contact p50 %.2f s; the team contacted at %.2f s (the dispatcher was back %.2f s after the requests)" \
        % (row["median_seconds_to_first_contact"], contact, back - statuses[0]["createdAt"])
    for process in (coordinator, worker):
        process.signal(signal.SIGTERM)
        process.wait(10)


def test_running_twice_is_refused_and_a_plain_broker_says_it_takes_no_help_requests(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path / "d")
    worker, control = start_worker(tmp_path, d.endpoint)
    connected(worker)
    # A second worker of the ward on the same control endpoint (another data folder): refused, naming the first.
    second, _ = start_worker(tmp_path, d.endpoint, data="ward-2")
    assert second.wait(20) not in (None, 0), second.output()
    assert "in use by another worker" in second.text("stderr") and "xk worker --ward %s" % WARD in second.text("stderr"), \
        second.text("stderr")
    # ... and on the same data folder with another control endpoint.
    third, _ = start_worker(tmp_path, d.endpoint, control="ipc://%s/other.ipc" % tmp_path)
    assert third.wait(20) not in (None, 0), third.output()
    assert "in use by another process" in third.text("stderr"), third.text("stderr")
    assert cases(control) == {}, "the first worker still answers"
    # Filters that match nothing are errors naming the valid values, not empty lists.
    res = xk("cases", "--ward", WARD, "--control", control, "--team", "T01")
    assert res.returncode != 0 and "00286-T01" in res.stderr, res.stdout + res.stderr
    res = xk("cases", "--ward", WARD, "--control", control, "--status", "OPEN")
    assert res.returncode != 0 and "WAITING_CITIZEN" in res.stderr, res.stdout + res.stderr

    plain = dispatcher()
    assert plain.wait_for_line("takes no help requests", key="stderr", timeout=10), plain.tail()
    started = time.time()
    res = xk("enqueue", "--dispatcher", plain.endpoint, "--ward", WARD, "--procedure", "1.001193")
    assert res.returncode != 0 and "takes no help requests" in res.stderr, res.stdout + res.stderr
    assert time.time() - started < 5, "the refusal took %.1f s" % (time.time() - started)
    # In Vietnamese, the refusal's kind is said in front of the dispatcher's own words.
    res = run_xk("enqueue", "--dispatcher", plain.endpoint, "--ward", WARD, "--procedure", "1.001193",
                 check=False, env={"XK_LANG": "vi"})
    assert res.returncode != 0 and "dịch vụ không cung cấp chức năng này: " in res.stderr, res.stderr
    assert "takes no help requests" in res.stderr, res.stderr
    worker.signal(signal.SIGTERM)
    worker.wait(10)


def test_a_ward_that_lost_a_request_forgets_it_once_it_went_to_a_neighbour(dispatcher, tmp_path):
    d = dispatcher("--data", tmp_path / "d", "--heartbeat-interval", "0.25", "--overflow-after-no-worker", "1")
    worker, control = start_worker(tmp_path, d.endpoint)
    connected(worker)
    request_id = enqueue(d.endpoint)
    wait_until(lambda: request_id in cases(control), 10, "the case at Bạch Mai")
    # Bạch Mai's worker dies holding the case; with no worker there, the request overflows to Bách Khoa.
    worker.signal(signal.SIGKILL)
    worker.wait(10)
    neighbour_control = "ipc://%s/neighbour.ipc" % tmp_path
    argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", "00277", "--dispatcher", d.endpoint,
            "--data", str(tmp_path / "ward-00277"), "--control", neighbour_control]
    neighbour = connected(ManagedProcess("xk worker 00277", argv, cwd=str(REPO_ROOT)))

    def at_neighbour():
        out = xk("cases", "--ward", "00277", "--control", neighbour_control, "--json")
        return out.returncode == 0 and request_id in out.stdout
    wait_until(at_neighbour, 20, "the request at the neighbour")
    # Back, Bạch Mai's worker is told to forget its stale copy, so two teams do not work on one request.
    worker, _ = start_worker(tmp_path, d.endpoint)
    connected(worker)
    wait_until(lambda: request_id not in cases(control), 10, "Bạch Mai's stale copy withdrawn")
    for process in (worker, neighbour):
        process.signal(signal.SIGTERM)
        process.wait(10)
