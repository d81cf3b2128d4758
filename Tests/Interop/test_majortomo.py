"""majortomo 0.2.0's own Client and Worker talk through `xk dispatcher`."""

import threading

import majortomo

from mdp_peers import wait_for_mmi

SERVICE = b"ward.00286"


def expected(tag, body):
    return [[tag, b"partial-1"], [tag, b"partial-2"], [tag, b"final"] + list(body)]


def test_majortomo_client_and_worker_partial_and_final(dispatcher, worker_process):
    d = dispatcher()
    # majortomo's default worker heartbeat (2.5 s) against the dispatcher's default interval.
    worker = worker_process("majortomo", d.endpoint, SERVICE.decode(), tag="mt", heartbeat=2.5)
    wait_for_mmi(d.endpoint, SERVICE, dialect="majortomo")

    with majortomo.Client(d.endpoint) as client:
        for i in range(6):
            body = [b"case-%d" % i, ("Bạch Mai hồ sơ %d" % i).encode("utf-8")]
            client.send(SERVICE, *body)
            parts = list(client.recv_all(timeout=10))
            assert parts == expected(b"mt", body), "request %d" % i
            worker.expect_line("GOT case-%d|" % i)
        # The flat form, as majortomo users usually read replies.
        client.send(SERVICE, b"flat")
        assert client.recv_all_as_list(timeout=10) == [b"mt", b"partial-1", b"mt", b"partial-2",
                                                       b"mt", b"final", b"flat"]
        # Part by part: two partials, then the final, then nothing more expected.
        client.send(SERVICE, b"by-part")
        assert client.recv_part(timeout=10) == [b"mt", b"partial-1"]
        assert client.recv_part(timeout=10) == [b"mt", b"partial-2"]
        assert client.recv_part(timeout=10) == [b"mt", b"final", b"by-part"]
        assert client.recv_part(timeout=10) is None
    d.check_alive()


def test_majortomo_many_clients_two_workers(dispatcher, worker_process):
    """Concurrent majortomo clients each get exactly their own replies."""
    d = dispatcher()
    for tag in ("w1", "w2"):
        worker_process("majortomo", d.endpoint, SERVICE.decode(), tag=tag, heartbeat=1.0)
    wait_for_mmi(d.endpoint, SERVICE, dialect="majortomo")

    failures = []
    lock = threading.Lock()

    def run_client(n):
        try:
            with majortomo.Client(d.endpoint) as client:
                for i in range(5):
                    body = [b"client-%d" % n, b"req-%d" % i]
                    client.send(SERVICE, *body)
                    parts = list(client.recv_all(timeout=10))
                    tag = parts[-1][0] if parts and parts[-1] else None
                    if tag not in (b"w1", b"w2") or parts != expected(tag, body):
                        raise AssertionError("client %d request %d got %r" % (n, i, parts))
        except Exception as exc:
            with lock:
                failures.append("client %d: %r" % (n, exc))

    threads = [threading.Thread(target=run_client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "clients still running after 60 s"
    assert failures == []
    d.check_alive()
