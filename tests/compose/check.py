#!/usr/bin/env python3
"""The Compose platform under load, with replicas killed mid-load (issue 22, ADR 0025). Run by tests/compose/run.sh
against a platform deploy/compose/up.sh started and deploy/seed-demo.sh seeded; needs only the Python standard library
and the docker CLI.

1. Registers N disputes through the gateway from 8 threads, each with an Idempotency-Key; a registration that failed
   in flight (a killed replica) is retried with the same key, as a client would — so a retry can never make a second case.
2. A third of the way in, kills (SIGKILL) one replica of cases, mediators and reporting; two thirds in, starts them again.
3. Then checks, within a deadline: every accepted registration is a case found once by its number; each case's timeline
   has one "registered" and at most one "assigned"; every case is assigned or awaiting a mediator (none lost between
   the services); the reporting service counts exactly the town's disputes before + N (nothing lost, nothing doubled);
   no message sits in a dead-letter queue; a PDF prints in the case service's container (chromium + Noto CJK).
Prints a Markdown report (stdout) and exits 1 on the first failed check.
"""
import json, os, ssl, subprocess, sys, threading, time, urllib.error, urllib.parse, urllib.request, uuid
from concurrent.futures import ThreadPoolExecutor

GW = os.environ.get("GW", "https://localhost:5080")
CA = os.environ["CURL_CA_BUNDLE"]
PROJECT = os.environ.get("MP_COMPOSE_PROJECT", "mediationplatform")
N = int(os.environ.get("MP_CHECK_CASES", "300"))
DEMO = os.environ["DEMO_PASSWORD"]
ADMIN = os.environ["ADMIN_PASSWORD"]
CTX = ssl.create_default_context(cafile=CA)
YEAR = time.gmtime().tm_year
report, failures = [], []


def call(method, path, token=None, body=None, headers=None, raw=False, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(GW + path, data=data, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    if data is not None: req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items(): req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, context=CTX, timeout=timeout) as r:
            payload = r.read()
            return r.status, (payload if raw else (json.loads(payload) if payload else None))
    except urllib.error.HTTPError as e:
        payload = e.read()
        try: return e.code, json.loads(payload)
        except ValueError: return e.code, payload[:200]


def totp(secret, ahead=1):
    import base64, hashlib, hmac, struct
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30 + ahead), hashlib.sha1).digest()
    o = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def token(user, password, totp_file=None):
    for attempt in range(2):
        form = {"grant_type": "password", "username": user, "password": password}
        if totp_file: form["otp"] = totp(open(totp_file).read().strip())
        try:
            with urllib.request.urlopen(urllib.request.Request(GW + "/connect/token", data=urllib.parse.urlencode(form).encode()),
                                        context=CTX, timeout=30) as r:
                return json.loads(r.read())["access_token"]
        except urllib.error.HTTPError:
            if attempt or not totp_file: raise
            time.sleep(31)  # that time step's code was used already (by the seed): the next one


def check(ok, what, seen):
    report.append(f"| {'✅' if ok else '❌'} | {what} | {seen} |")
    if not ok: failures.append(what)


def docker(*args):
    return subprocess.run(["docker", *args], check=True, capture_output=True, text=True).stdout.strip()


def replicas(service):
    return docker("ps", "-q", "--filter", f"label=com.docker.compose.project={PROJECT}",
                  "--filter", f"label=com.docker.compose.service={service}").split()


mediator, stat = token("mediator", DEMO), token("statistician", DEMO)
admin = token("admin", ADMIN, os.environ.get("MP_ADMIN_TOTP_FILE"))
before = call("GET", f"/api/reports/summary?year={YEAR}&regionCode=muer", stat)[1]["figures"]["disputes"]["registered"]
counts = {s: len(replicas(s)) for s in ("cases", "mediators", "reporting", "gateway")}
report.append(f"Replicas: {counts}; {N} registrations from 8 threads; town 木耳镇 had {before} disputes in {YEAR}.\n")
report.append("| | check | seen |\n|---|---|---|")

registered, errors, retries, lock = {}, [], [0], threading.Lock()


def register(i):
    key = str(uuid.uuid4())
    body = {"kind": "dispute", "title": f"容器检查纠纷{i}", "description": "compose check", "category": "neighbourhood",
            "regionCode": f"muer-v{(i % 16) + 1:02d}", "source": "application", "channel": "walk_in", "riskLevel": "low",
            "parties": [{"role": "applicant", "kind": "person", "name": f"申请人{i}"},
                        {"role": "respondent", "kind": "person", "name": f"被申请人{i}"}]}
    for attempt in range(30):
        try:
            status, got = call("POST", "/api/cases", mediator, body, {"Idempotency-Key": key})
        except (urllib.error.URLError, OSError, TimeoutError) as e:
            status, got = 0, str(e)
        if status in (200, 201):
            with lock: registered[got["id"]] = got["number"]
            return
        if status not in (0, 429, 500, 502, 503, 504):
            with lock: errors.append((i, status, got))
            return
        with lock: retries[0] += 1
        time.sleep(0.5 + attempt * 0.2)
    with lock: errors.append((i, "gave up", None))


killed, restarted = [], []
started = time.time()
with ThreadPoolExecutor(8) as pool:
    futures = [pool.submit(register, i) for i in range(N)]
    while not all(f.done() for f in futures):
        done = sum(f.done() for f in futures)
        if not killed and done >= N // 3:
            for s in ("cases", "mediators", "reporting"):
                victim = replicas(s)[0]
                docker("kill", victim)
                killed.append((s, victim[:12], sum(f.done() for f in futures)))
        elif killed and not restarted and done >= 2 * N // 3:
            for _, victim, _ in killed: docker("start", victim)
            restarted.append(done)
        time.sleep(0.05)
load_seconds = time.time() - started
if killed and not restarted:  # the load outran the kills: start them again now
    for _, victim, _ in killed: docker("start", victim)
    restarted.append(N)
report.insert(1, f"Killed with SIGKILL after {killed[0][2]}–{killed[-1][2]} registrations: "
                 + ", ".join(f"{s} {v}" for s, v, _ in killed) + f"; started again after {restarted[0]}. "
                 + f"Load took {load_seconds:.1f} s; {retries[0]} requests retried with their Idempotency-Key.\n")

check(not errors, "every registration accepted (a retry with its key after a killed replica included)",
      f"{len(registered)} accepted, errors: {errors[:3]}")
check(len(set(registered.values())) == len(registered) == N, "N distinct cases, N distinct numbers",
      f"{len(registered)} ids, {len(set(registered.values()))} numbers")


def settle(case_id):
    deadline = time.time() + 120
    while True:
        s1, case = call("GET", f"/api/cases/{case_id}", mediator)
        s2, timeline = call("GET", f"/api/cases/{case_id}/timeline", mediator)
        actions = [e["action"] for e in timeline] if s2 == 200 else []
        ok = s1 == 200 and s2 == 200 and (case.get("assignedMediatorId") or "awaiting_mediator" in actions)
        if ok or time.time() > deadline:
            return case_id, s1, (case or {}).get("status"), actions
        time.sleep(0.5)


with ThreadPoolExecutor(8) as pool:
    settled = list(pool.map(settle, registered))
lost = [s for s in settled if s[1] != 200]
twice_registered = [s for s in settled if s[3].count("registered") != 1]
twice_assigned = [s for s in settled if s[3].count("assigned") > 1]
assigned = sum(1 for s in settled if "assigned" in s[3])
check(not lost, "every case readable", f"{len(lost)} not found")
check(not twice_registered, "one 'registered' entry per case", f"{len(twice_registered)} otherwise: {twice_registered[:1]}")
check(not twice_assigned, "at most one 'assigned' entry per case (assignment applied once)",
      f"{assigned} assigned, {len(twice_assigned)} twice: {twice_assigned[:1]}")
waiting = [s for s in settled if "assigned" not in s[3]]
check(all(s[2] == "registered" for s in waiting), "the unassigned ones wait for a mediator with room (capacity), none lost",
      f"{len(waiting)} waiting; statuses {sorted(set(s[2] for s in waiting))}; actions of one: {waiting[0][3] if waiting else '-'}")

deadline, after = time.time() + 120, None
while time.time() < deadline:
    after = call("GET", f"/api/reports/summary?year={YEAR}&regionCode=muer", stat)[1]["figures"]["disputes"]["registered"]
    if after >= before + N: break
    time.sleep(2)
time.sleep(3)
after = call("GET", f"/api/reports/summary?year={YEAR}&regionCode=muer", stat)[1]["figures"]["disputes"]["registered"]
check(after == before + N, "the reporting service counts each case once", f"{before} + {N} expected, {after} counted")

# both replicas of each service consume again (competing consumers on one queue), the restarted ones included
deadline = time.time() + 90
while True:
    listed = docker("exec", replicas("rabbitmq")[0], "rabbitmqctl", "-q", "list_queues", "name", "consumers")
    consumers = {q: int(c) for q, c in (l.split("\t") for l in listed.splitlines() if "\t" in l)
                 if q.split("-")[0] in ("cases", "mediators", "reporting") and not q.endswith(("_error", "_skipped"))}
    if (consumers and all(c == counts[q.split("-")[0]] for q, c in consumers.items())) or time.time() > deadline: break
    time.sleep(2)
check(consumers and all(c == counts[q.split("-")[0]] for q, c in consumers.items()),
      "every consumer queue has one consumer per replica again", f"{len(consumers)} queues, consumers {sorted(set(consumers.values()))}")

status, overview = call("GET", "/api/admin/dead-letters", admin)
parked = sum(q.get("messages", 0) for q in overview.get("queues", [])) if status == 200 else None
check(status == 200 and parked == 0, "no message parked in a dead-letter queue", f"HTTP {status}, {parked} parked")

first = next(iter(registered))
t0 = time.time()
status, pdf = call("GET", f"/api/cases/{first}/documents/application?format=pdf", mediator, raw=True, timeout=60)
check(status == 200 and pdf[:5] == b"%PDF-", "a PDF prints in the case service's container",
      f"HTTP {status}, {len(pdf) if isinstance(pdf, bytes) else 0} bytes, {time.time() - t0:.1f} s")

print("\n".join(report))
sys.exit(1 if failures else 0)
