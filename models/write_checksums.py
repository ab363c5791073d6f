#!/usr/bin/env python3
"""Records the size and sha256 of every shipped model file in the manifest.json of its folder ("checksums"), which the host
checks on first load (src/NlpHost.PluginLoading/Integrity/ModelIntegrity.cs). Rerun after retraining a head:
    python3 models/write_checksums.py
"""
import hashlib, json, os, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
# The shipped artifacts per folder; parity samples and notes are not loaded by the tasks.
FOLDERS = {
    "backbone": ["model.onnx", "vocab.txt"],
    "heads/qa-branch": ["head.onnx"],
    "heads/qa-span": ["head.onnx"],
    "heads/spellcheck-context": ["head.onnx"],
    "heads/summarize-salience": ["head.onnx"],
    "heads/translate-en-es": ["decoder_model_merged.onnx", "target.spm"],
    "spellcheck": ["words.txt.gz", "bigrams.txt.gz", "confusables.txt"],
}

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

for folder, names in FOLDERS.items():
    directory = os.path.join(ROOT, folder)
    manifest_path = os.path.join(directory, "manifest.json")
    manifest, indent = {}, 1
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            text = f.read()
        manifest = json.loads(text)
        lines = text.splitlines()
        # Keep each manifest's own indentation, so the diff is the new key only.
        if len(lines) > 1:
            indent = len(lines[1]) - len(lines[1].lstrip(" ")) or 1
    files = {}
    for name in names:
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            sys.exit(f"{path} not found (build the solution first for the backbone)")
        files[name] = {"bytes": os.path.getsize(path), "sha256": sha256(path)}
    manifest["checksums"] = files
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=indent, ensure_ascii=False)
        f.write("\n")
    print(f"{folder}: {', '.join(names)}")
