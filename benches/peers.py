#!/usr/bin/env python3
"""Side by side with the tools users would otherwise reach for, on the same labelled corpus:
Python's dateparser (search.search_dates) for dates and quantulum3 for quantities, against
claimdesk. Installs both in benches/.venv on first run.

Run: python3 benches/peers.py   (after `cargo build --release`)

Spans differ between tools ("on Thursday" vs "Thursday"), so a labelled claim counts as found
when an extracted item of the right family overlaps it, for every tool alike. A value is right
when a date equals the labelled date, or a number lies in the labelled range. Precision counts
extracted items that overlap no labelled claim of their family.
"""
import datetime
import json
import pathlib
import re
import subprocess
import sys
import time
import venv
import warnings

ROOT = pathlib.Path(__file__).resolve().parent.parent
VENV = ROOT / "benches" / ".venv"
PEERS = ["dateparser==1.5.0", "quantulum3==0.10.0"]


def ensure_venv():
    py = VENV / "bin" / "python"
    if not py.exists():
        venv.create(VENV, with_pip=True)
    if subprocess.run([str(py), "-c", "import dateparser, quantulum3"], capture_output=True).returncode != 0:
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEERS], check=True)
    if pathlib.Path(sys.prefix).resolve() != VENV.resolve():
        sys.exit(subprocess.run([str(py), __file__, *sys.argv[1:]]).returncode)


def corpus():
    dirs = [(ROOT / "fixtures", ROOT / "fixtures" / "labels")]
    shared = ROOT.parent / "shared"
    if shared.exists():
        dirs.append((shared, shared / "labels"))
    for root, labels in dirs:
        for f in sorted(labels.glob("*.json")):
            lab = json.loads(f.read_text(encoding="utf-8"))
            body = (root / lab["file"]).read_bytes().decode("utf-8")
            yield lab["file"], body, lab


def sentences(body):
    """(start, text) for each line and each ". "-separated piece: what a user would feed a peer."""
    out = []
    for m in re.finditer(r"[^\r\n]+", body):
        line, base = m.group(0), m.start()
        for s in re.finditer(r"[^.!?]+(?:[.!?]+|$)", line):
            if s.group(0).strip():
                out.append((base + s.start(), s.group(0)))
    return out


FAMILY = {"date": "date", "count": "quantity", "money": "quantity", "percent": "quantity", "duration": "quantity"}


def in_range(x, v):
    lo, hi = v.get("low"), v.get("high")
    return (lo is None or x >= lo - 1e-9) and (hi is None or x <= hi + 1e-9)


def score(name, items, labels_by_article):
    """items: list of (article, family, start, end, value) from one tool."""
    rows = {}
    for fam in ("date", "quantity"):
        labelled = [(a, l) for a, ls in labels_by_article.items() for l in ls if FAMILY[l["kind"]] == fam]
        got = [i for i in items if i[1] == fam]
        found = right = 0
        for a, l in labelled:
            hits = [i for i in got if i[0] == a and i[2] < l["end"] and l["start"] < i[3]]
            if hits:
                found += 1
                ok = False
                for h in hits:
                    if fam == "date":
                        ok |= h[4] is not None and h[4] == l["value"].get("date")
                    else:
                        ok |= h[4] is not None and in_range(h[4], l["value"])
                right += ok
        extra = sum(1 for i in got if not any(a == i[0] and i[2] < l["end"] and l["start"] < i[3] and FAMILY[l["kind"]] == fam for a, ls in labels_by_article.items() for l in ls))
        rows[fam] = (found / max(len(labelled), 1), (len(got) - extra) / max(len(got), 1), right / max(found, 1))
    return rows


def main():
    ensure_venv()
    warnings.filterwarnings("ignore")
    from dateparser.search import search_dates
    from quantulum3 import parser as qparser

    arts = list(corpus())
    labels = {name: lab["claims"] for name, _, lab in arts}
    n_sent = sum(len(sentences(body)) for _, body, _ in arts)
    results = {}

    # dateparser
    items, t = [], time.perf_counter()
    for name, body, lab in arts:
        base = datetime.datetime.fromisoformat(lab["published"]) if lab.get("published") else None
        for start, s in sentences(body):
            found = search_dates(s, languages=["en"], settings={"RELATIVE_BASE": base} if base else None) or []
            pos = 0
            for text, dt in found:
                i = s.find(text, pos)
                if i < 0:
                    continue
                pos = i + len(text)
                items.append((name, "date", start + i, start + i + len(text), dt.date().isoformat()))
    results["dateparser"] = (score("dateparser", items, labels), n_sent / (time.perf_counter() - t))

    # quantulum3
    items, t = [], time.perf_counter()
    for name, body, lab in arts:
        for start, s in sentences(body):
            for q in qparser.parse(s):
                a, b = q.span
                items.append((name, "quantity", start + a, start + b, float(q.value)))
    results["quantulum3"] = (score("quantulum3", items, labels), n_sent / (time.perf_counter() - t))

    # claimdesk, one process per article, the same scoring
    exe = ROOT / "target" / "release" / "claimdesk"
    items, t = [], time.perf_counter()
    for name, body, lab in arts:
        args = [str(exe), "extract", "-", "--format", "json"]
        if lab.get("published"):
            args += ["--published", lab["published"]]
        out = json.loads(subprocess.run(args, input=body.encode(), capture_output=True, check=True).stdout)
        for c in out["claims"]:
            v = c["value"]
            val = v.get("date") if c["kind"] == "date" else (v.get("low") if v.get("low") is not None else v.get("high"))
            items.append((name, FAMILY.get(c["kind"], "other"), c["start"], c["end"], val))
    results["claimdesk"] = (score("claimdesk", items, labels), n_sent / (time.perf_counter() - t))

    print(f"{len(arts)} labelled articles, {n_sent} sentences\n")
    print("| tool | family | recall | precision | value accuracy | sentences/s |")
    print("|---|---|---|---|---|---|")
    for tool, (rows, speed) in results.items():
        for fam, (rec, prec, acc) in rows.items():
            if (tool, fam) in (("dateparser", "quantity"), ("quantulum3", "date")):
                continue
            print(f"| {tool} | {fam} | {rec:.3f} | {prec:.3f} | {acc:.3f} | {speed:,.0f} |")


if __name__ == "__main__":
    main()
