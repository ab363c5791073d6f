#!/usr/bin/env bash
# Everything the QA README reports for the branch head, in order, on the CPU (run after export, from the repo root,
# after 'dotnet build src/NlpHost -c Release'): no-answer calibration on the selection articles, then the figures.
# Every figure is on every question by default; on a starved CPU sample with every n-th question:
#   CAL_EVERY=2 DEV_EVERY=10 UN_EVERY=20 HELD_EVERY=20 training/qa/eval_branch.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export NLPHOST_Plugins__qa__Head=branch  # the branch head, whatever the default
nlphost="nice -n ${NICE:-19} dotnet src/NlpHost/bin/Release/net10.0/nlphost.dll"
dev=../shared/data/squad/squad-v1.1-dev-part-a.json
pairs=data/qa-unanswerable-dev.json
mkdir -p data/qa-eval
[ -f $pairs ] || /usr/bin/python3 training/qa/make_unanswerable.py $dev $pairs
echo "== 1. calibration: selection articles, answerable + unanswerable pairs, raw margins"
/usr/bin/python3 - <<'PY'
import json; p = "models/heads/qa-branch/manifest.json"; m = json.load(open(p)); m["calibration"] = {"scale": 0.05, "bias": 0.0}; m["noAnswerThreshold"] = 0.0; json.dump(m, open(p, "w"), indent=1)
PY
$nlphost eval qa --data $dev,$pairs --options "{\"articles\":\"selection\",\"noAnswerThreshold\":0,\"every\":${CAL_EVERY:-1}}" --out data/qa-eval/selection.json
/usr/bin/python3 training/qa/calibrate_no_answer.py --predictions data/qa-eval/selection.json --manifest models/heads/qa-branch/manifest.json
echo "== 2. development: all 36 articles (EM/F1; kept rate at the default threshold)"
$nlphost eval qa --data $dev --options "{\"every\":${DEV_EVERY:-1}}" --out data/qa-eval/dev.json
echo "== 3. unanswerable pairs on the articles not used for selection/calibration (no-answer rate at the default threshold)"
$nlphost eval qa --data $pairs --options "{\"articles\":\"report\",\"every\":${UN_EVERY:-1}}" --out data/qa-eval/unanswerable-report.json
echo "== 4. held-out sources, one row per source"
h=../shared/data/qa
$nlphost eval qa --data $h/subjqa.json,$h/friendsqa.json,$h/bioasq-factoid-snippets.json,$h/mrqa-ood-duorc-race-re.json --options "{\"every\":${HELD_EVERY:-1}}" --out data/qa-eval/heldout.json
echo "== 5. held-out sources with every answer kept (noAnswerThreshold 0): what the span quality is without the SQuAD-fitted threshold"
$nlphost eval qa --data $h/subjqa.json,$h/friendsqa.json,$h/bioasq-factoid-snippets.json,$h/mrqa-ood-duorc-race-re.json --options "{\"every\":${HELD_EVERY:-1},\"noAnswerThreshold\":0}" --out data/qa-eval/heldout-threshold0.json
