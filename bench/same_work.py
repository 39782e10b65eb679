#!/usr/bin/env python3
"""The "same work" capture (issue 26, item 3): turns PostgreSQL's statement log of one registration into the units
a bare client replays (bench/LoadGen: `loadgen same`).

    same_work.py --registration LOG --idle LOG --answered-at EPOCH
                 --response JSON --db-prefix P --out same-work.json

Input: the log written with log_statement = 'all' and log_line_prefix = '%m [%p] <%d> ' while the platform handled
one POST /api/cases and everything it set off (until every outbox was sent and every queue empty), and a window of the
same kind with nothing to do. A *unit* is one transaction of one backend (BEGIN … COMMIT) or one statement outside a
transaction. Kept: the units that committed and named the new case (its id, its number, or a message one of its units
wrote), the outbox dispatches that committed (one that found nothing rolls back), and what the case service committed
before the answer (the region look-up, the number transaction) unless the idle window ran the same statement. Left out, as work that is not the
registration's: transactions that rolled back (an outbox poll that found nothing), read-only polls (webhook deliveries,
ledger imports, the bench's own counts) and the connection resets (DISCARD ALL: Npgsql's pool does the same for the
replay). Each kept statement has its logged parameter values written into its text as literals (array literals with a
cast, because unnest() cannot infer one), so the replay needs no type information.

Units are "sync" (the case service's, before the answer: the replay measures their latency) or "async" (the outbox
dispatchers and the consumers: the replay runs them off the measured path, triggered by RabbitMQ messages as the
platform is). An outbox row inserted by a unit is a message; a consumer unit names the message that triggered it (the
inbox row's message_id); a dispatcher unit of the same database marks the rows sent before the message is published.
"""
import argparse
import datetime as dt
import json
import re
import sys

PREFIX = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) UTC \[(\d+)\] <([^>]*)> (LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING|NOTICE):  (.*)$")
STATEMENT = re.compile(r"^(?:statement|execute [^:]*): (.*)$", re.S)
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
PLACEHOLDER = re.compile(r"\$(\d+)(?!\d)(::)?")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def entries(path):
    """Log entries (time, pid, db, level, text) with their continuation lines joined."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = PREFIX.match(line)
            if m:
                ts = dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=dt.timezone.utc).timestamp()
                out.append([ts, int(m.group(2)), m.group(3), m.group(4), m.group(5)])
            elif out:
                out[-1][4] += "\n" + line
    return out


def statements(path):
    """[(time, pid, db, sql, {n: literal-or-None})] in log order."""
    result = []
    for ts, pid, db, level, text in entries(path):
        if level == "LOG":
            m = STATEMENT.match(text)
            if m:
                result.append([ts, pid, db, m.group(1).strip(), {}])
        elif level == "DETAIL" and text.startswith("parameters: ") and result and result[-1][1] == pid:
            for n, value in PARAM.findall(text[len("parameters: "):]):
                result[-1][4][int(n)] = None if value == "NULL" else value
    return result


def units(stmts):
    """Groups statements into transactions per backend; a statement outside BEGIN … COMMIT is a unit of its own."""
    open_tx, done = {}, []
    for ts, pid, db, sql, params in stmts:
        head = sql.split(None, 1)[0].upper() if sql else ""
        if sql.upper().startswith("DISCARD ALL"):
            continue
        if head in ("BEGIN", "START"):
            open_tx[pid] = {"db": db, "pid": pid, "start": ts, "transaction": True, "begin": sql, "stmts": [], "end": None}
        elif head in ("COMMIT", "ROLLBACK", "END") and pid in open_tx:
            unit = open_tx.pop(pid)
            unit["end"] = head
            done.append(unit)
        elif pid in open_tx:
            open_tx[pid]["stmts"].append((sql, params))
        else:
            done.append({"db": db, "pid": pid, "start": ts, "transaction": False, "begin": None, "stmts": [(sql, params)], "end": "COMMIT"})
    done.sort(key=lambda u: u["start"])
    return done


def is_json_object(value):
    try:
        return isinstance(json.loads(unquote(value)), dict)
    except ValueError:
        return False


def literal(value, followed_by_cast, in_unnest):
    """The logged value as a literal; an array for unnest() gets a cast (elsewhere the context gives the type)."""
    if value is None:
        return "NULL"
    if followed_by_cast or not in_unnest or not (value.startswith("'{") and value.endswith("}'")) or is_json_object(value):
        return value
    items = [x.strip('"') for x in value[2:-2].split(",") if x]
    if items and all(UUID.fullmatch(x) or x == "NULL" for x in items):
        return value + "::uuid[]"
    if items and all(re.fullmatch(r"-?\d+|NULL", x) for x in items):
        return value + "::bigint[]"
    return value + "::text[]"


def inline(sql, params):
    def sub(m):
        n, cast = int(m.group(1)), m.group(2)
        if n not in params:
            raise ValueError(f"no logged value for ${n} in: {sql[:120]}")
        return literal(params[n], bool(cast), "unnest(" in sql[:m.start()].lower()) + (cast or "")
    return PLACEHOLDER.sub(sub, sql)


def columns(sql):
    m = re.match(r"\s*INSERT INTO \"?(\w+)\"? \(([^)]*)\)", sql, re.I)
    return (m.group(1), [c.strip().strip('"') for c in m.group(2).split(",")]) if m else (None, [])


def unquote(value):
    return None if value is None else value[1:-1].replace("''", "'")


def main():
    ap = argparse.ArgumentParser()
    for name in ("registration", "idle", "answered-at", "response", "db-prefix", "out"):
        ap.add_argument("--" + name, required=True)
    a = ap.parse_args()
    response = json.load(open(a.response))
    case_id, number = response["id"], response["number"]
    answered = float(a.answered_at)
    prefix = a.db_prefix

    captured = units(statements(a.registration))
    idle = units(statements(a.idle))
    periodic = {u["stmts"][0][0] for u in idle if u["stmts"]}
    kept, dropped = [], {}
    # what names this registration: the case, its number, and the messages its units wrote (found as they come)
    tokens = {case_id, number}
    for u in captured:
        text = "\n".join(s for s, _ in u["stmts"]) + "\n" + "\n".join(str(p) for _, p in u["stmts"])
        names_case = any(t in text for t in tokens)
        dispatched = any(s.startswith("UPDATE outbox_messages SET sent_at") for s, _ in u["stmts"])
        db = u["db"][len(prefix):] if u["db"].startswith(prefix) else u["db"]
        # the case service's work before its answer, unless it is a statement the idle window also ran (a poll, a gauge)
        request = db == "cases" and u["start"] <= answered and bool(u["stmts"]) and u["stmts"][0][0] not in periodic
        if u["end"] == "COMMIT" and names_case:
            for sql, params in u["stmts"]:
                if sql.startswith("INSERT INTO outbox_messages") and params.get(1):
                    tokens.add(unquote(params[1]))
        # an outbox dispatch that committed sent rows (one that found none rolls back)
        if u["end"] == "COMMIT" and (names_case or dispatched or request):
            u["db"] = db
            kept.append(u)
        else:
            key = f'{u["db"]}: {u["stmts"][0][0].split(chr(10))[0][:70] if u["stmts"] else u["begin"]} ({u["end"]})'
            dropped[key] = dropped.get(key, 0) + 1

    new_uuids = {case_id}
    advisory = set()
    # the parties' search hashes (ID number, phone): the duplicate check looks them up, so each replay gets its own
    hashes = set()
    out_units = []
    for u in kept:
        stmts, produces, trigger, consumer = [], [], None, None
        is_dispatcher = any(s.startswith("UPDATE outbox_messages SET sent_at") for s, _ in u["stmts"])
        for sql, params in u["stmts"]:
            table, cols = columns(sql)
            if table and cols and sql.upper().startswith("INSERT") and cols[0] in ("id", "case_id") and params.get(1):
                for x in UUID.findall(params[1]):
                    new_uuids.add(x)
            if table == "outbox_messages":
                p = {c: params.get(i + 1) for i, c in enumerate(cols)}
                produces.append({"id": unquote(p["id"]), "type": unquote(p["message_type"]), "payloadBytes": len(unquote(p["payload"]) or "")})
            if table == "inbox_messages":
                p = {c: params.get(i + 1) for i, c in enumerate(cols)}
                trigger, consumer = unquote(p["message_id"]), unquote(p["consumer"])
            for v in params.values():
                hashes.update(re.findall(r"h1:[0-9a-f]{64}", v or ""))
            if "pg_advisory_xact_lock" in sql:
                for v in params.values():
                    advisory.update(re.findall(r"-?\d{6,}", v or ""))
            stmts.append(inline(sql, params))
        if u["transaction"]:
            stmts = [u["begin"]] + stmts + ["COMMIT"]
        role = "dispatcher" if is_dispatcher else "consumer" if trigger else "request"
        phase = "sync" if role == "request" and u["db"] == "cases" and u["start"] <= answered + 0.0005 else "async"
        out_units.append({"db": u["db"], "phase": phase, "role": role, "consumer": consumer, "trigger": trigger,
                          "statements": stmts, "produces": produces})

    roles = [(u["role"], u["db"]) for u in out_units]
    problems = []
    if not any(u["phase"] == "sync" for u in out_units):
        problems.append("no unit of the request itself was captured")
    messages = {m["id"]: m for u in out_units for m in u["produces"]}
    for m in messages.values():
        if not any(u["trigger"] == m["id"] for u in out_units):
            problems.append(f"message {m['type']} {m['id']} has no consumer in the capture")
    for db in {u["db"] for u in out_units if u["produces"]}:
        if ("dispatcher", db) not in roles:
            problems.append(f"no outbox dispatcher of {db} in the capture")
    result = {
        "caseId": case_id, "number": number, "newUuids": sorted(new_uuids), "advisoryKeys": sorted(advisory),
        "newHashes": sorted(hashes),
        "units": out_units, "dropped": dropped, "problems": problems,
    }
    json.dump(result, open(a.out, "w"), ensure_ascii=False, indent=1)
    sync = [u for u in out_units if u["phase"] == "sync"]
    asyn = [u for u in out_units if u["phase"] == "async"]
    print(f"same-work capture: {len(sync)} request units ({sum(len(u['statements']) for u in sync)} statements), "
          f"{len(asyn)} follow-on units ({sum(len(u['statements']) for u in asyn)} statements), {len(messages)} messages, "
          f"{len(new_uuids)} new ids and {len(hashes)} party hashes replaced per replay; left out: {sum(dropped.values())} units ({', '.join(sorted(dropped))[:300]})")
    for p in problems:
        print("same-work capture problem: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
