"""A burst of malformed, truncated, misaddressed and oversized messages against a running dispatcher.

Afterwards the dispatcher must still run, must not have relayed any of it to a worker or a client,
must have disconnected workers that sent a second READY, and must still serve valid peers.
"""

import os
import random
import threading

import zmq
from zmq.utils.monitor import recv_monitor_message

from mdp_peers import (DIALECTS, MDPC01, MDPC02, MDPW01, MDPW02, W02_FINAL, W02_PARTIAL, MajortomoClientAdapter,
                       MajortomoWireClient, Mdp01Client, PeerTimeout, Rfc18Client, ThreadWorker, make_socket,
                       recv_frames, show, wait_for_mmi)

SERVICE = b"ward.00286"
HEADERS = (MDPC01, MDPC02, MDPW01, MDPW02)
BAD_HEADERS = (b"MDPC03", b"MDPW03", b"mdpc02", b"mdpw02", b"MDPW0", b"MDPC", b"MDPW02 ", b"\x00MDPC02",
               b"MDPX02", b"MDPC02MDPC02", b"MDPW01\x00", b"\xff" * 6)
# Every DISCONNECT the dispatcher may send to a peer that sent garbage, in the three dialects.
DISCONNECTS = ([MDPW02, b"\x06"], [b"", MDPW02, b"\x06"], [b"", MDPW01, b"\x05"])
LIMIT = 4 << 20


def rbytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def g_random(rng):
    frames = [rbytes(rng, rng.choice((0, 1, 2, 5, 6, 7, 12, 40))) for _ in range(rng.randrange(1, 9))]
    # Keep it garbage: never a real header where the dispatcher looks for one.
    if frames[0] in HEADERS:
        frames[0] = b"x" + frames[0]
    if frames[0] == b"" and len(frames) > 1 and frames[1] in HEADERS:
        frames[1] = b"x" + frames[1]
    return frames


TRUNCATED = [
    [MDPW02], [MDPC02], [MDPC02, b"\x01"], [b"", MDPC02], [b"", MDPC02, b"\x02"], [b"", MDPC01], [b""],
    [b"", b""], [MDPW02, b"\x01"], [b"", MDPW02, b"\x01"], [b"", MDPW01, b"\x01"], [b"", MDPW01],
    [MDPW02, b"\x03"], [MDPW02, b"\x04"], [MDPW02, b"\x04", b"\x00" * 8], [b"", MDPW02, b"\x03", b"abcdefgh"],
    [b"", MDPW01, b"\x03"], [b"", MDPW01, b"\x03", b"abcdefgh"], [MDPC02, b""], [MDPW02, b""],
    [MDPC02, b"\x01", b""], [b"", MDPC02, b"\x02", b""], [b"", MDPC01, b""], [b"", MDPC01, b"", b"garbage"],
    [MDPW02, b"\x01", b""], [b"", MDPW01, b"\x01", b""],
]


def g_truncated(rng):
    return list(rng.choice(TRUNCATED))


def g_wrong_header(rng):
    svc, body = SERVICE, b"garbage-wrong-header"
    header = rng.choice(BAD_HEADERS)
    return rng.choice([
        [header, b"\x01", svc, body],
        [b"", header, b"\x02", svc, body],
        [b"", header, svc, body],
        [header, b"\x01", svc],
        [MDPC01, svc, body],                   # MDP/0.1 without its empty frame
        [MDPW01, b"\x01", svc],                # MDP/0.1 worker without its empty frame
        [b"", b"", MDPC02, b"\x02", svc, body],
        [b"", b"", MDPC01, svc, body],
        [svc, MDPC02, b"\x01", body],
    ])


def g_unknown_command(rng):
    svc, body = SERVICE, b"garbage-unknown-command"
    x = bytes([rng.choice([0, 2] + list(range(7, 256)))])       # not a worker command a broker accepts
    x01 = bytes([rng.choice([0, 2] + list(range(6, 256)))])     # same for MDPW01
    c18 = bytes([rng.choice([0] + list(range(2, 256)))])        # not RFC 18's client REQUEST
    cmt = bytes([rng.choice([0, 1] + list(range(3, 256)))])     # not majortomo's client REQUEST
    return rng.choice([
        [MDPW02, x, svc], [MDPW02, x], [b"", MDPW02, x, svc], [b"", MDPW01, x01, svc],
        [MDPC02, c18, svc, body], [b"", MDPC02, cmt, svc, body],
        [MDPW02, b"\x01\x00", svc], [MDPW02, b"\x05\x05"], [MDPC02, b"\x01\x01", svc, body],
        [MDPC02, b"", svc, body], [b"", MDPC02, b"\x02\x00", svc, body], [b"", MDPW01, b"", svc],
    ])


def bogus_address(rng):
    n = rng.choice((1, 3, 7, 8, 9, 16))
    return b"\xfe" + rbytes(rng, n - 1)  # never a small delivery id the dispatcher hands out


def g_bogus_reply(rng):
    addr, body = bogus_address(rng), b"garbage-bogus-reply"
    return rng.choice([
        [MDPW02, rng.choice((W02_PARTIAL, W02_FINAL)), addr, b"", body],
        [b"", MDPW02, rng.choice((W02_PARTIAL, W02_FINAL)), addr, b"", body],
        [b"", MDPW01, b"\x03", addr, b"", body],
        [MDPW02, W02_FINAL, addr, b"not-empty", body],
        [MDPW02, W02_FINAL, b"", b"", body],
        [b"", MDPW01, b"\x03", b"", b"", body],
    ])


def g_stranger_commands(rng):
    """Valid commands that no peer may send before READY (or that name a reserved service)."""
    return list(rng.choice([
        [MDPW02, b"\x05"], [b"", MDPW02, b"\x05"], [b"", MDPW01, b"\x04"],
        [MDPW02, b"\x06"], [b"", MDPW02, b"\x06"], [b"", MDPW01, b"\x05"],
        [MDPW02, b"\x01", b"mmi.service"], [b"", MDPW01, b"\x01", b"mmi.garbage"],
    ]))


GENERATORS = [g_random, g_random, g_truncated, g_wrong_header, g_unknown_command, g_unknown_command,
              g_bogus_reply, g_stranger_commands]


def drain(sock, received):
    while True:
        try:
            received.append(sock.recv_multipart(zmq.NOBLOCK))
        except zmq.Again:
            return


def test_garbage_burst(dispatcher):
    d = dispatcher()
    ep = d.endpoint
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    context = "random seed %d" % seed

    valid = ThreadWorker(ep, SERVICE, "rfc18", tag=b"valid").start()
    victims = {}
    garbage_socks = []
    big_socks = []
    monitors = []
    try:
        wait_for_mmi(ep, SERVICE)
        # One registered worker per dialect, each on its own service, to receive a second READY.
        for dialect, service in zip(DIALECTS, (b"ward.00289", b"ward.00292", b"ward.00295")):
            victims[dialect] = ThreadWorker(ep, service, dialect).start()
            wait_for_mmi(ep, service)

        garbage_socks = [make_socket(zmq.DEALER, ep) for _ in range(8)]
        big_socks = [make_socket(zmq.DEALER, ep) for _ in range(3)]
        monitors = [s.get_monitor_socket(zmq.EVENT_CONNECTED | zmq.EVENT_DISCONNECTED) for s in big_socks]
        received = [[] for _ in garbage_socks]

        # Valid traffic while the burst runs, including a 1 MiB body (within the limit) both ways.
        traffic_errors = []
        traffic_done = threading.Event()
        blob = os.urandom(1 << 20)

        def valid_traffic():
            try:
                with Rfc18Client(ep) as c18, MajortomoWireClient(ep) as cmt, Mdp01Client(ep) as c01:
                    for i in range(15):
                        for client in (c18, cmt, c01):
                            body = [b"valid-%s-%d" % (client.dialect.encode(), i)]
                            partials, final = client.request(SERVICE, *body, timeout=15)
                            want_partials = [] if client.dialect == "mdp01" else \
                                [[b"valid", b"partial-1"], [b"valid", b"partial-2"]]
                            assert (partials, final) == (want_partials, [b"valid", b"final"] + body), client.dialect
                        if i == 5:
                            partials, final = c18.request(SERVICE, b"valid-big", blob, timeout=20)
                            assert final[:3] == [b"valid", b"final", b"valid-big"]
                            assert final[3] == blob, "1 MiB body came back altered (%d bytes)" % len(final[3])
            except Exception as exc:
                traffic_errors.append(repr(exc))
            finally:
                traffic_done.set()

        traffic = threading.Thread(target=valid_traffic, daemon=True)
        traffic.start()

        sent = 0
        for round_ in range(1000):
            for i, sock in enumerate(garbage_socks):
                sock.send_multipart(rng.choice(GENERATORS)(rng))
                sent += 1
                drain(sock, received[i])
            if round_ % 25 == 0:
                # The valid, registered worker answers deliveries it never got.
                addr = bogus_address(rng)
                valid.send_command(W02_PARTIAL, addr, b"", b"garbage-stale-partial")
                valid.send_command(W02_FINAL, addr, b"", b"garbage-stale-final")
                sent += 2
            if round_ == 100:
                for v in victims.values():
                    v.send_command(v.READY, v.service)  # a second READY from a registered worker
                    sent += 1
            if round_ == 400:
                big = b"\x00" * (8 << 20)  # twice the 4 MiB limit: libzmq drops these connections
                big_socks[0].send_multipart([MDPC02, b"\x01", SERVICE, b"garbage-big", big])
                big_socks[1].send_multipart([b"", MDPC02, b"\x02", SERVICE, b"garbage-big", big])
                big_socks[2].send_multipart([b"", MDPC01, SERVICE, b"garbage-big", big])
                sent += 3
        assert sent > 8000

        # Each garbage socket asks mmi.service last: once answered, the dispatcher has read all that
        # socket sent before (ordering per connection), and it answered nothing but DISCONNECTs.
        for i, sock in enumerate(garbage_socks):
            sock.send_multipart([MDPC02, b"\x01", b"mmi.service", SERVICE])
            while True:
                try:
                    frames = recv_frames(sock, 20, "mmi reply on garbage socket %d" % i)
                except PeerTimeout as exc:
                    d.check_alive()
                    raise AssertionError("%s (%s)" % (exc, context))
                if frames[:2] == [MDPC02, b"\x03"]:
                    assert frames == [MDPC02, b"\x03", b"mmi.service", b"200"], context
                    break
                received[i].append(frames)
            unexpected = [show(m) for m in received[i] if m not in DISCONNECTS]
            assert unexpected == [], "garbage socket %d got more than DISCONNECTs (%s)" % (i, context)

        # The oversized messages cost their senders the connection (the dispatcher's side closed it).
        for i, mon in enumerate(monitors):
            events = []
            while zmq.EVENT_DISCONNECTED not in events:
                try:
                    events.append(recv_monitor_message(mon)["event"]
                                  if mon.poll(10000) else None)
                except Exception as exc:
                    raise AssertionError("monitor of big socket %d: %r" % (i, exc))
                assert events[-1] is not None, \
                    "connection of big socket %d not dropped after 8 MiB (events %r)" % (i, events)
        assert traffic_done.wait(60), "valid traffic did not finish within 60 s (%s)" % context
        assert traffic_errors == [], context
        d.check_alive()

        # Each worker that sent a second READY got DISCONNECT in its dialect, and was forgotten.
        for dialect, v in victims.items():
            v.wait_disconnected(10)
            assert v.errors == [], dialect
            wait_for_mmi(ep, v.service, expected=b"404", timeout=5)

        # A fresh client in every dialect is still served by the valid worker.
        for client in (Rfc18Client(ep), MajortomoClientAdapter(ep), Mdp01Client(ep), Mdp01Client(ep, True)):
            with client:
                partials, final = client.request(SERVICE, b"valid-after-" + client.dialect.encode(), timeout=15)
                assert final == [b"valid", b"final", b"valid-after-" + client.dialect.encode()], context

        assert d.proc.poll() is None, "dispatcher exited"
        # Nothing of the burst reached the valid worker: it saw valid requests only, none oversized.
        assert not valid.disconnected.is_set(), "the valid worker was disconnected (%s)" % context
        assert valid.errors == [], context
        odd = [show(r.body) for r in valid.requests
               if not (r.body and r.body[0].startswith(b"valid-")) or sum(map(len, r.body)) > LIMIT]
        assert odd == [], "garbage reached the worker (%s)" % context
        assert len(valid.requests) == 15 * 3 + 1 + 4
    finally:
        for s in big_socks:
            s.disable_monitor()
        for s in garbage_socks + big_socks + monitors:
            s.close(0)
        for v in victims.values():
            v.close()
        valid.close()


def test_multipart_message_over_the_limit_is_dropped_not_relayed(dispatcher):
    """libzmq's MAXMSGSIZE limits single frames; the dispatcher holds whole messages to the same limit."""
    d = dispatcher("--max-message-size", str(1 << 20))
    with ThreadWorker(d.endpoint, SERVICE, "rfc18") as worker:
        wait_for_mmi(d.endpoint, SERVICE)
        big = b"x" * (600 << 10)  # each frame under the 1 MiB limit, the message over it
        with Rfc18Client(d.endpoint) as client:
            client.send(SERVICE, big, big)
            try:
                reply = client.recv(timeout=1.5)
                raise AssertionError("an over-limit message was answered: %r" % (reply,))
            except PeerTimeout:
                pass
            assert not worker.requests, "the over-limit message reached the worker"
            _, final = client.request(SERVICE, b"small", timeout=10.0)
            assert final and final[-1].endswith(b"small"), final
    assert d.alive()
