#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/Corpus/ from the project's own documents and messages.

Run from the repository root: python3 Fuzz/Corpus/make-seeds.py. Seeds it writes are committed; a minimized
finding added by hand as a regression seed is named regression-*, and this script never removes it.
"""
import csv, io, json, os, pathlib

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "Fuzz" / "Corpus"

def write(harness, name, data):
    d = out / harness
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())

# -- Majordomo: frames as one length byte and that many bytes (Fuzz/README.md).
def frames(*fs):
    b = bytearray()
    for f in fs:
        f = f.encode() if isinstance(f, str) else bytes(f)
        assert len(f) < 256
        b.append(len(f)); b += f
    return bytes(b)

delivery = bytes([0, 0, 0, 0, 0, 0, 0, 42])  # the dispatcher's 8-byte delivery id (docs/majordomo-extensions.md)
body = '{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"walk_in"}'
mdp = {
    # MDP/0.2 as RFC 18 writes it: no leading empty frame.
    "rfc18-client-request": frames("MDPC02", [1], "xk.submit", body),
    "rfc18-worker-ready": frames("MDPW02", [1], "ward.00286"),
    "rfc18-worker-ready-credit": frames("MDPW02", [1], "ward.00286", "64"),
    "rfc18-worker-partial": frames("MDPW02", [3], delivery, "", "working"),
    "rfc18-worker-final": frames("MDPW02", [4], delivery, "", "done", "2nd"),
    "rfc18-worker-heartbeat": frames("MDPW02", [5]),
    "rfc18-worker-disconnect": frames("MDPW02", [6]),
    "rfc18-broker-request": frames("MDPW02", [2], delivery, "", body),
    "rfc18-broker-partial": frames("MDPC02", [2], "echo", "part"),
    "rfc18-broker-final": frames("MDPC02", [3], "echo", "all"),
    # majortomo 0.2.0's reading: a leading empty frame, client REQUEST 0x02, replies 0x03/0x04.
    "majortomo-client-request": frames("", "MDPC02", [2], "echo", "hi"),
    "majortomo-worker-ready": frames("", "MDPW02", [1], "echo"),
    "majortomo-worker-final": frames("", "MDPW02", [4], "c1", "", "x"),
    "majortomo-worker-heartbeat": frames("", "MDPW02", [5]),
    "majortomo-broker-request": frames("", "MDPW02", [2], delivery, "", "hi"),
    "majortomo-broker-final": frames("", "MDPC02", [4], "x"),
    "majortomo-broker-partial": frames("", "MDPC02", [3], "x"),
    # MDP/0.1 (RFC 7): leading empty frame, no client command byte, one REPLY.
    "mdp01-client-request": frames("", "MDPC01", "echo", "hello"),
    "mdp01-client-mmi": frames("", "MDPC01", "mmi.service", "echo"),
    "mdp01-worker-ready": frames("", "MDPW01", [1], "echo"),
    "mdp01-worker-reply": frames("", "MDPW01", [3], "c1", "", "x"),
    "mdp01-worker-heartbeat": frames("", "MDPW01", [4]),
    "mdp01-worker-disconnect": frames("", "MDPW01", [5]),
    "mdp01-broker-request": frames("", "MDPW01", [2], delivery, "", "hello"),
    "mdp01-broker-reply": frames("", "MDPC01", "echo", "hello"),
}
for name, data in mdp.items():
    write("FuzzMajordomo", name, data)

# -- Help-request JSON: the documented bodies and a few refusals' shapes.
docs = (root / "docs" / "help-request.md").read_text()
full = {
    "ward": "00286", "residentialGroup": "TDP 3", "procedure": "1.004194", "helpType": "vneid_recovery",
    "channel": "hotline", "priority": {"elderly": True, "noSmartphone": False},
    "citizen": {"shortName": "Bà Lan", "phone": "0912 345 678", "ageBand": "70_79"},
    "consent": {"given": True, "textVersion": "XK-HBT-2024-01"},
    "note": "Quên mật khẩu VNeID, con gái đã đổi số điện thoại", "idempotencyKey": "hotline-2024-06-01-0042",
}
json_seeds = {
    "full": json.dumps(full, ensure_ascii=False, indent=2),
    "smallest": '{"ward": "00286", "procedure": "1.001193", "helpType": "information", "channel": "walk_in"}',
    "deadline-disability": json.dumps({"ward": "00241", "procedure": "1.000656", "helpType": "submit_dossier",
        "channel": "door_to_door", "priority": {"elderly": True, "disability": True, "deadline": "2024-06-20"},
        "citizen": {"shortName": "Ông Hùng", "phone": "+84 912 000 103", "ageBand": "60_69"},
        "consent": {"given": True, "textVersion": "XK-HBT-2024-01"}}, ensure_ascii=False),
    "escaped": '{"ward":"00286","procedure":"1.001193","field":"G15-TP07","helpType":"information","channel":"walk_in","note":"B\\u00e0 Lan \\ud83d\\ude00\\n"}',
    "wrong-types": '{"ward": 286, "procedure": "1.001193", "helpType": "nope", "channel": "walk_in", "priority": {"elderly": "yes"}}',
    "duplicate-key": '{"consent":{"given":true},"consent":{"given":false},"ward":"00286"}',
    "not-json": '{"ward": "00286", "procedure": }',
}
for name, text in json_seeds.items():
    write("FuzzHelpRequestJSON", name + ".json", text)

# -- Help-request CSV: docs/sample-requests.csv, its header with a few rows each.
lines = (root / "docs" / "sample-requests.csv").read_text().splitlines(keepends=True)
header, rows = lines[0], lines[1:]
for i in range(0, len(rows), 5):
    write("FuzzHelpRequestCSV", f"sample-{i // 5 + 1}.csv", header + "".join(rows[i:i + 5]))
write("FuzzHelpRequestCSV", "semicolons-crlf.csv",
      header.strip().replace(",", ";") + "\r\n" + "".join(r.strip().replace(",", ";") + "\r\n" for r in rows[:3] if '"' not in r))
write("FuzzHelpRequestCSV", "bom-multiline-note.csv",
      "\ufeff" + "help_type,channel,ward,procedure,note\ninformation,walk-in,00286,1.001193,\"dòng một\ndòng \"\"hai\"\"\"\n")

# -- District configs: the shipped ones, and small ones in both YAML styles that load (the fuzzer's max_len is
# below the shipped files' size, so they arrive truncated).
for name in ("hai-ba-trung.yaml", "me-linh.yaml"):
    write("FuzzDistrictConfig", name, (root / "config" / name).read_text())
write("FuzzDistrictConfig", "small-flow.yaml", """district: {code: "007", name: "Quận Hai Bà Trưng", kind: quận, validFrom: 2020-01-01, validTo: 2024-12-31}
fields:
  - {code: G15-TP07, name: "Hộ tịch"}
  - {code: G07-LĐ09, name: "Người có công"}
procedures:
  - {code: "1.001193", name: "Đăng ký khai sinh", field: G15-TP07}
wards:
  - {code: "00241", name: "Phường Nguyễn Du", kind: phường, validFrom: 2020-01-01, neighbours: ["00244"]}
  - {code: "00244", name: "Phường Bạch Đằng", kind: phường, validFrom: 2020-01-01, validTo: 2024-12-31, neighbours: ["00241"]}
teams:
  - {id: 00241-T01, ward: "00241", name: "Tổ xung kích số 1", members: 5, skills: [G15-TP07, G07-LĐ09]}
  - {id: 00244-T01, ward: "00244", name: "Tổ xung kích số 1", members: 3, skills: [G15-TP07], active: false}
""")
write("FuzzDistrictConfig", "small-block.yaml", """# a comment
district:
  code: "250"
  name: Huyện Mê Linh
  kind: huyện
  validFrom: 2020-01-01
fields:
  - code: G15-TP07
    name: Hộ tịch
procedures:
  - code: "1.001193"
    name: Đăng ký khai sinh
    field: G15-TP07
wards:
  - code: "09187"
    name: Thị trấn Chi Đông
    kind: thị trấn
    validFrom: 2020-01-01
    neighbours: []
teams:
  - id: 09187-T01
    ward: "09187"
    name: Tổ 1
    members: 2
    skills:
      - G15-TP07
    active: yes
""")

# -- WireJSON: one selector byte (the index in Fuzz/FuzzWireJSON/Harness.swift's `types`) and a captured message.
selectors = [  # longest prefix first
    ("submit-request", 0), ("events-query", 1), ("partial", 2), ("final", 2), ("admin-answer-attention", 14),
    ("admin-answer", 13), ("admin-error", 18), ("admin", 3), ("delivery", 4), ("control-answer-list", 15),
    ("control-answer-case", 16), ("control-answer-team", 17), ("control-error", 18), ("control", 5),
    ("stats-query", 6), ("baseline-import-answer", 21), ("baseline-import", 6), ("event-pub", 7),
    ("events-page", 8), ("journal-detail", 9), ("submit-answer", 10), ("submit-error", 18), ("status-answer", 11),
    ("status-error", 18), ("stats-answer", 12), ("stats-error", 18), ("contribution-answer", 19),
    ("baseline-answer", 20),
]
wire = root / "Tests" / "XungKichWireTests" / "Corpus"
for f in sorted(wire.glob("*.json")):
    for prefix, index in selectors:
        if f.name.startswith(prefix):
            write("FuzzWireJSON", f.name, bytes([index]) + f.read_bytes())
            break
