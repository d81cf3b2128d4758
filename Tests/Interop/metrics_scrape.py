"""Reading a daemon's Prometheus metrics the way Prometheus does: its `--metrics` address from the log line
"metrics listening", the page over HTTP, and the text through prometheus_client's own parser (which refuses
anything Prometheus would not take)."""

import re
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def metrics_url(process, timeout=30.0):
    """http://HOST:PORT/metrics of a process started with `--metrics 127.0.0.1:0`, from its log line."""
    line = process.wait_for_line("metrics listening", key="stderr", timeout=timeout)
    assert line is not None, "no 'metrics listening' line:\n%s" % process.tail()
    found = re.search(r"address=\[IPv4\]127\.0\.0\.1/127\.0\.0\.1:(\d+)", line) or re.search(r":(\d+)\b", line)
    assert found, "no port in %r" % line
    return "http://127.0.0.1:%s/metrics" % found.group(1)


def scrape_text(url):
    with urllib.request.urlopen(url, timeout=5) as answer:
        assert answer.status == 200, answer.status
        content_type = answer.headers.get("Content-Type", "")
        assert content_type.startswith("text/plain; version=0.0.4"), content_type
        return answer.read().decode("utf-8")


def parse(text):
    """{(name, frozenset(labels.items())): value} for every sample; a text Prometheus would refuse raises."""
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples


def scrape(url):
    return parse(scrape_text(url))


def value(samples, name, **labels):
    """The value of one sample; AssertionError naming what is there when it is missing."""
    key = (name, frozenset(labels.items()))
    if key not in samples:
        near = sorted("%s%r" % (n, dict(l)) for n, l in samples if n == name)[:20]
        raise AssertionError("no sample %s%r; with that name: %s" % (name, labels, near or "none"))
    return samples[key]


def total(samples, name, **labels):
    """The sum of every sample of `name` whose labels include `labels`."""
    return sum(v for (n, l), v in samples.items() if n == name and set(labels.items()) <= set(l))


def names(samples):
    return {n for n, _ in samples}
