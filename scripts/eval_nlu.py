#!/usr/bin/env python3
"""Evaluates a trained model's NLU on the held-out test set (tests/nlu/test_nlu.yml).

Usage:
    python scripts/eval_nlu.py MODEL [--test FILE] [--out DIR] [--check] [--threshold 0.90]

MODEL is a model archive (models/coach-<fingerprint>.tar.gz as written by scripts/train.sh,
or an NLU-only model) or a directory, in which case the newest *.tar.gz in it is used.

Every test message is parsed with the trained model (Agent.parse_message), exactly as the
running assistant would parse it, so FallbackClassifier's nlu_fallback counts as a miss.
Prints:
  - intent accuracy and macro-F1 (over the intents of the test set), the 5 worst intents,
    the most frequent confusions, and the same numbers for DIET's top intent without fallback;
  - entity precision/recall/F1 per entity type and micro-averaged overall, for the DIET
    entities and for the spaCy ones (PERSON, ORG, DATE, TIME). A predicted entity counts as
    correct when its type matches a gold entity and either its value or its text span
    matches (case and whitespace normalised); each gold entity is matched at most once.
    Types the test set never annotates are listed with their prediction count, not scored.
Writes reports/nlu/intent_confusion.png (matplotlib, Agg), reports/nlu/summary.json and
reports/nlu/errors.json. With --check, exits 1 when intent macro-F1 < threshold.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Tuple

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("PYTHONHASHSEED", "0")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the model names custom components (nlu_components.*)
SPACY_TYPES = {"PERSON", "ORG", "DATE", "TIME"}
FALLBACK = "nlu_fallback"


# Facts EntityRoles reads that this older test set does not label (tests/realistic/ measures them).
def parse_args() -> argparse.Namespace:
    """Read the command line."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", help="model .tar.gz, or a directory holding models (newest is used)")
    p.add_argument("--test", default=str(ROOT / "tests" / "nlu" / "test_nlu.yml"))
    p.add_argument("--out", default=str(ROOT / "reports" / "nlu"))
    p.add_argument("--check", action="store_true", help="exit 1 if intent macro-F1 < threshold")
    p.add_argument("--threshold", type=float, default=0.90)
    p.add_argument("--errors", type=int, default=20, help="misclassified messages to print")
    p.add_argument("--junit", help="also write the threshold check as a JUnit XML file")
    return p.parse_args()


def write_junit(path: Path, macro_f1: float, threshold: float) -> None:
    """Write one JUnit test case: intent macro-F1 against the threshold."""
    from xml.sax.saxutils import quoteattr

    case = f'<testcase classname="nlu" name="intent_macro_f1 &gt;= {threshold:.2f}">'
    if macro_f1 < threshold:
        case += f"<failure message={quoteattr(f'macro-F1 {macro_f1:.3f}')}/>"
    case += "</testcase>"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<?xml version="1.0"?>\n<testsuite name="nlu" tests="1">{case}</testsuite>\n')


def resolve_model(path: str) -> Path:
    """Return the model archive named by path (newest archive when path is a folder)."""
    p = Path(path)
    if p.is_dir():
        models = sorted(p.glob("*.tar.gz"), key=lambda f: f.stat().st_mtime)
        if not models:
            sys.exit(f"error: no *.tar.gz model in {p}")
        return models[-1]
    if not p.exists():
        sys.exit(f"error: model not found: {p} (run scripts/train.sh first)")
    return p


def norm(text: Any) -> str:
    """Lower-case text and collapse its whitespace for comparison."""
    return re.sub(r"\s+", " ", str(text)).strip().lower()


def load_test(path: str) -> List[Dict[str, Any]]:
    """Load the test messages with their gold intent and entities."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(path)
    out = []
    for m in data.intent_examples:
        text = m.get("text")
        gold = []
        for e in m.get("entities") or []:
            gold.append(
                {
                    "entity": e["entity"],
                    "value": e.get("value", text[e["start"] : e["end"]]),
                    "text": text[e["start"] : e["end"]],
                }
            )
        out.append({"text": text, "intent": m.get("intent"), "entities": gold})
    if not out:
        sys.exit(f"error: no test examples in {path}")
    return out


async def parse_all(model: Path, texts: List[str]) -> List[Dict[str, Any]]:
    """Parse every text with the trained model, as the running assistant would."""
    import warnings

    from rasa.core.agent import Agent

    warnings.simplefilter("ignore")  # rasa's imports re-enable deprecation warnings
    agent = Agent.load(str(model))
    return [await agent.parse_message(t) for t in texts]


def match_entities(gold: List[Dict], pred: List[Dict]) -> Tuple[List[Tuple[Dict, Dict]], List[Dict], List[Dict]]:
    """Greedy one-to-one matching; returns (matched pairs, unmatched gold, unmatched pred)."""
    free = list(gold)
    matched, fp = [], []
    for p in pred:
        hit = None
        for g in free:
            if g["entity"] != p["entity"]:
                continue
            if norm(g["value"]) == norm(p["value"]) or norm(g["text"]) == norm(p["text"]):
                hit = g
                break
        if hit is None:
            fp.append(p)
        else:
            free.remove(hit)
            matched.append((hit, p))
    return matched, free, fp


def prf(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def intent_report(gold: List[str], pred: List[str], labels: List[str]) -> Dict[str, Any]:
    """Accuracy, macro-F1 and per-intent scores."""
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    return {
        "accuracy": accuracy_score(gold, pred),
        "macro_f1": f1_score(gold, pred, labels=labels, average="macro", zero_division=0),
        "per_intent": {
            label: {"precision": p[i], "recall": r[i], "f1": f[i], "support": int(s[i])}
            for i, label in enumerate(labels)
        },
    }


def plot_confusion(
    gold: List[str], pred: List[str], path: Path, title: str = "NLU intent confusion (test set)"
) -> None:
    """Save a confusion matrix of gold and predicted labels as a PNG."""
    import warnings

    warnings.simplefilter("ignore")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    labels = sorted(set(gold) | set(pred))
    cm = confusion_matrix(gold, pred, labels=labels)
    fig, ax = plt.subplots(figsize=(max(8, len(labels) * 0.55), max(7, len(labels) * 0.5)))
    ax.imshow(cm, cmap="Blues")
    ax.set_xticks(range(len(labels)))
    ax.set_yticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=75, ha="right", fontsize=8)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if cm[i, j]:
                ax.text(
                    j,
                    i,
                    int(cm[i, j]),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if cm[i, j] > cm.max() / 2 else "black",
                )
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def quiet_logs() -> None:
    """Silence Rasa's, TensorFlow's and the warnings' chatter while evaluating."""
    logging.basicConfig(level=logging.ERROR)
    for name in ("rasa", "tensorflow", "absl", "matplotlib", "sqlalchemy"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import warnings

    warnings.filterwarnings("ignore")
    try:  # Rasa 3.6 logs every parsed message through structlog at debug level
        import structlog

        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    except ImportError:
        pass


def main() -> int:
    """Evaluate, print, write the reports and return the exit code."""
    args = parse_args()
    quiet_logs()
    model = resolve_model(args.model)
    tests = load_test(args.test)
    results = asyncio.run(parse_all(model, [t["text"] for t in tests]))

    gold_int = [t["intent"] for t in tests]
    pred_int, raw_int = [], []
    for r in results:
        pred_int.append((r.get("intent") or {}).get("name") or "None")
        ranking = [x["name"] for x in r.get("intent_ranking") or [] if x.get("name") != FALLBACK]
        raw_int.append(ranking[0] if ranking else pred_int[-1])
    labels = sorted(set(gold_int))
    rep = intent_report(gold_int, pred_int, labels)
    raw = intent_report(gold_int, raw_int, labels)

    print(f"model: {model}")
    print(f"test set: {args.test} ({len(tests)} messages, {len(labels)} intents)")
    print("\n== Intents (as the assistant sees them, nlu_fallback counts as a miss)")
    print(f"accuracy  {rep['accuracy']:.3f}")
    print(f"macro-F1  {rep['macro_f1']:.3f}")
    print(f"fallbacks {sum(p == FALLBACK for p in pred_int)}")
    print(f"(DIET top intent ignoring fallback: accuracy {raw['accuracy']:.3f}, macro-F1 {raw['macro_f1']:.3f})")
    worst = sorted(rep["per_intent"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))[:5]
    print("worst 5 intents (F1 / precision / recall / n):")
    for name, m in worst:
        print(f"  {name:28s} {m['f1']:.3f} / {m['precision']:.3f} / {m['recall']:.3f} / {m['support']}")
    pairs = Counter((g, p) for g, p in zip(gold_int, pred_int) if g != p)
    if pairs:
        print("most frequent confusions (gold -> predicted: count):")
        for (g, p), n in pairs.most_common(8):
            print(f"  {g} -> {p}: {n}")

    # Entities
    counts: Dict[str, Counter] = defaultdict(Counter)
    ent_errors = []
    # Types the test set never annotates (e.g. EntityRoles' topic, thanks, edit) are counted, not scored:
    # every prediction of them would count as a false positive.
    annotated = {g["entity"] for t in tests for g in t["entities"]}
    unscored: Counter = Counter()
    for t, r in zip(tests, results):
        unscored.update(e["entity"] for e in r.get("entities") or [] if e["entity"] not in annotated)
        pred = [
            {
                "entity": e["entity"],
                "value": e.get("value"),
                "text": t["text"][e["start"] : e["end"]] if "start" in e else e.get("value"),
                "extractor": e.get("extractor"),
            }
            for e in r.get("entities") or []
            if e["entity"] in annotated
        ]
        matched, fn, fp = match_entities(t["entities"], pred)
        for g, _ in matched:
            counts[g["entity"]]["tp"] += 1
        for g in fn:
            counts[g["entity"]]["fn"] += 1
        for p in fp:
            counts[p["entity"]]["fp"] += 1
        if fn or fp:
            ent_errors.append(
                {
                    "text": t["text"],
                    "missed": [(g["entity"], g["value"]) for g in fn],
                    "spurious": [(p["entity"], p["value"], p["extractor"]) for p in fp],
                }
            )
    print("\n== Entities (type + value or span must match)")
    print(f"  {'type':18s} {'P':>6s} {'R':>6s} {'F1':>6s}  tp/fp/fn")
    ent_summary = {}
    for group, members in (("DIET", lambda e: e not in SPACY_TYPES), ("spaCy", lambda e: e in SPACY_TYPES)):
        tot = Counter()
        for ent in sorted(e for e in counts if members(e)):
            c = counts[ent]
            tot.update(c)
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            ent_summary[ent] = {"precision": p, "recall": r, "f1": f, **c}
            print(f"  {ent:18s} {p:6.3f} {r:6.3f} {f:6.3f}  {c['tp']}/{c['fp']}/{c['fn']}")
        p, r, f = prf(tot["tp"], tot["fp"], tot["fn"])
        ent_summary[f"_{group}_micro"] = {"precision": p, "recall": r, "f1": f, **tot}
        print(f"  {group + ' micro':18s} {p:6.3f} {r:6.3f} {f:6.3f}  {tot['tp']}/{tot['fp']}/{tot['fn']}")
    allc = Counter()
    for c in counts.values():
        allc.update(c)
    p, r, f = prf(allc["tp"], allc["fp"], allc["fn"])
    ent_summary["_overall_micro"] = {"precision": p, "recall": r, "f1": f, **allc}
    print(f"  {'overall micro':18s} {p:6.3f} {r:6.3f} {f:6.3f}  {allc['tp']}/{allc['fp']}/{allc['fn']}")
    ent_summary["_not_annotated_predictions"] = dict(sorted(unscored.items()))
    if unscored:
        listed = ", ".join(f"{k} {v}" for k, v in sorted(unscored.items()))
        print(f"  not annotated in this test set, predictions not scored: {listed}")

    errors = [
        {
            "text": t["text"],
            "gold": g,
            "predicted": p,
            "confidence": round((r.get("intent") or {}).get("confidence") or 0.0, 3),
        }
        for t, r, g, p in zip(tests, results, gold_int, pred_int)
        if g != p
    ]
    if errors and args.errors:
        print(f"\n== Misclassified messages ({len(errors)}; first {min(args.errors, len(errors))})")
        for e in errors[: args.errors]:
            print(f"  [{e['gold']} -> {e['predicted']} {e['confidence']:.2f}] {e['text'][:110]}")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    plot_confusion(gold_int, pred_int, out / "intent_confusion.png")
    (out / "summary.json").write_text(
        json.dumps(
            {
                "model": str(model),
                "test": args.test,
                "n": len(tests),
                "intent": rep,
                "intent_without_fallback": raw,
                "confusions": [{"gold": g, "predicted": p, "count": n} for (g, p), n in pairs.most_common()],
                "entities": ent_summary,
            },
            indent=2,
            default=float,
        )
    )
    (out / "errors.json").write_text(json.dumps({"intents": errors, "entities": ent_errors}, indent=2))
    print(f"\nwrote {out / 'intent_confusion.png'}, summary.json, errors.json")

    if args.junit:
        write_junit(Path(args.junit), rep["macro_f1"], args.threshold)
    if args.check and rep["macro_f1"] < args.threshold:
        print(f"FAIL: intent macro-F1 {rep['macro_f1']:.3f} < {args.threshold:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
