"""Reads an exported decoder head (decoder_model_merged.onnx + manifest.json + parity.json) back into a DecoderHead,
so that a run can start from the committed head when its PyTorch checkpoint is gone.

Initializers are matched to the module's parameters through the graph: a float16 initializer behind a Cast takes
the Cast's output name; a MatMul weight that does not carry a parameter's name (exporters name some of them
`onnx::MatMul_123`, stored [in, out]) is named after the bias its MatMul output is added to, and transposed unless
a Transpose node already stands between it and the MatMul. Every parameter must be found with its exact shape,
and the loaded module must reproduce the head's parity sample (the PyTorch logits export_decoder.py stored), so a
wrong mapping stops the run instead of fine-tuning a scrambled model.

  /usr/bin/python3 training/translate/onnx_head.py models/heads/translate-en-es    # load + check, prints the worst difference
"""
import json, os, sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from decoder import DecoderHead  # noqa: E402
from onnx_weights import graph_values, named_weights  # noqa: E402

PARITY_TOLERANCE = 1e-3


def config_of(folder, dropout):
    manifest = json.load(open(os.path.join(folder, "manifest.json")))
    arch = manifest["architecture"]
    return dict(vocab=8000, source_width=384, width=arch["width"], layers=arch["layers"], heads=arch["heads"],
                ff=arch["ff"], dropout=dropout, positions=arch["positions"])


def load(folder, dropout=0.1):
    """The head in `folder` as a DecoderHead (float32), checked against its parity sample; raises if anything differs."""
    import onnx
    graph = onnx.load(os.path.join(folder, "decoder_model_merged.onnx")).graph
    values = graph_values(graph)
    config = config_of(folder, dropout)
    config["vocab"], config["source_width"] = values["embed.weight"].shape[0], values["adapter.bridge.weight"].shape[1]
    model = DecoderHead(**config)
    wanted = model.state_dict()
    found = named_weights(graph, values, set(wanted))
    missing = [k for k in wanted if k not in found]
    wrong = [f"{k} {found[k].shape} != {tuple(v.shape)}" for k, v in wanted.items() if k in found and found[k].shape != tuple(v.shape)]
    if missing or wrong:
        raise SystemExit(f"{folder}: cannot map the ONNX head onto DecoderHead: missing {missing[:6]}, shape mismatches {wrong[:6]}")
    model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(found[k])) for k in wanted})
    worst = parity(model, json.load(open(os.path.join(folder, "parity.json"))))
    if worst > PARITY_TOLERANCE:
        raise SystemExit(f"{folder}: weights mapped but the parity sample differs by {worst:.2e} (> {PARITY_TOLERANCE}); the mapping is wrong")
    return model, worst


@torch.no_grad()
def parity(model, sample):
    """Largest |logit difference| over the two stored decoding steps; also requires the same argmax everywhere."""
    model.eval()
    enc = torch.tensor(sample["encoder_hidden_states"], dtype=torch.float32).view(*sample["shape"])
    mask = torch.tensor(sample["encoder_attention_mask"]).view(*sample["shape"][:2])
    past = model.empty_past(enc.shape[0], "cpu")
    worst = 0.0
    for step in sample["steps"]:
        logits, *past = model(torch.tensor(step["input_ids"]), enc, mask, *past)
        got = logits[:, :, :8].flatten()
        worst = max(worst, float((got - torch.tensor(step["logits_first8"])).abs().max()))
        if logits.argmax(-1).tolist() != step["logits_argmax"]:
            return float("inf")
    return worst


if __name__ == "__main__":
    _, difference = load(sys.argv[1])
    print(f"{sys.argv[1]}: every parameter mapped; parity sample within {difference:.2e}")
