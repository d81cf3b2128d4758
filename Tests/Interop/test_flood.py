"""No request may stall the dispatcher's loop: while an anonymous client floods it with pipelined oversized and
malformed submissions, a heartbeating ward worker is never dropped, and a normal request still reaches it."""

import json
import time

import zmq

WARD = "00286"
NOTE = "x" * 4_000_000


def submission(note):
    return json.dumps({"ward": WARD, "procedure": "1.001193", "helpType": "submit_dossier", "channel": "walk_in",
                       "note": note}).encode()


def test_heartbeating_workers_survive_a_flood_of_oversized_and_malformed_submissions(dispatcher, worker_process, tmp_path):
    d = dispatcher("--data", tmp_path / "d", "--heartbeat-interval", "0.25", "--heartbeat-liveness", "3")
    worker = worker_process("rfc18", d.endpoint, "ward." + WARD, heartbeat=0.25)
    time.sleep(1.0)
    flooder = zmq.Context.instance().socket(zmq.DEALER)
    flooder.setsockopt(zmq.LINGER, 0)
    flooder.setsockopt(zmq.SNDTIMEO, 5000)
    flooder.connect(d.endpoint)
    big = submission(NOTE)
    started = time.time()
    for _ in range(3):
        for _ in range(4):
            flooder.send_multipart([b"MDPC02", b"\x01", b"xk.submit", big])
        # Under the size limit too: deep nesting, escapes, a long note (each parsed, each bounded).
        for garbage in (b"{" * 100_000, b"\xff" * 1_000_000, b'{"note": "' + b"\\u0041" * 500_000 + b'"}',
                        b"[" * 16_000, b'{"note": "' + b"\\u00e1" * 2_500 + b'"}', submission("á" * 7_000)):
            flooder.send_multipart([b"MDPC02", b"\x01", b"xk.submit", garbage])
    answers = 0
    while answers < 30 and flooder.poll(30_000):
        flooder.recv_multipart()
        answers += 1
    took = time.time() - started
    assert answers == 30, "only %d of 30 flood submissions were answered" % answers
    # A normal request still gets through to the worker, which was never dropped.
    res = zmq.Context.instance().socket(zmq.DEALER)
    res.setsockopt(zmq.LINGER, 0)
    res.connect(d.endpoint)
    res.send_multipart([b"MDPC02", b"\x01", b"xk.submit", submission("gọi sau 9 giờ")])
    assert res.poll(10_000), "a normal submission after the flood was not answered"
    reply = json.loads(res.recv_multipart()[-1])
    assert "id" in reply, reply
    assert worker.wait_for_line("GOT", timeout=10), "the worker never got the normal request"
    removed = [line for line in d.text("stderr").splitlines() if "worker removed" in line or "worker expired" in line]
    assert removed == [], "a heartbeating worker was dropped during a %.1f s flood:\n%s" % (took, "\n".join(removed))
    d.check_alive()
