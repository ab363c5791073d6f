#!/usr/bin/env python3
"""Fuses the backbone and the QA span head into one ONNX graph with the standard Hugging Face extractive-QA
interface (input_ids, attention_mask, token_type_ids -> start_logits, end_logits), next to vocab.txt and
tokenizer_config.json: the layout users bring, built from our own parts. The plugin runs it through
Plugins:qa:Model:Path, which must give the same answers as backbone + head.

  python3 training/qa/fuse_export.py models/backbone models/heads/qa-span/head.onnx data/qa-fused
"""
import json, os, shutil, sys

import onnx
from onnx import helper


def fuse(backbone_path, head_path):
    backbone, head = onnx.load(backbone_path), onnx.load(head_path)
    rename = {"hidden_states": "last_hidden_state", "attention_mask": "attention_mask"}
    prefix = lambda name: rename.get(name, name if name in ("start_logits", "end_logits") or not name else "head/" + name)
    for tensor in head.graph.initializer:
        tensor.name = prefix(tensor.name)
    for node in head.graph.node:
        node.name = "head/" + node.name
        node.input[:] = [prefix(i) for i in node.input]
        node.output[:] = [prefix(o) for o in node.output]
    graph = helper.make_graph(
        list(backbone.graph.node) + list(head.graph.node), "backbone_with_span_head",
        list(backbone.graph.input), list(head.graph.output),
        list(backbone.graph.initializer) + list(head.graph.initializer))
    opset = max(o.version for o in list(backbone.opset_import) + list(head.opset_import) if o.domain in ("", "ai.onnx"))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="nlphost-fuse")
    model.ir_version = max(backbone.ir_version, head.ir_version)
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    backbone_dir, head_path, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    onnx.save(fuse(os.path.join(backbone_dir, "model.onnx"), head_path), os.path.join(out, "model.onnx"))
    shutil.copy(os.path.join(backbone_dir, "vocab.txt"), os.path.join(out, "vocab.txt"))
    json.dump({"do_lower_case": True, "model_max_length": 256}, open(os.path.join(out, "tokenizer_config.json"), "w"))
    print(f"wrote {out}/model.onnx")
