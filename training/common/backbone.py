"""A PyTorch copy of the frozen backbone (BERT-family encoder, e.g. all-MiniLM-L6-v2) for training heads
where the ONNX runtime is not at hand (a GPU box). Weights come from the same model.onnx the host runs,
so the features match the host's within float rounding; check_parity() proves it on a sample the C# backbone
wrote.

  python3 training/common/backbone.py pack models/backbone/model.onnx data/gpu/backbone.npz
  python3 training/common/backbone.py check data/gpu/backbone.npz data/translate/parity-ids.txt data/translate/parity-hidden.f32
"""
import math
import sys

import numpy as np
import torch
from torch import nn


class Layer(nn.Module):
    def __init__(self, hidden, heads, inter, eps):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
        self.attention_output = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, inter)
        self.output = nn.Linear(inter, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x, bias):
        b, t, h = x.shape
        split = lambda y: y.view(b, t, self.heads, h // self.heads).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(h // self.heads) + bias
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        x = self.attention_norm(x + self.attention_output(context))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class Backbone(nn.Module):
    def __init__(self, vocab, hidden, layers, heads, inter, positions, eps=1e-12):
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.position = nn.Embedding(positions, hidden)
        self.token_type = nn.Embedding(2, hidden)
        self.norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(Layer(hidden, heads, inter, eps) for _ in range(layers))

    def embed(self, ids, types=None):
        positions = torch.arange(ids.shape[1], device=ids.device)
        kind = self.token_type.weight[0] if types is None else self.token_type(types)
        return self.norm(self.word(ids) + self.position(positions)[None] + kind)

    @staticmethod
    def mask_bias(mask, dtype=torch.float32):
        return (1.0 - mask[:, None, None, :].to(dtype)) * -10000.0

    def forward(self, ids, mask, types=None, upto=None):
        """The hidden states after layer `upto` (1-based; None = the last), as the ONNX graph computes them.
        `types` are the segment ids the host passes as token_type_ids (None = all zeros)."""
        x = self.embed(ids, types)
        bias = self.mask_bias(mask, x.dtype)
        for layer in self.layers[:upto]:
            x = layer(x, bias)
        return x


_NAMES = {"attention.self.query": "query", "attention.self.key": "key", "attention.self.value": "value",
          "attention.output.dense": "attention_output", "attention.output.LayerNorm": "attention_norm",
          "intermediate.dense": "intermediate", "output.dense": "output", "output.LayerNorm": "output_norm"}


def _rename(name):
    if name.startswith("embeddings."):
        table = {"word_embeddings": "word", "position_embeddings": "position", "token_type_embeddings": "token_type", "LayerNorm": "norm"}
        rest = name[len("embeddings."):]
        if "." not in rest:
            return None
        part, leaf = rest.rsplit(".", 1)
        return f"{table[part]}.{leaf}" if part in table else None
    if name.startswith("encoder.layer."):
        rest = name[len("encoder.layer."):]
        index, rest = rest.split(".", 1)
        module, leaf = rest.rsplit(".", 1)
        return f"layers.{index}.{_NAMES[module]}.{leaf}" if module in _NAMES else None
    return None


def read_onnx_weights(onnx_path):
    """The weights of an HF BERT export under this module's names. Linear weights are anonymous MatMul
    initializers there; each is named after the bias its MatMul output is added to."""
    import onnx
    from onnx import numpy_helper
    model = onnx.load(onnx_path)
    init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    consumers = {}
    for node in model.graph.node:
        for i in node.input:
            consumers.setdefault(i, []).append(node)
    weights = {}
    for name, value in init.items():
        renamed = _rename(name)
        if renamed:
            weights[renamed] = value
    for node in model.graph.node:
        if node.op_type == "MatMul" and node.input[1] in init:
            add = next(n for n in consumers[node.output[0]] if n.op_type == "Add")
            bias = next(i for i in add.input if i in init)
            weights[_rename(bias).rsplit(".", 1)[0] + ".weight"] = init[node.input[1]].T
    return weights


_CONFIG_KEYS = ("vocab", "hidden", "layers", "heads", "inter", "positions")


def _config(weights):
    config = {"vocab": weights["word.weight"].shape[0], "hidden": weights["word.weight"].shape[1],
              "layers": len({k.split(".")[1] for k in weights if k.startswith("layers.")}),
              "inter": weights["layers.0.intermediate.weight"].shape[0], "positions": weights["position.weight"].shape[0]}
    config["heads"] = config["hidden"] // 32 if config["hidden"] % 32 == 0 else 12
    return config


def _build(config, weights, device):
    model = Backbone(*(int(config[k]) for k in _CONFIG_KEYS))
    model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in weights.items()})
    return model.to(device).eval().requires_grad_(False)


def pack(onnx_path, out_path):
    weights = read_onnx_weights(onnx_path)
    config = _config(weights)
    np.savez_compressed(out_path, **{k: v.astype(np.float16) for k, v in weights.items()},
                        __config__=np.array([config[k] for k in _CONFIG_KEYS]))
    print(f"packed {len(weights)} tensors {config} into {out_path}")


def load(path, device="cpu"):
    """The encoder from a pack()ed file (float16 weights, computed in float32)."""
    data = np.load(path)
    config = dict(zip(_CONFIG_KEYS, data["__config__"]))
    return _build(config, {k: data[k] for k in data.files if k != "__config__"}, device)


def load_onnx(onnx_path, device="cpu"):
    """The encoder straight from model.onnx, float32 weights: exact, for work on the machine that has the file."""
    weights = read_onnx_weights(onnx_path)
    return _build(_config(weights), weights, device)


def check_parity(path, ids_file, hidden_file):
    model = load(path)
    expected = np.fromfile(hidden_file, dtype=np.float32)
    offset, worst = 0, 0.0
    for line in open(ids_file):
        ids = torch.tensor([[int(x) for x in line.split()]])
        with torch.no_grad():
            got = model(ids, torch.ones_like(ids))[0].numpy().ravel()
        want = expected[offset:offset + got.size]
        offset += got.size
        worst = max(worst, float(np.abs(got - want).max()))
    print(f"max |torch - onnx| over the sample: {worst:.2e} (weights stored as float16)")
    return worst


if __name__ == "__main__":
    if sys.argv[1] == "pack":
        pack(sys.argv[2], sys.argv[3])
    else:
        check_parity(sys.argv[2], sys.argv[3], sys.argv[4])
