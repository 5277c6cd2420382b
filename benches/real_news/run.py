#!/usr/bin/env python3
"""claimdesk on real published news, nobody's fixtures.

Three measurements, each on corpora fetched from public repositories and never committed
(see benches/real_news/README.md for where they come from and how to lay them out):

1. False findings: `claimdesk extract` on every article of a BBC News collection (2004-2005,
   no publication dates in the text) and of TimeBank/AQUAINT (wire news with their creation
   dates), printing every finding so that a person can read each one. None of these articles
   had errors planted in them, so a finding is a false alarm unless reading says otherwise.
2. Planted errors: copies of the real articles with one error each (a wrong weekday put before
   a dated mention, "yesterday" paired with a weekday that is not the day before publication,
   a figure changed in a repeated mention of the same total) and how many of them are found.
3. Dates against the TimeBank/AQUAINT gold TIMEX3 annotations: recall, exact-value accuracy
   and precision of day-precise dates, resolved against each document's creation time.
4. Measurements: measure claims by quantity; with $CD_BEFORE naming an older binary, what
   those claims were before and how the number of findings changed.

Run: cargo build --release && python3 benches/real_news/run.py [--quiet]
Corpora: $CLAIMDESK_CORPORA (default ../corpora next to the repository), holding bbc/ and
timebank/; a part whose corpus is absent is skipped with a message.
"""
import concurrent.futures as cf
import datetime
import html
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
BIN = pathlib.Path(os.environ.get("CD", TARGET / "release" / "claimdesk"))
CORPORA = pathlib.Path(os.environ.get("CLAIMDESK_CORPORA", ROOT.parent / "corpora"))
QUIET = "--quiet" in sys.argv
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def extract(text, published=None, binary=None):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        args = [str(binary or BIN), "extract", path, "--format", "json"]
        if published:
            args += ["--published", published]
        out = subprocess.run(args, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"claimdesk extract failed on a copy of an article: {out.stderr.strip()}")
        return json.loads(out.stdout)
    finally:
        os.unlink(path)


def extract_all(items, binary=None):
    """items: (name, text, published); returns [(name, text, published, result)] in order."""
    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda it: extract(it[1], it[2], binary), items))
    return [(*it, r) for it, r in zip(items, results)]


# ---------------------------------------------------------------------------- corpora

def bbc_articles():
    base = CORPORA / "bbc"
    if not base.is_dir():
        print(f"skipped BBC News: no {base} (see benches/real_news/README.md)")
        return []
    return [(str(p.relative_to(CORPORA)), p.read_text(encoding="utf-8", errors="replace"), None)
            for p in sorted(base.glob("*/*.txt"))]


TAG = re.compile(r"<[^>]+>")
TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)


def attr(attrs, name):
    m = re.search(name + r'="([^"]*)"', attrs)
    return m.group(1) if m else None


def timebank_docs():
    """(name, text, dct, gold) where gold is [(start, end, value, quote)] in characters."""
    base = CORPORA / "timebank"
    if not base.is_dir():
        print(f"skipped TimeBank/AQUAINT: no {base} (see benches/real_news/README.md)")
        return []
    docs = []
    for p in sorted(base.glob("*/*.tml")):
        raw = p.read_text(encoding="utf-8", errors="replace")
        dct_m = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", raw, re.S)
        body_m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if not dct_m or not body_m:
            continue
        title_m = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
        # Rebuild the plain text, noting where each TIMEX3 falls in it.
        text, gold, pos = [], [], 0
        src = body_m.group(1)
        for m in TIMEX.finditer(src):
            text.append(html.unescape(TAG.sub("", src[pos:m.start()])))
            start = sum(map(len, text))
            inner = html.unescape(TAG.sub("", m.group(2)))
            text.append(inner)
            if attr(m.group(1), "type") == "DATE":
                gold.append((start, start + len(inner), attr(m.group(1), "value"), inner))
            pos = m.end()
        text.append(html.unescape(TAG.sub("", src[pos:])))
        body = "".join(text)
        title = html.unescape(TAG.sub("", title_m.group(1))).strip() if title_m else ""
        # A title line on top, as the article would be ingested; offsets shift by its length.
        head = (title + "\n\n") if title else ""
        gold = [(s + len(head), e + len(head), v, q) for s, e, v, q in gold]
        docs.append((str(p.relative_to(CORPORA)), head + body, dct_m.group(1), gold))
    return docs


# ---------------------------------------------------------------------------- 1. false findings

def false_findings(results):
    per_rule = {}
    for name, _text, _pub, r in results:
        for f in r["findings"]:
            per_rule[f["rule"]] = per_rule.get(f["rule"], 0) + 1
            if not QUIET:
                print(f"  {name}: [{f['rule']}] {f['message']}")
    n = len(results)
    total = sum(per_rule.values())
    return n, total, per_rule


# ---------------------------------------------------------------------------- 2. planted errors

def found(result, rule, start, end):
    return any(f["rule"] == rule and f["start"] < end and start < f["end"] for f in result["findings"])


def plant_weekday(text, pub, claims):
    """A wrong weekday put before the first full date the article states."""
    for c in claims:
        v = c["value"]
        if c["kind"] == "date" and v.get("date") and not v.get("weekday") and not v.get("relative") \
                and re.match(r"[A-Z][a-z]{2}", c["text"]) and c["sentence"] and text.find(c["sentence"]) > 0:
            d = datetime.date.fromisoformat(v["date"])
            wrong = WEEKDAYS[(d.weekday() + 3) % 7]
            i = c["start"]
            new = text[:i] + wrong + ", " + text[i:]
            return new, (i, i + len(wrong) + 2 + len(c["text"])), "weekday-mismatch"
    return None


def plant_yesterday(text, pub, claims):
    """'yesterday (W)' in place of the first bare weekday, W not the day before publication."""
    p = datetime.date.fromisoformat(pub)
    for c in claims:
        v = c["value"]
        if c["kind"] == "date" and v.get("weekday") and c["text"].strip() in WEEKDAYS:
            wrong = WEEKDAYS[(p.weekday() + 4) % 7]
            i, j = c["start"], c["end"]
            plant = f"yesterday ({wrong})"
            return text[:i] + plant + text[j:], (i, i + len(plant)), "relative-date-mismatch"
    return None


# Totals of an event as a reader spots them, independently of claimdesk's own model: a number,
# up to three words (not "other"), and an event verb in the same clause that is not followed
# by another number.
TOTAL = re.compile(
    r"(?<![\w.,$£€-])(?<![A-Z][a-z] )(\d{1,3}(?:,\d{3})+|\d+)((?: (?!and\b|or\b|other\b)[a-z-]+){1,3}) "
    r"(?:(?:were|was|have been|had been|are|have|had) )?"
    r"(killed|died|injured|wounded|arrested|detained|displaced|evacuated|rescued|missing)\b"
    # "28 blasts killed 257 people": the blasts did the killing, they are not a toll.
    r"(?! (?:at least |more than |about )?\d)")
LOWER_BOUND = re.compile(r"(?:more than|at least|over|above|upwards of|in excess of) $", re.I)
UPPER_BOUND = re.compile(r"(?:fewer than|less than|up to|as many as|at most|under|below) $", re.I)


def plant_figure(text, pub, claims):
    """A sentence stating a total of an event, restated later in the article with the figure
    changed: the same total, mentioned twice, cannot be two numbers."""
    for m in TOTAL.finditer(text):
        s = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        e = text.find(".", m.end())
        if e < 0:
            continue
        while text[s].isspace():
            s += 1
        old = int(m.group(1).replace(",", ""))
        # Changed so that the two cannot both hold: "more than 23,000" restated as "more than
        # 69,007" could, so a bound loses its qualifier and becomes an exact figure beyond it.
        head = text[max(s, m.start() - 20):m.start()]
        lower = LOWER_BOUND.search(head) or UPPER_BOUND.search(head)
        if LOWER_BOUND.search(head) and old < 4:
            continue
        new_num = f"{old // 4:,}" if LOWER_BOUND.search(head) else f"{old * 3 + 7:,}"
        q_start = m.start() - (len(lower.group(0)) if lower else 0)
        restated = text[s:q_start] + new_num + text[m.end(1):e + 1]
        new = text.rstrip() + "\n\n" + restated + "\n"
        at = len(text.rstrip()) + 2 + restated.index(new_num)
        return new, (at, at + len(new_num)), "number-conflict"
    return None


def planted(results):
    outcomes = {}
    jobs = []
    for name, text, pub, r in results:
        for plant in (plant_weekday, plant_yesterday, plant_figure):
            if plant is not plant_figure and not pub:
                continue
            p = plant(text, pub or r["article"]["published"], r["claims"])
            if p:
                new, span, rule = p
                jobs.append((name, plant.__name__, new, pub, span, rule))
    redone = extract_all([(j[0], j[2], j[3]) for j in jobs])
    for (name, kind, _new, _pub, span, rule), (_, _, _, r) in zip(jobs, redone):
        hit = found(r, rule, *span)
        got = outcomes.setdefault(kind, [0, 0])
        got[0] += hit
        got[1] += 1
        if not hit and not QUIET:
            print(f"  missed {kind} in {name} at {span}")
    return outcomes


# ---------------------------------------------------------------------------- 3. dates

DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def date_accuracy(docs, results):
    gold_n = matched = right = pred_n = pred_right = 0
    for (name, _text, _dct, gold), (_, _, _, r) in zip(docs, results):
        dates = [c for c in r["claims"] if c["kind"] == "date"]
        days = [g for g in gold if g[2] and DAY.match(g[2])]
        for s, e, v, q in days:
            gold_n += 1
            over = [c for c in dates if c["start"] < e and s < c["end"]]
            if over:
                matched += 1
                if any(c["value"].get("date") == v for c in over):
                    right += 1
                elif not QUIET:
                    print(f"  {name}: '{q}' is {v}, read as {[c['value'].get('date') for c in over]}")
        for c in dates:
            if not c["value"].get("date"):
                continue
            pred_n += 1
            if any(g[0] < c["end"] and c["start"] < g[1] and g[2] == c["value"]["date"] for g in gold):
                pred_right += 1
            elif not QUIET:
                print(f"  {name}: '{c['text']}' read as {c['value']['date']}, gold says "
                      f"{[g[2] for g in gold if g[0] < c['end'] and c['start'] < g[1]] or 'no date'}")
    return gold_n, matched, right, pred_n, pred_right


def main():
    bbc = bbc_articles()
    docs = timebank_docs()
    if not bbc and not docs:
        return
    if not BIN.exists():
        raise SystemExit(f"{BIN} not found: run `cargo build --release` first")
    print("== 1. findings on unplanted real news (each one is printed to be read)")
    bbc_res = extract_all(bbc)
    tb_res = extract_all([(n, t, d) for n, t, d, _ in docs])
    for label, res in (("BBC News 2004-05", bbc_res), ("TimeBank/AQUAINT", tb_res)):
        if res:
            n, total, per_rule = false_findings(res)
            print(f"{label}: {n} articles, {total} findings = {100 * total / n:.1f} per 100 articles {per_rule}")
    print("== 2. planted errors in copies of the real articles")
    outcomes = planted(bbc_res + tb_res)
    hit = sum(o[0] for o in outcomes.values())
    tried = sum(o[1] for o in outcomes.values())
    for kind, (h, t) in sorted(outcomes.items()):
        print(f"{kind}: {h}/{t} found")
    if tried:
        print(f"planted errors found: {hit}/{tried} = {hit / tried:.1%} (goal: at least 80%)")
    if docs:
        print("== 3. day-precise dates against the TimeBank/AQUAINT gold annotations")
        g, m, r, p, pr = date_accuracy(docs, tb_res)
        print(f"gold day-precise dates {g}: recall {m / g:.3f}, exact-value accuracy {r / max(m, 1):.3f} "
              f"(of those found), precision {pr / max(p, 1):.3f} ({pr}/{p} claimed days right)")
    print("== 4. measurements (set CD_BEFORE to an older claimdesk to see what they were)")
    for label, res in (("BBC News 2004-05", bbc_res), ("TimeBank/AQUAINT", tb_res)):
        if res:
            measures(label, res)


def measures(label, results):
    """Measure claims by quantity; with $CD_BEFORE (an older claimdesk), which claims of that
    binary became measures and how the findings changed."""
    by_q = {}
    for *_, r in results:
        for c in r["claims"]:
            if c["kind"] == "measure":
                q = c["value"].get("quantity") or "?"
                by_q[q] = by_q.get(q, 0) + 1
    print(f"{label}: {sum(by_q.values())} measures {dict(sorted(by_q.items()))}")
    before_bin = os.environ.get("CD_BEFORE")
    if not before_bin:
        return
    before = extract_all([(n, t, d) for n, t, d, _ in results], pathlib.Path(before_bin))
    became, findings_before, findings_after = {}, 0, 0
    for (name, _, _, now), (_, _, _, old) in zip(results, before):
        old_kind = {(c["start"], c["end"]): c["kind"] for c in old["claims"]}
        old_start = {c["start"]: c["kind"] for c in old["claims"]}
        for c in now["claims"]:
            if c["kind"] != "measure":
                continue
            k = old_kind.get((c["start"], c["end"])) or old_start.get(c["start"]) or "none"
            became[k] = became.get(k, 0) + 1
        findings_before += len(old["findings"])
        findings_after += len(now["findings"])
    print(f"  measures were, before: {dict(sorted(became.items()))}; "
          f"findings {findings_before} before, {findings_after} now")
    if not QUIET:
        for name, _, _, r in results:
            for c in r["claims"]:
                if c["kind"] == "measure":
                    print(f"    {name}: {c['text']!r} {c['value'].get('si_low')} {c['value'].get('quantity')} of {c['value'].get('subject')}")


if __name__ == "__main__":
    main()
