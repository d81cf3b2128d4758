"""Fixtures for the black-box interop suite of `xk dispatcher`.

The binary comes from $XK_BIN (default: <repo>/.build/debug/xk). Each dispatcher gets its own free
loopback port, so tests may run in parallel. Output of every process a test starts is collected and
attached to the report of a failing test (of every test with XK_INTEROP_SHOW_OUTPUT=1 and -rA).
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CONFIG = REPO_ROOT / "config" / "hai-ba-trung.yaml"
WORKER_SCRIPT = HERE / "worker_proc.py"
SEE_OUTPUT = "full stdout and stderr in the 'output of ...' sections of this report"

sys.path.insert(0, str(HERE))


def xk_binary():
    path = os.environ.get("XK_BIN")
    path = Path(path).resolve() if path else REPO_ROOT / ".build" / "debug" / "xk"
    return path


def run_xk(*args, check=True, timeout=60, env=None):
    """Runs one `xk` command from the repository root; with check, a non-zero exit fails the test with its output.
    env adds to (or overrides) this process's environment, e.g. {"XK_LANG": "vi"}."""
    out = subprocess.run([str(xk_binary())] + [str(a) for a in args], cwd=str(REPO_ROOT), capture_output=True,
                         text=True, timeout=timeout, env=dict(os.environ, **(env or {})))
    if check:
        assert out.returncode == 0, out.stdout + out.stderr
    return out


def as_exported(count):
    """A citizen count as `xk stats --format json` exports it: 1 to 4 suppressed (None), 0 and 5+ as they are."""
    return None if 0 < count < 5 else count


def wait_all_resolved(status, ids, timeout=60):
    """Polls status(id) (the dispatcher's xk.status answer) until every request is RESOLVED; returns the answers."""
    deadline = time.time() + timeout
    truth = {}
    while time.time() < deadline:
        truth = {i: status(i) for i in ids}
        if all(s["state"] == "RESOLVED" for s in truth.values()):
            return truth
        time.sleep(0.3)
    unresolved = sorted(i for i, s in truth.items() if s["state"] != "RESOLVED")
    raise AssertionError("%d of %d requests not resolved after %d s: %s" % (len(unresolved), len(ids), timeout,
                                                                           unresolved[:10]))


def wait_until(probe, timeout, what, interval=0.2):
    """Calls probe() until it returns something truthy (returned), at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = probe()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError("%s not seen within %.0f s (last: %r)" % (what, timeout, last))
        time.sleep(interval)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ManagedProcess(object):
    """A child process whose stdout and stderr are read by threads into line buffers."""

    def __init__(self, name, argv, cwd=None):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.lines = {"stdout": [], "stderr": []}
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(self.argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.readers = [threading.Thread(target=self._read, args=(stream, key), daemon=True)
                        for stream, key in ((self.proc.stdout, "stdout"), (self.proc.stderr, "stderr"))]
        for r in self.readers:
            r.start()

    def _read(self, stream, key):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.cond:
                self.lines[key].append(line)
                self.cond.notify_all()
        stream.close()
        with self.cond:
            self.cond.notify_all()

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def text(self, key="stderr"):
        with self.cond:
            return "\n".join(self.lines[key])

    def tail(self, n=15, key="stderr"):
        with self.cond:
            lines = self.lines[key][-n:]
        return "last %s lines:\n    " % key + "\n    ".join(lines)

    def output(self):
        return "$ %s\n--- stdout ---\n%s\n--- stderr ---\n%s" % (
            " ".join(self.argv), self.text("stdout"), self.text("stderr"))

    def wait_for_line(self, needle, key="stdout", timeout=10.0):
        """Waits for a line containing `needle`; returns it, or None on timeout or exit."""
        deadline = time.monotonic() + timeout
        seen = 0
        with self.cond:
            while True:
                lines = self.lines[key]
                for line in lines[seen:]:
                    if needle in line:
                        return line
                seen = len(lines)
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                if self.proc.poll() is not None and all(not r.is_alive() for r in self.readers):
                    # Lines read after the check above are in self.lines already (readers finished).
                    for line in self.lines[key][seen:]:
                        if needle in line:
                            return line
                    return None
                self.cond.wait(min(left, 0.1))

    def expect_line(self, needle, key="stdout", timeout=10.0):
        line = self.wait_for_line(needle, key, timeout)
        if line is None:
            pytest.fail("%s: no %s line containing %r within %.1f s (exit code %r); %s\n%s"
                        % (self.name, key, needle, timeout, self.proc.poll(), SEE_OUTPUT, self.tail()),
                        pytrace=False)
        return line

    def signal(self, sig):
        if self.alive():
            self.proc.send_signal(sig)

    def wait(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.alive():
            self.proc.kill()
        self.proc.wait(10)

    def finish(self):
        for r in self.readers:
            r.join(2)


class Dispatcher(ManagedProcess):
    def __init__(self, extra_args, config, port):
        self.port = port
        self.endpoint = "tcp://127.0.0.1:%d" % port
        argv = [xk_binary(), "dispatcher", "--config", config, "--endpoint", self.endpoint] + list(extra_args)
        ManagedProcess.__init__(self, "xk dispatcher on %s" % self.endpoint, argv, cwd=str(REPO_ROOT))

    def check_alive(self):
        """Fails the test, with the dispatcher's stderr, if the dispatcher has exited."""
        rc = self.proc.poll()
        if rc is not None:
            pytest.fail("dispatcher exited with code %r; %s\n%s" % (rc, SEE_OUTPUT, self.tail()), pytrace=False)

    def stop(self, sig=signal.SIGTERM, timeout=10.0):
        """Signals the dispatcher and returns its exit code (None if it did not exit in time)."""
        self.signal(sig)
        return self.wait(timeout)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed or (report.when == "call" and os.environ.get("XK_INTEROP_SHOW_OUTPUT")):
        for proc in getattr(item, "_xk_processes", []):
            report.sections.append(("output of " + proc.name, proc.output()[-30000:]))


def _register(request, proc):
    if not hasattr(request.node, "_xk_processes"):
        request.node._xk_processes = []
    request.node._xk_processes.append(proc)


@pytest.fixture(scope="session")
def xk_bin():
    path = xk_binary()
    if not (path.is_file() and os.access(str(path), os.X_OK)):
        pytest.fail("xk binary not found at %s: build it (swift build --product xk) or set XK_BIN" % path,
                    pytrace=False)
    return path


@pytest.fixture
def dispatcher(request, xk_bin):
    """Factory: dispatcher(*extra_args, config=CONFIG, wait=True, port=None) starts `xk dispatcher`
    on `port` or a free port.

    With wait=True it returns once stderr shows "dispatcher listening" with the endpoint. All
    dispatchers are stopped (SIGTERM, then SIGKILL) when the test ends.
    """
    started = []

    def start(*extra_args, **kw):
        config = kw.get("config", CONFIG)
        wait = kw.get("wait", True)
        port = kw.get("port")
        for attempt in range(5):
            d = Dispatcher(extra_args, config, port or free_port())
            started.append(d)
            _register(request, d)
            if not wait:
                return d
            line = d.wait_for_line("dispatcher listening", key="stderr", timeout=30.0)
            if line is not None:
                if ("endpoint=%s" % d.endpoint) not in line:
                    pytest.fail("listening line does not name %s: %r; %s" % (d.endpoint, line, SEE_OUTPUT),
                                pytrace=False)
                return d
            d.wait(2)
            if port is None and not d.alive() and "in use" in d.text("stderr").lower():
                continue  # another test took the port between our probe and the bind: try another
            pytest.fail("dispatcher did not report 'dispatcher listening' (exit code %r); %s\n%s"
                        % (d.proc.poll(), SEE_OUTPUT, d.tail()), pytrace=False)
        pytest.fail("could not find a free port for the dispatcher", pytrace=False)

    yield start
    for d in started:
        if d.alive():
            d.stop(signal.SIGTERM, 10.0)
        if d.alive():
            d.kill()
        d.finish()


@pytest.fixture
def worker_process(request):
    """Factory: worker_process(dialect, endpoint, service, mode="echo", tag="worker", heartbeat=0.25)
    starts worker_proc.py in a child process (killed when the test ends)."""
    started = []

    def start(dialect, endpoint, service, mode="echo", tag="worker", heartbeat=0.25):
        argv = [sys.executable, "-u", WORKER_SCRIPT, "--dialect", dialect, "--endpoint", endpoint,
                "--service", service, "--mode", mode, "--tag", tag, "--heartbeat", str(heartbeat)]
        p = ManagedProcess("%s worker %s (%s)" % (dialect, tag, mode), argv, cwd=str(HERE))
        started.append(p)
        _register(request, p)
        return p

    yield start
    for p in started:
        p.kill()
        p.finish()
