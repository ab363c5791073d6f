#!/usr/bin/env python3
"""Writes a fine-tune's record into the head's manifest.json: the mixture (counted from the files it was trained on),
the selection split, the command, the machine (training/common/trainer.py's machine()), the date, minutes and steps, and the dev-loss
curve from the trainer's history.json. The first training's record stays as it was, under "training".

  /usr/bin/python3 training/translate/finetune_manifest.py data/translate-ft/run models/heads/translate-en-es "<the training command>"
"""
import collections, json, os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from trainer import machine  # noqa: E402


def origins(path):
    return dict(collections.Counter(line.rstrip("\n").split("\t")[2] for line in open(path, encoding="utf-8")))


def main():
    run, head, command = sys.argv[1], sys.argv[2], sys.argv[3]
    history = json.load(open(os.path.join(run, "history.json")))
    data = history["args"]["data"]
    path = os.path.join(head, "manifest.json")
    manifest = json.load(open(path))
    manifest["backbone"] = manifest["backbone"].replace("at most 64 pieces",
                                                        "at most 64 pieces in the 2026-11-25 training, 128 in the CPU fine-tune")
    manifest["data"]["finetune_mixture"] = {
        "built_by": "training/translate/split_sources.py (per-source dev parts held out by 20-line block, never used) then "
                    "training/translate/make_mixture.py (caps per source, Tatoeba share, selection split, pairs whose English is in any reported split left out)",
        "train_pairs_by_origin": origins(os.path.join(data, f"{history['args']['train_split']}.tsv")),
        "selection_pairs_by_origin": origins(os.path.join(data, f"{history['args']['dev_split']}.tsv")),
        "length_filter": f"source < {history['args']['max_source']} backbone ids (DumpIds cut at 128), target <= {history['args']['max_target']} ids",
    }
    rows = history["history"]
    best = history["best"]
    manifest["finetune"] = {
        "what": "CPU fine-tune of the 2026-11-25 head (started from models/heads/translate-en-es/decoder_model_merged.onnx via --init-onnx, "
                "weights checked against its parity.json) on news + documentation + a Tatoeba share; same target.spm",
        "command": command,
        "machine": machine(),
        "threads": history["device"],
        "date": time.strftime("%Y-%m-%d", time.gmtime(os.path.getmtime(os.path.join(run, "history.json")))),
        "minutes_training": round(rows[-1]["seconds"] / 60, 1),
        "minutes_wall": round(history["seconds"] / 60, 1),
        "steps": history["steps"],
        "selected_step": best["step"],
        "selection": "lowest mean over sources of the selection split's token loss (never the reported dev splits)",
        "curve": [{k: r[k] for k in ("step", "train_loss", "lr", "seconds", "dev_loss", "select_key", "dev_by_origin") if k in r} for r in rows],
    }
    json.dump(manifest, open(path, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
    open(path, "a").write("\n")
    print(f"wrote the fine-tune record into {path} (selected step {best['step']} of {history['steps']})")


if __name__ == "__main__":
    main()
