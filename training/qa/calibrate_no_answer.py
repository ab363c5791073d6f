#!/usr/bin/env python3
"""Calibrates the branch head's answer score and picks the default noAnswerThreshold, then writes both into the
head's manifest. The input is one `nlphost eval qa --out` predictions file made with the head's calibration at a small
scale s and bias 0 (so each score is sigmoid(s * margin), margin = start + end logit of the span - those of [CLS]) on the *selection*
articles only (`--options '{"articles":"selection","noAnswerThreshold":0}'`) of two files: the answerable development
questions and the unanswerable pairs (make_unanswerable.py; its predictions are those with no gold answer). Platt scaling: a logistic fit of P(answer right | margin), where an answerable
question's best span is right when its SQuAD F1 >= 0.5 and an unanswerable pair's span is always wrong. The
threshold is the highest calibrated score that still keeps an answer for --keep of the answerable selection questions.
Rates on the other development articles are then measured with `nlphost eval qa --options '{"articles":"report"}'`.

  python3 training/qa/calibrate_no_answer.py --predictions data/qa-eval/selection.json --manifest models/heads/qa-branch/manifest.json
"""
import argparse, json, math, os, sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_branch import DEV, f1_score, squad_answers  # noqa: E402


def margins(path, unanswerable, scale):
    """Each prediction's raw margin, recovered from its score sigmoid(scale * margin). The evaluation runs with a small
    scale (eval_branch.sh: 0.05) because a trained head's margins reach +-40, where sigmoid(margin) rounds to 0 or 1
    and the margins would be lost."""
    predictions = [p for p in json.load(open(path))["predictions"] if p["id"].endswith("-unanswerable") == unanswerable]
    clipped = lambda p: min(max(p, 1e-15), 1 - 1e-15)
    return [(p["id"], p["answer"], math.log(clipped(p["score"]) / (1 - clipped(p["score"]))) / scale) for p in predictions]


def fit(x, y, steps=200, l2=1e-3):
    """Logistic regression y ~ sigmoid(a x + b) by damped Newton steps with a small L2 penalty on a (so a separable
    set cannot send the slope to infinity), on standardised margins."""
    mu, sd = float(x.mean()), float(x.std() or 1.0)
    z = (x - mu) / sd
    a, b = 1.0, 0.0

    def loss(a, b):
        t = a * z + b
        return float(np.sum(np.logaddexp(0, t) - y * t) + 0.5 * l2 * len(z) * a * a)

    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(a * z + b, -500, 500)))
        g = np.array([np.sum((p - y) * z) + l2 * len(z) * a, np.sum(p - y)])
        w = p * (1 - p) + 1e-9
        h = np.array([[np.sum(w * z * z) + l2 * len(z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]])
        step = np.linalg.solve(h, g)
        t = 1.0
        while loss(a - t * step[0], b - t * step[1]) > loss(a, b) and t > 1e-4:
            t /= 2
        a, b = a - t * step[0], b - t * step[1]
        if np.abs(t * step).max() < 1e-10:
            break
    return float(a / sd), float(b - a * mu / sd)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--predictions", required=True)
    p.add_argument("--dev-json", default=DEV)
    p.add_argument("--manifest", required=True)
    p.add_argument("--keep", type=float, default=0.91)
    a = p.parse_args()
    _, answers, _ = squad_answers(a.dev_json)
    used = json.load(open(a.manifest)).get("calibration", {})
    if used.get("bias", 0.0) != 0.0:
        sys.exit("the predictions must come from an evaluation with calibration bias 0 (eval_branch.sh sets it)")
    eval_scale = float(used.get("scale", 1.0))
    rows = [(m, float(max(f1_score(text, t) for t in answers[qid]) >= 0.5), 1) for qid, text, m in margins(a.predictions, False, eval_scale)]
    rows += [(m, 0.0, 0) for _, _, m in margins(a.predictions, True, eval_scale)]
    x, y, answerable = (np.array(c, dtype=float) for c in zip(*rows))
    scale, bias = fit(x, y)
    calibrated = 1 / (1 + np.exp(-(scale * x + bias)))
    kept_scores = np.sort(calibrated[answerable == 1])
    threshold = float(kept_scores[int(math.floor((1 - a.keep) * len(kept_scores)))])
    kept = float(np.mean(calibrated[answerable == 1] >= threshold))
    refused = float(np.mean(calibrated[answerable == 0] < threshold))
    # Reliability: mean predicted probability against the share right, by decile of the calibrated score.
    order = np.argsort(calibrated)
    bins = [{"predicted": round(float(calibrated[b].mean()), 3), "right": round(float(y[b].mean()), 3), "n": int(len(b))}
            for b in np.array_split(order, 10)]
    manifest = json.load(open(a.manifest))
    manifest["calibration"] = {"scale": round(scale, 6), "bias": round(bias, 6), "method": "Platt scaling of the span's margin over [CLS] (start + end logits); right = SQuAD F1 >= 0.5; fitted on the selection articles' answerable questions and unanswerable pairs",
                               "fitted_on": {"answerable": int(answerable.sum()), "unanswerable": int((answerable == 0).sum())}, "reliability": bins}
    manifest["noAnswerThreshold"] = math.floor(threshold * 1e4) / 1e4  # rounded down: never keeps fewer
    manifest["noAnswerSelection"] = {"kept_rate": round(100 * kept, 1), "no_answer_rate": round(100 * refused, 1), "keep_target": a.keep}
    json.dump(manifest, open(a.manifest, "w"), indent=1)
    print(json.dumps({"scale": scale, "bias": bias, "threshold": threshold, "selection_kept": kept, "selection_no_answer": refused, "reliability": bins}, indent=1))


if __name__ == "__main__":
    main()
