"""RFC 18 and MDP/0.1 peers, and all three dialects through one dispatcher."""

import threading

import pytest

from mdp_peers import (Mdp01Client, MajortomoClientAdapter, Rfc18Client, ThreadWorker, expected_reply,
                       wait_for_mmi)


def test_rfc18_client_and_worker(dispatcher):
    d = dispatcher()
    service = b"ward.00286"
    with ThreadWorker(d.endpoint, service, "rfc18", tag=b"rfc") as worker:
        wait_for_mmi(d.endpoint, service)
        with Rfc18Client(d.endpoint) as client:
            for i in range(8):
                body = [b"case-%d" % i, b"\x00\xffbinary", b""]
                # request() checks that every reply names the service asked for.
                partials, final = client.request(service, *body)
                assert partials == [[b"rfc", b"partial-1"], [b"rfc", b"partial-2"]], "request %d" % i
                assert final == [b"rfc", b"final"] + body, "request %d" % i
        assert worker.errors == []
        assert [r.body for r in worker.requests] == [[b"case-%d" % i, b"\x00\xffbinary", b""] for i in range(8)]
        # The client address the worker sees is the dispatcher's opaque 8-byte delivery id.
        addresses = [r.address for r in worker.requests]
        assert all(len(a) == 8 for a in addresses), addresses
        assert len(set(addresses)) == len(addresses), "delivery ids repeat: %r" % addresses
    d.check_alive()


def test_rfc18_client_with_requests_in_flight_for_two_services(dispatcher):
    """An RFC 18 client may have several requests out; replies name their service."""
    d = dispatcher()
    with ThreadWorker(d.endpoint, b"ward.00286", "rfc18", tag=b"A"), \
            ThreadWorker(d.endpoint, b"ward.00289", "rfc18", tag=b"B"):
        wait_for_mmi(d.endpoint, b"ward.00286")
        wait_for_mmi(d.endpoint, b"ward.00289")
        with Rfc18Client(d.endpoint) as client:
            client.send(b"ward.00286", b"one")
            client.send(b"ward.00289", b"two")
            finals = {}
            while len(finals) < 2:
                reply = client.recv(10)
                assert reply.service in (b"ward.00286", b"ward.00289"), reply
                if reply.final:
                    finals[reply.service] = reply.body
        assert finals == {b"ward.00286": [b"A", b"final", b"one"], b"ward.00289": [b"B", b"final", b"two"]}
    d.check_alive()


@pytest.mark.parametrize("use_req", [True, False], ids=["REQ-client", "DEALER-client"])
def test_mdp01_client_and_worker(dispatcher, use_req):
    d = dispatcher()
    service = b"ward.00286"
    with ThreadWorker(d.endpoint, service, "mdp01", tag=b"zg") as worker:
        wait_for_mmi(d.endpoint, service)
        with Mdp01Client(d.endpoint, use_req=use_req) as client:
            for i in range(8):
                body = [b"case-%d" % i, b"payload"]
                partials, final = client.request(service, *body)  # checks the service frame
                assert partials == []
                assert final == [b"zg", b"final"] + body
        assert worker.errors == []
        assert len(worker.requests) == 8
    d.check_alive()


@pytest.mark.parametrize("worker_dialect", ["rfc18", "majortomo"])
def test_mdp01_client_gets_only_the_final_of_a_partial_worker(dispatcher, worker_process, worker_dialect):
    d = dispatcher()
    service = "ward.00286"
    worker_process(worker_dialect, d.endpoint, service, tag="p")
    wait_for_mmi(d.endpoint, service.encode())
    with Mdp01Client(d.endpoint) as client:
        for i in range(3):
            partials, final = client.request(service.encode(), b"case-%d" % i)
            assert (partials, final) == ([], [b"p", b"final", b"case-%d" % i])
    d.check_alive()


WORKERS = [("rfc18", b"ward.00286", b"W-rfc18"), ("majortomo", b"ward.00289", b"W-majortomo"),
           ("mdp01", b"ward.00277", b"W-mdp01")]


@pytest.mark.parametrize("layout", ["service-per-worker", "shared-service"])
def test_three_dialects_at_once(dispatcher, worker_process, layout):
    d = dispatcher()
    shared = b"ward.00298"
    services = {}
    thread_workers = []
    try:
        for dialect, service, tag in WORKERS:
            if layout == "shared-service":
                service = shared
            services[tag] = service
            if dialect == "majortomo":
                worker_process("majortomo", d.endpoint, service.decode(), tag=tag.decode())
            else:
                thread_workers.append(ThreadWorker(d.endpoint, service, dialect, tag=tag).start())
        for service in set(services.values()):
            wait_for_mmi(d.endpoint, service)

        worker_dialect = {tag: dialect for dialect, _, tag in WORKERS}
        failures = []
        answered = []
        lock = threading.Lock()

        def run(client_dialect):
            try:
                if client_dialect == "rfc18":
                    client = Rfc18Client(d.endpoint)
                elif client_dialect == "majortomo":
                    client = MajortomoClientAdapter(d.endpoint)
                else:
                    client = Mdp01Client(d.endpoint)
                with client:
                    for round_ in range(3):
                        for target_tag, service in sorted(services.items()):
                            body = [b"from-" + client_dialect.encode(), b"to-" + target_tag, b"r%d" % round_]
                            partials, final = client.request(service, *body)
                            tag = final[0] if final else None
                            if tag not in worker_dialect:
                                raise AssertionError("%s client: final %r has no worker tag" % (client_dialect, final))
                            if layout == "service-per-worker" and tag != target_tag:
                                raise AssertionError("%s client asked %r, answered by %r"
                                                     % (client_dialect, service, tag))
                            want = expected_reply(tag, worker_dialect[tag], client_dialect, body)
                            if (partials, final) != want:
                                raise AssertionError("%s client, worker %r: got %r, want %r"
                                                     % (client_dialect, tag, (partials, final), want))
                            with lock:
                                answered.append((client_dialect, tag))
            except Exception as exc:
                with lock:
                    failures.append("%s client: %r" % (client_dialect, exc))

        threads = [threading.Thread(target=run, args=(c,)) for c in ("rfc18", "majortomo", "mdp01")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not any(t.is_alive() for t in threads), "clients still running after 60 s"
        assert failures == []
        assert len(answered) == 3 * 3 * 3
        if layout == "service-per-worker":
            # Every client reached every worker.
            assert set(answered) == {(c, t) for c in ("rfc18", "majortomo", "mdp01") for _, _, t in WORKERS}
        for w in thread_workers:
            assert w.errors == []
    finally:
        for w in thread_workers:
            w.close()
    d.check_alive()
