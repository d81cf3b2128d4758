"""Ward workers under faults: during a run with simulated teams the dispatcher and the ward worker are each
SIGKILLed and restarted. Afterwards every request is resolved exactly once at the dispatcher, and each
outcome there equals the worker's own record."""

import json
import signal
import subprocess
import time

import zmq

from conftest import ManagedProcess, REPO_ROOT, xk_binary
from test_crash import call

WARD = "00286"


def start_worker(endpoint, data, control):
    argv = [str(xk_binary()), "worker", "--config", str(REPO_ROOT / "config" / "hai-ba-trung.yaml"),
            "--ward", WARD, "--dispatcher", endpoint, "--data", data, "--control", control,
            "--simulate", "--simulate-step-seconds", "0.15"]
    worker = ManagedProcess("xk worker %s" % WARD, argv, cwd=str(REPO_ROOT))
    assert worker.wait_for_line("worker connected", key="stderr", timeout=30), worker.output()
    return worker


def test_dispatcher_and_worker_killed_every_request_resolved_once_and_outcomes_agree(dispatcher, tmp_path):
    data = str(tmp_path / "dispatcher")
    args = ("--data", data, "--heartbeat-interval", "0.25")
    d = dispatcher(*args)
    worker_data = str(tmp_path / "worker")
    control = "ipc://%s/control.ipc" % tmp_path
    worker = start_worker(d.endpoint, worker_data, control)
    ctx = zmq.Context.instance()
    ids = []
    try:
        def submit(n):
            body = json.dumps({"ward": WARD, "procedure": "1.001193", "helpType": "submit_dossier",
                               "channel": "walk_in", "idempotencyKey": "faults-%d" % n}).encode()
            ids.append(call(ctx, d.endpoint, b"xk.submit", body)["id"])

        for n in range(20):
            submit(n)
        time.sleep(0.4)
        worker.signal(signal.SIGKILL)
        worker.wait(10)
        worker = start_worker(d.endpoint, worker_data, control)
        for n in range(20, 40):
            submit(n)
        time.sleep(0.4)
        d.signal(signal.SIGKILL)
        d.wait(10)
        d = dispatcher(*args, port=d.port)
        for n in range(40, 60):
            submit(n)

        deadline = time.time() + 90
        pending = set(ids)
        outcomes = {}
        while pending and time.time() < deadline:
            for request_id in sorted(pending):
                status = call(ctx, d.endpoint, b"xk.status", request_id.encode())
                if status["state"] == "RESOLVED":
                    resolved = [e for e in status["history"] if e["kind"] == "resolved"]
                    assert len(resolved) == 1, "resolved %d times: %r" % (len(resolved), status["history"])
                    outcomes[request_id] = status["outcome"]
                    pending.discard(request_id)
            time.sleep(0.3)
        assert not pending, "%d requests never resolved, e.g. %r" % (len(pending), sorted(pending)[:5])
        assert len(set(ids)) == 60

        # The ward's store is sealed (personal data at rest): its cases are read through the worker.
        listing = subprocess.run([str(xk_binary()), "cases", "--ward", WARD, "--control", control, "--json", "--all"],
                                 capture_output=True, text=True, timeout=30)
        assert listing.returncode == 0, listing.stderr
        worker_outcomes = {c["id"]: c.get("outcome") for c in json.loads(listing.stdout)["cases"]}
        for request_id, outcome in outcomes.items():
            assert worker_outcomes.get(request_id) == outcome, \
                "%s: dispatcher says %s, worker says %s" % (request_id, outcome, worker_outcomes.get(request_id))
    finally:
        worker.signal(signal.SIGTERM)
        worker.wait(10)
        worker.kill()


def run_xk(*args):
    import subprocess
    out = subprocess.run([str(xk_binary())] + list(args), cwd=str(REPO_ROOT), capture_output=True, text=True,
                         timeout=60)
    return out.returncode, out.stdout, out.stderr


def test_a_person_walks_a_case_from_enqueue_to_outcome(dispatcher, tmp_path):
    """As a new user would: enqueue, see it in `xk cases`, accept → contact → submit with a dossier code,
    and read the outcome with `xk status`. A step out of order is refused with what to do instead."""
    d = dispatcher("--data", str(tmp_path / "dispatcher"))
    control = "ipc://%s/control.ipc" % tmp_path
    argv = [str(xk_binary()), "worker", "--config", str(REPO_ROOT / "config" / "hai-ba-trung.yaml"), "--ward", WARD,
            "--dispatcher", d.endpoint, "--data", str(tmp_path / "worker"), "--control", control]
    worker = ManagedProcess("xk worker %s" % WARD, argv, cwd=str(REPO_ROOT))
    try:
        assert worker.wait_for_line("worker connected", key="stderr", timeout=30), worker.output()
        rc, out, err = run_xk("enqueue", "--dispatcher", d.endpoint, "--ward", WARD, "--procedure", "1.004222",
                              "--name", "Ông Tâm", "--phone", "0987 654 321", "--consent", "--age-band", "80_plus")
        assert rc == 0, err
        request_id = out.strip()
        for _ in range(50):
            rc, out, err = run_xk("cases", "--control", control, "--json")
            cases = json.loads(out)["cases"] if rc == 0 else []
            if cases:
                break
            time.sleep(0.1)
        assert [c["id"] for c in cases] == [request_id], out + err
        case = cases[0]
        assert case["state"] == "ASSIGNED" and case["team"].startswith(WARD + "-"), case
        assert case["citizen"]["phone"] == "098****321", case
        rc, text, _ = run_xk("cases", "--control", control)
        assert "098****321" in text and "0987654321" not in text

        team = case["team"]
        rc, out, err = run_xk("case", "submit", request_id, "--control", control, "--mode", "toan-trinh",
                              "--dossier", "000.00.07.H26-231123-0007")
        assert rc != 0 and "accept it first" in err, (out, err)
        for step in (["accept", request_id, "--team", team], ["contact", request_id, "--note", "đã gọi điện"]):
            rc, out, err = run_xk("case", *(step + ["--control", control]))
            assert rc == 0, err
        rc, out, err = run_xk("case", "submit", request_id, "--control", control, "--mode", "toan-trinh",
                              "--legacy-level", "4", "--dossier", "000.00.07.H26-231123-0007", "--portal",
                              "dichvucong.gov.vn")
        assert rc == 0 and "SUBMITTED_FULL_ONLINE" in out, err

        for _ in range(50):
            rc, out, err = run_xk("status", request_id, "--dispatcher", d.endpoint, "--json")
            status = json.loads(out)
            if status["state"] == "RESOLVED":
                break
            time.sleep(0.1)
        assert status["outcome"] == "SUBMITTED_FULL_ONLINE", status
        resolved = [e for e in status["history"] if e["kind"] == "resolved"][0]
        assert resolved["detail"]["dossiers"] == ["000.00.07.H26-231123-0007"]
        assert [e["state"] for e in status["history"] if e["kind"] == "progress"] == \
            ["ASSIGNED", "ACCEPTED", "IN_PROGRESS"], status["history"]
    finally:
        worker.signal(signal.SIGTERM)
        assert worker.wait(10) == 0, worker.output()
        worker.kill()


def start_plain_worker(d, tmp_path, control):
    """A ward worker without simulation (team members drive it), connected to dispatcher `d`."""
    argv = [str(xk_binary()), "worker", "--config", str(REPO_ROOT / "config" / "hai-ba-trung.yaml"), "--ward", WARD,
            "--dispatcher", d.endpoint, "--data", str(tmp_path / "worker"), "--control", control]
    worker = ManagedProcess("xk worker %s" % WARD, argv, cwd=str(REPO_ROOT))
    assert worker.wait_for_line("worker connected", key="stderr", timeout=30), worker.output()
    return worker


def enqueue_and_wait_for_team(d, control):
    """Submits one request for the ward and waits until the worker has assigned it: (id, team)."""
    rc, out, err = run_xk("enqueue", "--dispatcher", d.endpoint, "--ward", WARD, "--procedure", "1.001193")
    assert rc == 0, err
    request_id = out.strip()
    for _ in range(50):
        rc, out, _ = run_xk("cases", "--control", control, "--json")
        cases = json.loads(out)["cases"] if rc == 0 else []
        if cases:
            return request_id, cases[0]["team"]
        time.sleep(0.1)
    raise AssertionError("the case never reached the worker")


def test_decline_goes_to_another_team_then_back_to_the_dispatcher(dispatcher, tmp_path):
    """A team's decline hands the case to another skilled team; when every team has declined (or is
    unavailable) the case goes back to the dispatcher, which dispatches it again."""
    d = dispatcher("--data", str(tmp_path / "dispatcher"), "--heartbeat-interval", "0.25")
    control = "ipc://%s/control.ipc" % tmp_path
    worker = start_plain_worker(d, tmp_path, control)
    try:
        request_id, first = enqueue_and_wait_for_team(d, control)
        rc, out, err = run_xk("case", "decline", request_id, "--team", first, "--control", control)
        assert rc == 0, err
        second = json.loads(run_xk("cases", "--control", control, "--json")[1])["cases"][0]["team"]
        assert second and second != first, "declined case stayed with %s" % first

        # Every other team of the ward becomes unavailable; the second team declines too: nobody is left.
        config_teams = [line.split("id:")[1].split(",")[0].strip() for line in
                        open(str(REPO_ROOT / "config" / "hai-ba-trung.yaml"), encoding="utf-8")
                        if "id: %s-T" % WARD in line]
        for team in config_teams:
            if team not in (first, second):
                assert run_xk("team", "unavailable", team, "--control", control)[0] == 0
        rc, out, err = run_xk("case", "decline", request_id, "--team", second, "--control", control)
        assert rc == 0, err
        for _ in range(50):
            status = json.loads(run_xk("status", request_id, "--dispatcher", d.endpoint, "--json")[1])
            if "declined" in [e["kind"] for e in status["history"]]:
                break
            time.sleep(0.1)
        kinds = [e["kind"] for e in status["history"]]
        assert "declined" in kinds, kinds
        assert status["attempts"] <= 1 and not status["needsAttention"], status
    finally:
        worker.signal(signal.SIGTERM)
        worker.wait(10)
        worker.kill()


def test_updates_made_while_the_dispatcher_is_down_arrive_in_order_and_once(dispatcher, tmp_path):
    d = dispatcher("--data", str(tmp_path / "dispatcher"), "--heartbeat-interval", "0.25")
    port = d.port
    control = "ipc://%s/control.ipc" % tmp_path
    worker = start_plain_worker(d, tmp_path, control)
    try:
        request_id, team = enqueue_and_wait_for_team(d, control)

        d.signal(signal.SIGKILL)
        d.wait(10)
        assert run_xk("case", "accept", request_id, "--team", team, "--control", control)[0] == 0
        assert run_xk("case", "contact", request_id, "--control", control)[0] == 0
        assert run_xk("case", "wait", request_id, "--reason", "missing_documents", "--control", control)[0] == 0
        d = dispatcher("--data", str(tmp_path / "dispatcher"), "--heartbeat-interval", "0.25", port=port)

        want = ["ASSIGNED", "ACCEPTED", "IN_PROGRESS", "WAITING_CITIZEN"]
        states = []
        for _ in range(100):
            status = json.loads(run_xk("status", request_id, "--dispatcher", d.endpoint, "--json")[1])
            states = [e["state"] for e in status["history"] if e["kind"] == "progress"]
            if states == want:
                break
            time.sleep(0.1)
        assert states == want, status["history"]

        assert run_xk("case", "resume", request_id, "--control", control)[0] == 0
        rc, out, err = run_xk("case", "guide", request_id, "--control", control)
        assert rc == 0, err
        for _ in range(50):
            status = json.loads(run_xk("status", request_id, "--dispatcher", d.endpoint, "--json")[1])
            if status["state"] == "RESOLVED":
                break
            time.sleep(0.1)
        assert status["outcome"] == "GUIDED_ONLY"
        states = [e["state"] for e in status["history"] if e["kind"] == "progress"]
        assert states == want + ["IN_PROGRESS"], status["history"]
        assert [e["kind"] for e in status["history"]].count("resolved") == 1
    finally:
        worker.signal(signal.SIGTERM)
        worker.wait(10)
        worker.kill()
