"""Personal data at rest, reveals and erasure, end to end with real processes: a keyed district where a citizen's
name, phone and note reach no file of the dispatcher's or the ward's data folder in any encoding; the assigned
team (its ward's key) reveals them and leaves an audit line, another ward's key and an intake key cannot; an
officer's `xk citizen erase` removes them from both stores; and the statistics do not change."""

import base64
import json
import os
import signal
import stat

from conftest import CONFIG, ManagedProcess, REPO_ROOT, free_port, wait_all_resolved, wait_until, xk_binary
from test_coordinator import start_coordinator
from test_durable_cli import xk

WARD = "00286"
NAME = "Bà Lan"
PHONE = "0912345678"
NOTE = "Quên mật khẩu VNeID, con gái đã đổi số điện thoại"


def encodings(text):
    """Every form the test can think of in which `text` could sit in a file."""
    import unicodedata
    forms = set()
    for variant in {text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)}:
        raw = variant.encode("utf-8")
        forms |= {raw, variant.encode("utf-16-le"), variant.encode("utf-16-be"), raw.hex().encode(),
                  json.dumps(variant).encode()[1:-1]}
        # base64 of the text at each of the three alignments, trimmed to the characters that do not depend on
        # what comes before or after.
        for shift in range(3):
            encoded = base64.b64encode(b"\0" * shift + raw)[4 if shift else 0:]
            forms.add(encoded[:len(encoded) - 4])
    if text.isdigit():
        forms |= {(text[:4] + " " + text[4:7] + " " + text[7:]).encode(), ("+84" + text[1:]).encode(), text[1:].encode()}
    return {f for f in forms if len(f) >= 6}


def leaks(folder, *texts):
    """(file, text) pairs where a form of a text appears in a file under `folder`."""
    found = []
    for root, _, files in os.walk(str(folder)):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                data = handle.read()
            for text in texts:
                if any(form in data for form in encodings(text)):
                    found.append((os.path.relpath(path, str(folder)), text))
    return found


def start_worker(tmp_path, endpoint, ward, keys=None, simulate=False):
    argv = [str(xk_binary()), "worker", "--config", CONFIG, "--ward", ward, "--dispatcher", endpoint,
            "--data", str(tmp_path / ("ward-" + ward)), "--control", "ipc://%s/%s.ipc" % (tmp_path, ward)]
    if keys:
        argv += ["--keys", str(keys)]
    if simulate:
        argv += ["--simulate", "--simulate-step-seconds", "0.05"]
    w = ManagedProcess("xk worker " + ward, argv, cwd=str(REPO_ROOT))
    assert w.wait_for_line("worker connected", key="stderr", timeout=30), w.output()
    return w


def test_personal_data_is_sealed_revealed_only_to_the_assigned_team_and_erased_everywhere(dispatcher, tmp_path):
    keys = tmp_path / "keys"
    res = xk("keys", "init", "--config", CONFIG, "--out", keys)
    assert res.returncode == 0, res.stdout + res.stderr
    data = tmp_path / "dispatcher"
    d = dispatcher("--data", data, "--keys", keys, "--heartbeat-interval", "0.25")
    worker = start_worker(tmp_path, d.endpoint, WARD, keys=keys)
    try:
        res = xk("enqueue", "--dispatcher", d.endpoint, "--keys", keys, "--ward", WARD, "--procedure", "1.001193",
                 "--name", NAME, "--phone", "0912 345 678", "--consent", "--note", NOTE, "--age-band", "70_79")
        assert res.returncode == 0, res.stdout + res.stderr
        request_id = res.stdout.strip()
        ward_data = tmp_path / ("ward-" + WARD)

        def assigned_team():
            shown = xk("case", "show", request_id, "--dispatcher", d.endpoint, "--keys", keys, "--json")
            return shown.returncode == 0 and json.loads(shown.stdout).get("team")
        team = wait_until(assigned_team, 20, "the ward assigns the case to a team")

        # Nothing personal in any file of either data folder, in any encoding (the WAL and key files included).
        for folder in (data, ward_data):
            assert leaks(folder, NAME, PHONE, NOTE) == [], "personal data in plain bytes under %s" % folder
            assert stat.S_IMODE(os.stat(str(folder)).st_mode) == 0o700, folder
            for name in os.listdir(str(folder)):
                mode = stat.S_IMODE(os.stat(str(folder / name)).st_mode)
                assert mode == 0o600, "%s/%s is %o, not owner-only" % (folder, name, mode)

        # Masked for an intake key; revealed for the assigned team with its ward's key, and audited.
        masked = xk("case", "show", request_id, "--dispatcher", d.endpoint, "--keys", keys, "--identity", "intake")
        assert masked.returncode == 0, masked.stderr
        assert PHONE not in masked.stdout and "091****678" in masked.stdout and NAME not in masked.stdout, masked.stdout
        assert "attempts 1" in masked.stdout and "help submit_dossier" in masked.stdout, masked.stdout
        refused = xk("case", "show", request_id, "--reveal", "--dispatcher", d.endpoint, "--keys", keys,
                     "--identity", "intake")
        assert refused.returncode != 0 and PHONE not in refused.stdout, refused.stdout
        revealed = xk("case", "show", request_id, "--reveal", "--team", team, "--dispatcher", d.endpoint, "--keys", keys)
        assert revealed.returncode == 0, revealed.stderr
        assert "tel:" + PHONE in revealed.stdout and NAME in revealed.stdout and NOTE in revealed.stdout, revealed.stdout
        audit = xk("audit", "--data", data, "--json")
        entries = [json.loads(line) for line in audit.stdout.splitlines()]
        assert [(e["action"], e["who"], e["requests"]) for e in entries] == [("reveal", "ward-" + WARD, [request_id])], entries
        # Another ward's key cannot, even naming the right team; nor can the right ward name a wrong team.
        other = xk("case", "show", request_id, "--reveal", "--team", team, "--dispatcher", d.endpoint, "--keys", keys,
                   "--identity", "ward-00241")
        assert other.returncode != 0 and PHONE not in other.stdout and "not one of its cases" in other.stderr, other.stderr
        wrong = xk("case", "show", request_id, "--reveal", "--team", WARD + "-T99", "--dispatcher", d.endpoint,
                   "--keys", keys)
        assert wrong.returncode != 0 and PHONE not in wrong.stdout, wrong.stdout
        assert len(xk("audit", "--data", data, "--json").stdout.splitlines()) == 1, "a refused reveal was audited as one"

        # An officer erases the citizen: the dispatcher's copy at once, the ward's by notice over its connection.
        erase = xk("citizen", "erase", "--phone", "+84 912 345 678", "--dispatcher", d.endpoint, "--keys", keys)
        assert erase.returncode == 0, erase.stderr
        assert "%s: erased; wards told: %s" % (request_id, WARD) in erase.stdout, erase.stdout

        def ward_erased():
            out = xk("audit", "--data", ward_data, "--json").stdout
            return any(json.loads(line)["action"] == "erase-notice" for line in out.splitlines())
        wait_until(ward_erased, 15, "the ward's worker erases its copy")
        after = xk("case", "show", request_id, "--reveal", "--team", team, "--dispatcher", d.endpoint, "--keys", keys)
        assert after.returncode == 0 and "personal data erased" in after.stdout and PHONE not in after.stdout, after.stdout
        listed = xk("cases", "--ward", WARD, "--control", "ipc://%s/%s.ipc" % (tmp_path, WARD), "--json")
        assert listed.returncode == 0 and PHONE not in listed.stdout and "Lan" not in listed.stdout, listed.stdout
        assert [json.loads(l)["action"] for l in xk("audit", "--data", data, "--json").stdout.splitlines()] \
            == ["reveal", "erase-citizen", "reveal"], "every reveal is on record, even of erased data"
    finally:
        worker.signal(signal.SIGTERM)
        worker.wait(10)
    # With both stopped, the files are read whole: still nothing, and the key rotation keeps every record.
    d.stop()
    for folder in (data, tmp_path / ("ward-" + WARD)):
        assert leaks(folder, NAME, PHONE, NOTE) == []
        rotated = xk("privacy", "rotate-key", "--data", folder)
        assert rotated.returncode == 0 and "older keys dropped" in rotated.stdout, rotated.stdout + rotated.stderr


def test_a_second_process_on_a_data_folder_is_refused_and_names_the_first(dispatcher, tmp_path):
    data = tmp_path / "d"
    d = dispatcher("--data", data)
    again = xk("dispatcher", "--config", CONFIG, "--endpoint", "tcp://127.0.0.1:%d" % free_port(), "--data", data,
               timeout=20)
    assert again.returncode != 0 and "in use by another process" in again.stderr and "xk dispatcher" in again.stderr, \
        again.stderr
    rotate = xk("privacy", "rotate-key", "--data", data)
    assert rotate.returncode != 0 and "in use" in rotate.stderr, rotate.stderr
    d.check_alive()


def test_erasure_leaves_the_statistics_as_they_were(dispatcher, tmp_path):
    events_ep = "tcp://127.0.0.1:%d" % free_port()
    d = dispatcher("--data", tmp_path / "d", "--events", events_ep)
    worker = start_worker(tmp_path, d.endpoint, WARD, simulate=True)
    stats_ep = "tcp://127.0.0.1:%d" % free_port()
    coordinator = start_coordinator(d.endpoint, events_ep, "sqlite:" + str(tmp_path / "stats.sqlite"), stats_ep)
    try:
        ids = []
        # Six requests from five citizens: groups under five are suppressed in the statistics.
        for phone in (PHONE, PHONE, "0987654321", "0987654322", "0987654323", "0987654324"):
            res = xk("enqueue", "--dispatcher", d.endpoint, "--ward", WARD, "--procedure", "1.001193",
                     "--name", NAME, "--phone", phone, "--consent")
            assert res.returncode == 0, res.stderr
            ids.append(res.stdout.strip())

        def status(request_id):
            return json.loads(xk("status", request_id, "--dispatcher", d.endpoint, "--json").stdout)
        wait_all_resolved(status, ids)

        def stats():
            out = xk("stats", "--coordinator", stats_ep, "--by", "ward", "--format", "json")
            return json.loads(out.stdout) if out.returncode == 0 else None

        def counted():
            rows = (stats() or {}).get("rows", [])
            return rows if sum(r.get("resolved") or 0 for r in rows) == 6 else None
        before = wait_until(counted, 30, "the coordinator counts the six requests resolved")
        assert sum(r.get("citizens") or 0 for r in before) == 5, before
        erase = xk("citizen", "erase", "--phone", PHONE, "--dispatcher", d.endpoint)
        assert erase.returncode == 0 and erase.stdout.count(": erased") == 2, erase.stdout + erase.stderr
        verify = xk("stats", "verify", "--coordinator", stats_ep, "--config", CONFIG, "--dispatcher", d.endpoint)
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert stats()["rows"] == before, "the statistics changed with an erasure"
        for request_id in ids:
            assert status(request_id)["state"] == "RESOLVED"
    finally:
        for process in (coordinator, worker):
            process.signal(signal.SIGTERM)
            process.wait(10)
