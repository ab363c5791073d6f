#!/usr/bin/env bash
# Everything the QA README reports for the branch head, in order, on the CPU (run after export, from the repo root,
# after 'dotnet build src/NlpHost -c Release'): calibration on the selection articles, then the development figures.
# Usage: training/qa/eval_branch.sh [held-out sample: every N-th question of each source, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
every=${1:-10}
nlphost="nice -n 19 dotnet src/NlpHost/bin/Release/net10.0/nlphost.dll"
dev=../shared/data/squad/squad-v1.1-dev-part-a.json
mkdir -p data/qa-eval
[ -f data/qa-unanswerable-dev.json ] || /usr/bin/python3 training/qa/make_unanswerable.py $dev data/qa-unanswerable-dev.json
[ -f data/qa-unanswerable-dev-every10.json ] || /usr/bin/python3 training/qa/make_unanswerable.py $dev data/qa-unanswerable-dev-every10.json 10
echo "== 1. calibration: selection articles, answerable + unanswerable pairs, raw margins"
/usr/bin/python3 - <<'PY'
import json; p = "models/heads/qa-branch/manifest.json"; m = json.load(open(p)); m["calibration"] = {"scale": 1.0, "bias": 0.0}; m["noAnswerThreshold"] = 0.0; json.dump(m, open(p, "w"), indent=1)
PY
$nlphost eval qa --data $dev,data/qa-unanswerable-dev.json --options '{"articles":"selection","noAnswerThreshold":0}' --out data/qa-eval/selection.json
/usr/bin/python3 training/qa/calibrate_no_answer.py --predictions data/qa-eval/selection.json --manifest models/heads/qa-branch/manifest.json
echo "== 2. development: all 36 articles (EM/F1, kept rate at the default threshold)"
$nlphost eval qa --data $dev --out data/qa-eval/dev-all.json
echo "== 3. unanswerable pairs (every 10th) on the articles not used for selection/calibration"
$nlphost eval qa --data data/qa-unanswerable-dev-every10.json --options '{"articles":"report"}' --out data/qa-eval/unanswerable-report.json
echo "== 4. held-out sources (every ${every}th question of each), one row per source"
h=../shared/data/qa
$nlphost eval qa --data $h/subjqa.json,$h/friendsqa.json,$h/bioasq-factoid-snippets.json,$h/mrqa-ood-duorc-race-re.json --options "{\"every\":$every}" --out data/qa-eval/heldout.json
