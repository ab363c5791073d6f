#!/usr/bin/env bash
# CPU fine-tune of the committed English->Spanish head on news + documentation + a Tatoeba share (issue 21), from
# the data to a candidate head in data/translate-ft/head (the committed head is left alone; compare the two with
# bench/translate-sources.sh, then copy the candidate over models/heads/translate-en-es if it wins).
# Rerunning resumes the training from data/translate-ft/run/checkpoint.pt.
# Usage: [MINUTES=40] [THREADS=2] training/translate/finetune-cpu.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
[ -d data/translate-sources ] || $py training/translate/split_sources.py
[ -f data/translate/train.tsv ] || $py training/translate/prepare.py ../shared/data/translation/en-es.tsv --keep-vocab
if [ ! -f data/translate-ft/select.tgt.ids ]; then
  $py training/translate/make_mixture.py --tatoeba-pairs 20000 --select-per-source 80 --tatoeba-select 200
  dotnet run --file training/translate/DumpIds.cs -- data/translate-ft 128 train select
  for s in train select; do
    cut -f2 data/translate-ft/$s.tsv | spm_encode --model models/heads/translate-en-es/target.spm --output_format=id > data/translate-ft/$s.tgt.ids
  done
fi
$py training/translate/train_decoder.py --data data/translate-ft --train-split train --dev-split select \
  --backbone models/backbone/model.onnx --init-onnx models/heads/translate-en-es --out data/translate-ft/run \
  --threads "${THREADS:-2}" --minutes "${MINUTES:-40}" --epochs 100 --total-steps 600 \
  --lr 3e-4 --warmup 30 --schedule linear --final-lr 0.1 --dropout 0.1 --batch-tokens 2500 \
  --eval-every 50 --checkpoint-every 25 --max-source 128 --max-target 200
mkdir -p data/translate-ft/head
cp models/heads/translate-en-es/target.spm models/heads/translate-en-es/manifest.json data/translate-ft/head/
$py training/translate/export_decoder.py data/translate-ft/run/weights.pt data/translate-ft/head
$py training/translate/onnx_head.py data/translate-ft/head
$py training/translate/finetune_manifest.py data/translate-ft/run data/translate-ft/head \
  "MINUTES=${MINUTES:-40} THREADS=${THREADS:-2} training/translate/finetune-cpu.sh"
