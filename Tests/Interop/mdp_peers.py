"""Small pyzmq Majordomo peers for the interop suite, one per dialect the dispatcher speaks.

Dialects (see /work/shared/protocol.md):

* ``rfc18``     MDP/0.2 as written in RFC 18: no leading empty frame. Client REQUEST is
                ``[MDPC02, 0x01, service, body...]``; replies are ``[MDPC02, 0x02|0x03, service, body...]``.
* ``majortomo`` majortomo 0.2.0 on the wire: every message led by ``b""``; client REQUEST is
                ``["", MDPC02, 0x02, service, body...]``; replies ``["", MDPC02, 0x03|0x04, body...]``.
* ``mdp01``     MDP/0.1 (zguide): ``["", MDPC01, service, body...]`` both ways; workers use MDPW01 with
                READY 1, REQUEST 2, REPLY 3, HEARTBEAT 4, DISCONNECT 5; no partial replies.

Every receive takes a timeout and raises ``PeerTimeout`` (an AssertionError) when it expires, and every
frame a peer receives is checked against its dialect; anything else raises ``ProtocolViolation`` with
the frames that came, so a test fails with what the dispatcher actually sent.
"""

import queue
import threading
import time

import zmq

MDPC01 = b"MDPC01"
MDPC02 = b"MDPC02"
MDPW01 = b"MDPW01"
MDPW02 = b"MDPW02"

DIALECTS = ("rfc18", "majortomo", "mdp01")

# Worker command bytes, per worker header.
W02_READY, W02_REQUEST, W02_PARTIAL, W02_FINAL, W02_HEARTBEAT, W02_DISCONNECT = (bytes([i]) for i in range(1, 7))
W01_READY, W01_REQUEST, W01_REPLY, W01_HEARTBEAT, W01_DISCONNECT = (bytes([i]) for i in range(1, 6))


class PeerTimeout(AssertionError):
    pass


class ProtocolViolation(AssertionError):
    pass


def show(frames, limit=80):
    """Frames as a short, readable list for assertion messages."""
    out = []
    for f in frames:
        out.append(repr(f[:limit]) + ("...(%d bytes)" % len(f) if len(f) > limit else ""))
    return "[" + ", ".join(out) + "]"


def ctx():
    return zmq.Context.instance()


def make_socket(kind, endpoint, identity=None):
    sock = ctx().socket(kind)
    sock.setsockopt(zmq.LINGER, 0)
    if identity is not None:
        sock.setsockopt(zmq.IDENTITY, identity)
    sock.connect(endpoint)
    return sock


def recv_frames(sock, timeout, what="a message"):
    """One multipart message from `sock`, or PeerTimeout after `timeout` seconds."""
    if sock.poll(int(timeout * 1000), zmq.POLLIN) == 0:
        raise PeerTimeout("no %s within %.1f s" % (what, timeout))
    return sock.recv_multipart()


# --------------------------------------------------------------------------------------------- clients


class Reply(object):
    """One reply message as a client saw it."""

    def __init__(self, final, service, body):
        self.final = final
        self.service = service  # None for majortomo, which carries no service in replies
        self.body = body

    def __repr__(self):
        return "Reply(final=%r, service=%r, body=%s)" % (self.final, self.service, show(self.body))


class _Client(object):
    dialect = None

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.sock = make_socket(zmq.DEALER, endpoint)

    def close(self):
        if self.sock is not None:
            self.sock.close(0)
            self.sock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, service, *body):
        raise NotImplementedError

    def parse(self, frames):
        raise NotImplementedError

    def recv(self, timeout=10.0):
        frames = recv_frames(self.sock, timeout, "reply for %s client" % self.dialect)
        return self.parse(frames)

    def request(self, service, *body, **kw):
        """Sends one request and reads its replies up to the final one.

        Returns (partials, final): a list of partial bodies and the final body. Checks the service
        frame of each reply where the dialect carries one.
        """
        timeout = kw.get("timeout", 10.0)
        self.send(service, *body)
        return self.collect(service, timeout)

    def collect(self, service, timeout=10.0):
        """Reads the replies to a request for `service` up to the final one: (partials, final)."""
        partials = []
        while True:
            reply = self.recv(timeout)
            if reply.service is not None and reply.service != service:
                raise ProtocolViolation("%s client asked %r, reply names service %r: %r"
                                        % (self.dialect, service, reply.service, reply))
            if reply.final:
                return partials, reply.body
            partials.append(reply.body)


class Rfc18Client(_Client):
    dialect = "rfc18"

    def send(self, service, *body):
        self.sock.send_multipart([MDPC02, b"\x01", service] + list(body))

    def parse(self, frames):
        if len(frames) < 3 or frames[0] != MDPC02 or frames[1] not in (b"\x02", b"\x03"):
            raise ProtocolViolation("RFC 18 client expected [MDPC02, 0x02|0x03, service, body...], got "
                                    + show(frames))
        return Reply(frames[1] == b"\x03", frames[2], frames[3:])


class MajortomoWireClient(_Client):
    """majortomo's client dialect written by hand (the tests use the real majortomo.Client as well)."""
    dialect = "majortomo"

    def send(self, service, *body):
        self.sock.send_multipart([b"", MDPC02, b"\x02", service] + list(body))

    def parse(self, frames):
        if len(frames) < 3 or frames[0] != b"" or frames[1] != MDPC02 or frames[2] not in (b"\x03", b"\x04"):
            raise ProtocolViolation("majortomo client expected ['', MDPC02, 0x03|0x04, body...], got "
                                    + show(frames))
        return Reply(frames[2] == b"\x04", None, frames[3:])


class Mdp01Client(_Client):
    """zguide-style MDP/0.1 client: a REQ socket (mdcliapi) or a DEALER with the empty frame (mdcliapi2)."""
    dialect = "mdp01"

    def __init__(self, endpoint, use_req=False):
        self.endpoint = endpoint
        self.use_req = use_req
        self.sock = make_socket(zmq.REQ if use_req else zmq.DEALER, endpoint)

    def send(self, service, *body):
        head = [] if self.use_req else [b""]
        self.sock.send_multipart(head + [MDPC01, service] + list(body))

    def parse(self, frames):
        if not self.use_req:
            if not frames or frames[0] != b"":
                raise ProtocolViolation("MDP/0.1 client expected a leading empty frame, got " + show(frames))
            frames = frames[1:]
        if len(frames) < 2 or frames[0] != MDPC01:
            raise ProtocolViolation("MDP/0.1 client expected [MDPC01, service, body...], got " + show(frames))
        return Reply(True, frames[1], frames[2:])


class MajortomoClientAdapter(object):
    """The real majortomo 0.2.0 Client behind the same request() interface."""
    dialect = "majortomo"

    def __init__(self, endpoint):
        import majortomo
        self.client = majortomo.Client(endpoint)
        self.client.connect()

    def send(self, service, *body):
        self.client.send(service, *body)

    def request(self, service, *body, **kw):
        timeout = kw.get("timeout", 10.0)
        self.send(service, *body)
        return self.collect(service, timeout)

    def collect(self, service, timeout=10.0):
        import majortomo
        try:
            parts = list(self.client.recv_all(timeout=timeout))
        except majortomo.error.Timeout:
            raise PeerTimeout("majortomo client: no reply part for %r within %.1f s" % (service, timeout))
        if not parts:
            raise ProtocolViolation("majortomo client got no reply parts")
        return parts[:-1], parts[-1]

    def close(self):
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def make_client(dialect, endpoint, real_majortomo=True):
    if dialect == "rfc18":
        return Rfc18Client(endpoint)
    if dialect == "majortomo":
        return MajortomoClientAdapter(endpoint) if real_majortomo else MajortomoWireClient(endpoint)
    if dialect == "mdp01":
        return Mdp01Client(endpoint)
    raise ValueError(dialect)


def mmi(endpoint, service, timeout=5.0, dialect="rfc18"):
    """Asks mmi.service about `service` with a client of `dialect`; returns the status frame."""
    with make_client(dialect, endpoint) as client:
        partials, final = client.request(b"mmi.service", service, timeout=timeout)
    if partials or len(final) != 1:
        raise ProtocolViolation("mmi.service answered partials %r, final %s" % (partials, show(final)))
    return final[0]


def wait_for_mmi(endpoint, service, expected=b"200", timeout=10.0, dialect="rfc18"):
    """Polls mmi.service until it answers `expected` for `service` (a worker registered or gone)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = mmi(endpoint, service, timeout=max(0.5, deadline - time.monotonic()), dialect=dialect)
        if last == expected:
            return
        if time.monotonic() >= deadline:
            raise PeerTimeout("mmi.service %r still answers %r after %.1f s (waiting for %r)"
                              % (service, last, timeout, expected))
        time.sleep(0.05)


# --------------------------------------------------------------------------------------------- workers


def worker_prefix(dialect):
    return {"rfc18": [MDPW02], "majortomo": [b"", MDPW02], "mdp01": [b"", MDPW01]}[dialect]


def worker_commands(dialect):
    """(READY, REQUEST, PARTIAL or None, FINAL, HEARTBEAT, DISCONNECT) command bytes."""
    if dialect == "mdp01":
        return W01_READY, W01_REQUEST, None, W01_REPLY, W01_HEARTBEAT, W01_DISCONNECT
    return W02_READY, W02_REQUEST, W02_PARTIAL, W02_FINAL, W02_HEARTBEAT, W02_DISCONNECT


def echo_handler(tag):
    """Two partials (where the dialect has them) then a final that echoes the request body."""
    def handle(body, dialect):
        partials = [] if dialect == "mdp01" else [[tag, b"partial-1"], [tag, b"partial-2"]]
        return partials, [tag, b"final"] + list(body)
    return handle


def expected_reply(tag, worker_dialect, client_dialect, body):
    """What a client of `client_dialect` should see for `body` answered by an echo worker."""
    partials = [] if worker_dialect == "mdp01" else [[tag, b"partial-1"], [tag, b"partial-2"]]
    if client_dialect == "mdp01":
        partials = []
    return partials, [tag, b"final"] + list(body)


class Request(object):
    def __init__(self, address, delimiter, body):
        self.address = address
        self.delimiter = delimiter
        self.body = body


class WorkerLoop(object):
    """A Majordomo worker of one dialect, run with run() in the calling thread.

    `handler(body, dialect)` returns (partials, final) or None to leave the request unanswered (a
    worker that hangs, still heartbeating). Records every request and every protocol error, and
    stops on DISCONNECT from the broker. send_raw() queues frames to send from any thread.
    """

    def __init__(self, endpoint, service, dialect, handler=None, heartbeat=0.25, tag=None, on_request=None):
        self.endpoint = endpoint
        self.service = service
        self.dialect = dialect
        self.tag = tag if tag is not None else dialect.encode()
        self.handler = handler or echo_handler(self.tag)
        self.heartbeat = heartbeat
        self.on_request = on_request
        self.requests = []
        self.errors = []
        self.heartbeats_received = 0
        self.disconnected = threading.Event()
        self.stopping = threading.Event()
        self.exited = threading.Event()
        self.cond = threading.Condition()
        self._outbox = queue.Queue()
        self._sent_reply = False
        self.prefix = worker_prefix(dialect)
        (self.READY, self.REQUEST, self.PARTIAL, self.FINAL,
         self.HEARTBEAT, self.DISCONNECT) = worker_commands(dialect)

    # -- for other threads

    def send_raw(self, frames):
        self._outbox.put(list(frames))

    def send_command(self, command, *rest):
        self.send_raw(self.prefix + [command] + list(rest))

    def wait_for(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PeerTimeout("%s worker on %r: %s not seen within %.1f s (errors: %r)"
                                      % (self.dialect, self.service, what, timeout, self.errors))
                self.cond.wait(min(left, 0.1))

    def wait_disconnected(self, timeout=5.0):
        if not self.disconnected.wait(timeout):
            raise PeerTimeout("%s worker on %r got no DISCONNECT within %.1f s (errors: %r)"
                              % (self.dialect, self.service, timeout, self.errors))

    def stop(self):
        self.stopping.set()

    # -- the loop

    def run(self):
        sock = make_socket(zmq.DEALER, self.endpoint)
        try:
            self._send(sock, [self.READY, self.service])
            last_sent = time.monotonic()
            while not self.stopping.is_set():
                while True:
                    try:
                        frames = self._outbox.get_nowait()
                    except queue.Empty:
                        break
                    sock.send_multipart(frames)
                    last_sent = time.monotonic()
                if time.monotonic() - last_sent >= self.heartbeat:
                    self._send(sock, [self.HEARTBEAT])
                    last_sent = time.monotonic()
                if sock.poll(20, zmq.POLLIN) == 0:
                    continue
                frames = sock.recv_multipart()
                if not self._handle(sock, frames):
                    return
                last_sent = time.monotonic() if self._sent_reply else last_sent
            if not self.disconnected.is_set():
                self._send(sock, [self.DISCONNECT])
        except Exception as exc:  # recorded for the test to assert on
            with self.cond:
                self.errors.append("worker loop crashed: %r" % (exc,))
                self.cond.notify_all()
        finally:
            sock.close(0)
            self.exited.set()

    def _send(self, sock, rest):
        sock.send_multipart(self.prefix + rest)

    def _error(self, text):
        with self.cond:
            self.errors.append(text)
            self.cond.notify_all()

    def _handle(self, sock, frames):
        """Handles one broker message; returns False when the worker must stop."""
        self._sent_reply = False
        n = len(self.prefix)
        if len(frames) < n + 1 or frames[:n] != self.prefix:
            self._error("expected %s + command, got %s" % (show(self.prefix), show(frames)))
            return True
        command, rest = frames[n], frames[n + 1:]
        if command == self.HEARTBEAT:
            with self.cond:
                self.heartbeats_received += 1
            if rest:
                self._error("HEARTBEAT with extra frames: " + show(frames))
            return True
        if command == self.DISCONNECT:
            if rest:
                self._error("DISCONNECT with extra frames: " + show(frames))
            with self.cond:
                self.disconnected.set()
                self.cond.notify_all()
            return False
        if command != self.REQUEST:
            self._error("unexpected command from broker: " + show(frames))
            return True
        if len(rest) < 2:
            self._error("REQUEST too short: " + show(frames))
            return True
        req = Request(rest[0], rest[1], rest[2:])
        if req.delimiter != b"":
            self._error("REQUEST without empty frame after the address: " + show(frames))
        with self.cond:
            self.requests.append(req)
            self.cond.notify_all()
        if self.on_request is not None:
            self.on_request(req)
        answer = self.handler(req.body, self.dialect)
        if answer is None:
            return True
        partials, final = answer
        for part in partials:
            self._send(sock, [self.PARTIAL, req.address, b""] + list(part))
        self._send(sock, [self.FINAL, req.address, b""] + list(final))
        self._sent_reply = True
        return True


class ThreadWorker(WorkerLoop):
    """A WorkerLoop on its own daemon thread; use as a context manager or call start()/close()."""

    def start(self):
        self.thread = threading.Thread(target=self.run, name="worker-%s-%s" % (self.dialect, self.service),
                                       daemon=True)
        self.thread.start()
        return self

    def close(self, timeout=5.0):
        self.stop()
        self.thread.join(timeout)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
