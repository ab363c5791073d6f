#!/usr/bin/env python3
"""Exports a trained decoder head (weights.pt from train_decoder.py) to ONNX for the translate plugin.

Large weights are stored as float16 initializers behind Cast nodes: the file is half the size, ONNX Runtime
folds the casts at load, and nothing is lost because training already kept the best weights in float16.
Also writes parity.json: inputs and the PyTorch outputs of a first step (empty past) and a second step (with
past), which the plugin's tests replay through ONNX Runtime (tolerance 1e-4).

  python3 training/translate/export_decoder.py data/translate-run/dropout-0.3/weights.pt models/heads/translate-en-es
"""
import json, os, sys

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

sys.path.insert(0, os.path.dirname(__file__))
from decoder import BOS, DecoderHead, input_names, output_names  # noqa: E402


def store_half(path):
    model = onnx.load(path)
    graph = model.graph
    kept, casts = [], []
    for tensor in graph.initializer:
        array = numpy_helper.to_array(tensor)
        if tensor.data_type == TensorProto.FLOAT and array.size >= 4096:
            kept.append(numpy_helper.from_array(array.astype(np.float16), tensor.name + "_f16"))
            casts.append(helper.make_node("Cast", [tensor.name + "_f16"], [tensor.name], to=TensorProto.FLOAT))
        else:
            kept.append(tensor)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def main():
    weights, out = sys.argv[1], sys.argv[2]
    saved = torch.load(weights, map_location="cpu")
    model = DecoderHead(**saved["config"])
    model.load_state_dict({k: v.float() for k, v in saved["model"].items()})
    model.eval()
    layers, heads, width = saved["config"]["layers"], saved["config"]["heads"], saved["config"]["width"]
    torch.manual_seed(0)
    enc = torch.randn(2, 7, saved["config"]["source_width"])
    mask = torch.tensor([[1] * 7, [1] * 5 + [0] * 2])
    ids = torch.tensor([[BOS, 17, 250], [BOS, 99, 4]])
    past = [torch.randn(2, heads, 3, width // heads) for _ in range(2 * layers)]
    path = os.path.join(out, "decoder_model_merged.onnx")
    dynamic = {"input_ids": {0: "batch", 1: "new"}, "encoder_hidden_states": {0: "batch", 1: "source"},
               "encoder_attention_mask": {0: "batch", 1: "source"}, "logits": {0: "batch", 1: "new"}}
    for name in input_names(layers)[3:]:
        dynamic[name] = {0: "batch", 2: "past"}
    for name in output_names(layers)[1:]:
        dynamic[name] = {0: "batch", 2: "total"}
    with torch.no_grad():
        torch.onnx.export(model, (ids, enc, mask, *past), path, input_names=input_names(layers), output_names=output_names(layers),
                          dynamic_axes=dynamic, opset_version=14, do_constant_folding=False)
    store_half(path)

    with torch.no_grad():
        first = model(ids, enc, mask, *model.empty_past(2, "cpu"))
        second = model(torch.tensor([[5], [6]]), enc, mask, *first[1:])
    sample = {
        "encoder_hidden_states": enc.flatten().tolist(), "encoder_attention_mask": mask.flatten().tolist(),
        "shape": [2, 7, saved["config"]["source_width"]], "heads": heads, "head_size": width // heads, "layers": layers,
        "steps": [
            {"input_ids": ids.tolist(), "logits_first8": first[0][:, :, :8].flatten().tolist(), "logits_argmax": first[0].argmax(-1).tolist()},
            {"input_ids": [[5], [6]], "logits_first8": second[0][:, :, :8].flatten().tolist(), "logits_argmax": second[0].argmax(-1).tolist()},
        ],
    }
    json.dump(sample, open(os.path.join(out, "parity.json"), "w"))
    print(f"exported {path} ({os.path.getsize(path) / 1e6:.1f} MB) and parity.json")


if __name__ == "__main__":
    main()
