"""Builds the tiny random translation models the tests run on (run once; the outputs are committed).

Usage (repo root): /usr/bin/python3 tests/NlpHost.Tasks.Translate.Tests/Fixtures/make_tiny_models.py

tiny-head/    a decoder head in NlpHost's own interface (input_ids, encoder_hidden_states [.., 384],
              encoder_attention_mask, past_key_values.{i}.decoder.* -> logits [.., 8000], present.{i}.decoder.*),
              over the shared backbone and models/heads/translate-en-es/target.spm.
tiny-marian/  a Marian-like encoder-decoder with the Hugging Face optimum file layout: encoder_model.onnx,
              decoder_model_merged.onnx (an If on use_cache_branch between the first-step graph and the
              with-past graph), source.spm, target.spm, vocab.json, config.json; expected.json holds torch's
              own greedy output ids, which the C# generation loop must reproduce exactly.
Weights are random: the outputs are not translations, only a fixed function to check the loading code against.
"""
import json
import math
import os
import subprocess
import tempfile

import onnx
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 14
KV_SHAPE = ["batch", "heads", "length", "head_dim"]
torch.manual_seed(9)


def sinusoids(positions, dim):
    # Marian's static position embeddings: sin in the first half, cos in the second.
    inv = torch.exp(torch.arange(0, dim // 2, dtype=torch.float32) * (-math.log(10000.0) / (dim // 2)))
    angles = positions.float()[:, None] * inv[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)


class Attention(nn.Module):
    def __init__(self, dim, heads, kv_dim=None):
        super().__init__()
        self.heads, self.head_dim = heads, dim // heads
        self.q = nn.Linear(dim, dim)
        self.k = nn.Linear(kv_dim or dim, dim)
        self.v = nn.Linear(kv_dim or dim, dim)
        self.o = nn.Linear(dim, dim)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).transpose(1, 2)

    def project_kv(self, x):
        return self.split(self.k(x)), self.split(self.v(x))

    def forward(self, x, k, v, bias):
        q = self.split(self.q(x)) / math.sqrt(self.head_dim)
        weights = torch.softmax(q @ k.transpose(-1, -2) + bias, dim=-1)
        b, _, t, _ = weights.shape
        return self.o((weights @ v).transpose(1, 2).reshape(b, t, self.heads * self.head_dim))


class DecoderLayer(nn.Module):
    def __init__(self, dim, heads, kv_dim):
        super().__init__()
        self.self_attn, self.cross_attn = Attention(dim, heads), Attention(dim, heads, kv_dim)
        self.ff = nn.Sequential(nn.Linear(dim, 2 * dim), nn.ReLU(), nn.Linear(2 * dim, dim))
        self.n1, self.n2, self.n3 = nn.LayerNorm(dim), nn.LayerNorm(dim), nn.LayerNorm(dim)

    def forward(self, x, past_k, past_v, self_bias, cross_k, cross_v, cross_bias):
        k, v = self.self_attn.project_kv(x)
        if past_k is not None:
            k, v = torch.cat([past_k, k], dim=2), torch.cat([past_v, v], dim=2)
        x = self.n1(x + self.self_attn(x, k, v, self_bias))
        x = self.n2(x + self.cross_attn(x, cross_k, cross_v, cross_bias))
        return self.n3(x + self.ff(x)), k, v


class Decoder(nn.Module):
    """One step (or several new tokens) of a cached decoder; positions come from the past length."""

    def __init__(self, vocab, dim, heads, layers, kv_dim, scale, tied):
        super().__init__()
        self.dim, self.scale = dim, scale
        self.embed = nn.Embedding(vocab, dim)
        nn.init.normal_(self.embed.weight, std=1.0)
        self.layers = nn.ModuleList(DecoderLayer(dim, heads, kv_dim) for _ in range(layers))
        self.bias = nn.Parameter(torch.randn(vocab) * 0.1)
        # Untied, the output is not just the input token again (a tied random model repeats its input).
        self.out = self.embed.weight if tied else nn.Parameter(torch.randn(vocab, dim))

    def cross_kv(self, encoder_states):
        return [l.cross_attn.project_kv(encoder_states) for l in self.layers]

    def run(self, input_ids, encoder_mask, pasts, cross):
        # pasts=None is the first step (no cache): a traced zero-length past would freeze the batch size.
        past_len, new_len = (0 if pasts is None else pasts[0][0].shape[2]), input_ids.shape[1]
        positions = torch.arange(new_len) + past_len
        x = self.embed(input_ids) * self.scale + sinusoids(positions, self.dim)[None]
        total = torch.arange(new_len + past_len)
        self_bias = (total[None, :] > positions[:, None]).float()[None, None] * -1e9
        cross_bias = ((1.0 - encoder_mask.float()) * -1e9)[:, None, None, :]
        presents = []
        for layer, (pk, pv), (ck, cv) in zip(self.layers, pasts or [(None, None)] * len(self.layers), cross):
            x, k, v = layer(x, pk, pv, self_bias, ck, cv, cross_bias)
            presents.append((k, v))
        return x @ self.out.T + self.bias, presents


class Encoder(nn.Module):
    def __init__(self, vocab, dim, heads):
        super().__init__()
        self.dim = dim
        self.embed = nn.Embedding(vocab, dim)
        nn.init.normal_(self.embed.weight, std=1.0)
        self.attn, self.norm = Attention(dim, heads), nn.LayerNorm(dim)

    def forward(self, input_ids, attention_mask):
        x = self.embed(input_ids) * math.sqrt(self.dim) + sinusoids(torch.arange(input_ids.shape[1]), self.dim)[None]
        k, v = self.attn.project_kv(x)
        return self.norm(x + self.attn(x, k, v, ((1.0 - attention_mask.float()) * -1e9)[:, None, None, :]))


def past_names(layers, kind, prefix="past_key_values"):
    return [f"{prefix}.{i}.{kind}.{kv}" for i in range(layers) for kv in ("key", "value")]


def export(module, args, path, inputs, outputs, dynamic):
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=dynamic, opset_version=OPSET,
                      do_constant_folding=False)  # folding would store the tied output matrix a second time, transposed
    return onnx.load(path)


def write_tiny_head():
    out = os.path.join(HERE, "tiny-head")
    os.makedirs(out, exist_ok=True)
    layers, heads, dim = 2, 2, 8
    decoder = Decoder(8000, dim, heads, layers, kv_dim=384, scale=1.0, tied=True).eval()

    class Head(nn.Module):
        def __init__(self):
            super().__init__()
            self.decoder = decoder  # a submodule, so its weights export as initializers

        def forward(self, input_ids, encoder_hidden_states, encoder_attention_mask, *flat):
            pasts = [(flat[2 * i], flat[2 * i + 1]) for i in range(layers)]
            logits, presents = decoder.run(input_ids, encoder_attention_mask, pasts, decoder.cross_kv(encoder_hidden_states))
            return (logits, *[t for kv in presents for t in kv])

    pasts = [torch.randn(1, heads, 3, dim // heads) for _ in range(2 * layers)]
    inputs = ["input_ids", "encoder_hidden_states", "encoder_attention_mask", *past_names(layers, "decoder")]
    outputs = ["logits", *past_names(layers, "decoder", "present")]
    dynamic = {"input_ids": {0: "batch", 1: "new"}, "encoder_hidden_states": {0: "batch", 1: "source"},
               "encoder_attention_mask": {0: "batch", 1: "source"}, "logits": {0: "batch", 1: "new"},
               **{n: {0: "batch", 2: "past"} for n in inputs[3:]}, **{n: {0: "batch", 2: "total"} for n in outputs[1:]}}
    with torch.no_grad():
        export(Head(), (torch.tensor([[2, 5]]), torch.randn(1, 4, 384), torch.ones(1, 4, dtype=torch.long), *pasts),
               os.path.join(out, "decoder_model_merged.onnx"), inputs, outputs, dynamic)
    manifest = {"kind": "tiny random test head (not trained)", "layers": layers, "heads": heads, "headDim": dim // heads,
                "vocabSize": 8000, "bosId": 2, "eosId": 3, "padId": 0}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)


def train_spm(lines, prefix, size):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    subprocess.run(["spm_train", f"--input={f.name}", f"--model_prefix={prefix}", f"--vocab_size={size}", "--model_type=unigram",
                    "--character_coverage=1.0", "--minloglevel=2",
                    # identity: no 230 KB NFKC table in a fixture
                    "--normalization_rule_name=identity", "--hard_vocab_limit=false"], check=True)
    os.replace(prefix + ".model", prefix + ".spm")
    os.remove(prefix + ".vocab")
    os.remove(f.name)


def spm_pieces(model, text):
    return subprocess.run(["spm_encode", f"--model={model}", "--output_format=piece"], input=text, capture_output=True,
                          text=True, check=True).stdout.split()


def merge_decoders(no_past, with_past, layers, out_path):
    """optimum's merged layout: If(use_cache_branch) then the with-past graph else the first-step graph."""
    def as_branch(model, prefix, outer):
        g = model.graph
        rename = lambda n: n if n in outer or n == "" else prefix + n
        for index, node in enumerate(g.node):
            node.name = f"{prefix}{node.name or index}"
            node.input[:] = [rename(n) for n in node.input]
            node.output[:] = [rename(n) for n in node.output]
        for init in g.initializer:
            init.name = rename(init.name)
        for o in g.output:
            o.name = rename(o.name)
        branch = onnx.helper.make_graph(list(g.node), prefix + "branch", [], list(g.output), list(g.initializer))
        return branch, [i for i in g.input]

    def identity(model, sources):
        # The with-past graph does not produce encoder presents: pass the encoder pasts through, as optimum does.
        for i, src in enumerate(sources):
            model.graph.node.append(onnx.helper.make_node("Identity", [src], [f"present.{src.split('.', 1)[1]}"]))
            model.graph.output.append(onnx.helper.make_tensor_value_info(f"present.{src.split('.', 1)[1]}", onnx.TensorProto.FLOAT, KV_SHAPE))
        return model

    encoder_pasts = past_names(layers, "encoder")
    with_past = identity(with_past, encoder_pasts)
    order = ["logits", *[f"present.{i}.{k}.{kv}" for i in range(layers) for k in ("decoder", "encoder") for kv in ("key", "value")]]
    for model in (no_past, with_past):
        by_name = {o.name: o for o in model.graph.output}
        del model.graph.output[:]
        model.graph.output.extend(by_name[n] for n in order)
    outer = {"input_ids", "encoder_attention_mask", "encoder_hidden_states", *past_names(layers, "decoder"), *encoder_pasts}
    then_branch, then_inputs = as_branch(with_past, "with_past_", outer)
    else_branch, else_inputs = as_branch(no_past, "first_", outer)
    inputs = {i.name: i for i in else_inputs + then_inputs}
    order_in = ["input_ids", "encoder_attention_mask", "encoder_hidden_states", *past_names(layers, "decoder"), *encoder_pasts]
    graph_inputs = [inputs[n] for n in order_in if n in inputs]
    graph_inputs.append(onnx.helper.make_tensor_value_info("use_cache_branch", onnx.TensorProto.BOOL, [1]))
    node = onnx.helper.make_node("If", ["use_cache_branch"], order, then_branch=then_branch, else_branch=else_branch)
    graph_outputs = [onnx.helper.make_tensor_value_info(n, onnx.TensorProto.FLOAT, KV_SHAPE if n != "logits" else ["batch", "new", "vocab"])
                     for n in order]
    merged = onnx.helper.make_model(onnx.helper.make_graph([node], "decoder_merged", graph_inputs, graph_outputs),
                                    opset_imports=[onnx.helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(merged)
    onnx.save(merged, out_path)


def write_tiny_marian(pairs):
    out = os.path.join(HERE, "tiny-marian")
    os.makedirs(out, exist_ok=True)
    train_spm([p[0] for p in pairs], os.path.join(out, "source"), 120)
    train_spm([p[1] for p in pairs], os.path.join(out, "target"), 120)
    pieces = set()
    for side, name in ((0, "source"), (1, "target")):
        pieces.update(spm_pieces(os.path.join(out, name + ".spm"), "\n".join(p[side] for p in pairs)))
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in sorted(pieces):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    layers, heads, dim, size = 2, 2, 16, len(vocab)
    config = {"model_type": "marian", "d_model": dim, "decoder_layers": layers, "decoder_attention_heads": heads,
              "encoder_attention_heads": heads, "vocab_size": size, "decoder_start_token_id": size - 1,
              "pad_token_id": size - 1, "eos_token_id": 0, "max_position_embeddings": 64}
    with open(os.path.join(out, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False, indent=0)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)

    encoder = Encoder(size, dim, heads).eval()
    decoder = Decoder(size, dim, heads, layers, kv_dim=dim, scale=1.0, tied=False).eval()

    class FirstStep(nn.Module):
        def __init__(self):
            super().__init__()
            self.decoder = decoder

        def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states):
            cross = decoder.cross_kv(encoder_hidden_states)
            logits, presents = decoder.run(input_ids, encoder_attention_mask, None, cross)
            return (logits, *[t for (k, v), (ck, cv) in zip(presents, cross) for t in (k, v, ck, cv)])

    class WithPast(nn.Module):
        def __init__(self):
            super().__init__()
            self.decoder = decoder

        def forward(self, input_ids, encoder_attention_mask, *flat):
            pasts = [(flat[2 * i], flat[2 * i + 1]) for i in range(layers)]
            cross = [(flat[2 * layers + 2 * i], flat[2 * layers + 2 * i + 1]) for i in range(layers)]
            logits, presents = decoder.run(input_ids, encoder_attention_mask, pasts, cross)
            return (logits, *[t for kv in presents for t in kv])

    src = torch.tensor([[5, 6, 7, 0]])
    mask = torch.ones(1, 4, dtype=torch.long)
    dyn = lambda names, axis_names: {n: dict(axis_names) for n in names}
    with torch.no_grad():
        export(encoder, (src, mask), os.path.join(out, "encoder_model.onnx"), ["input_ids", "attention_mask"], ["last_hidden_state"],
               {**dyn(["input_ids", "attention_mask"], {0: "batch", 1: "source"}), "last_hidden_state": {0: "batch", 1: "source"}})
        states = encoder(src, mask)
        presents_first = [f"present.{i}.{k}.{kv}" for i in range(layers) for k in ("decoder", "encoder") for kv in ("key", "value")]
        first = export(FirstStep(), (torch.tensor([[size - 1]]), mask, states), os.path.join(tempfile.gettempdir(), "first.onnx"),
                       ["input_ids", "encoder_attention_mask", "encoder_hidden_states"], ["logits", *presents_first],
                       {"input_ids": {0: "batch", 1: "new"}, "encoder_attention_mask": {0: "batch", 1: "source"},
                        "encoder_hidden_states": {0: "batch", 1: "source"}})
        past_in = past_names(layers, "decoder") + past_names(layers, "encoder")
        flat = [torch.randn(1, heads, 3, dim // heads) for _ in range(2 * layers)] + [torch.randn(1, heads, 4, dim // heads) for _ in range(2 * layers)]
        later = export(WithPast(), (torch.tensor([[5]]), mask, *flat), os.path.join(tempfile.gettempdir(), "later.onnx"),
                       ["input_ids", "encoder_attention_mask", *past_in], ["logits", *past_names(layers, "decoder", "present")],
                       {"input_ids": {0: "batch", 1: "new"}, "encoder_attention_mask": {0: "batch", 1: "source"},
                        **{n: {0: "batch", 2: "past"} for n in past_in}})
        merge_decoders(first, later, layers, os.path.join(out, "decoder_model_merged.onnx"))

        expected = []
        for text in ["I lied.", "Hurry up, please!", "Tom is not here today."]:
            ids = [vocab.get(p, 1) for p in spm_pieces(os.path.join(out, "source.spm"), text)] + [0]
            states = encoder(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long))
            m = torch.ones(1, len(ids), dtype=torch.long)
            cross = decoder.cross_kv(states)
            logits, presents = decoder.run(torch.tensor([[size - 1]]), m, None, cross)
            output = []
            for _ in range(16):
                token = int(logits[0, -1].argmax())
                output.append(token)
                if token == 0:
                    break
                logits, presents = decoder.run(torch.tensor([[token]]), m, presents, cross)
            expected.append({"source": text, "sourceIds": ids, "greedyIds": output})
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"maxNewTokens": 16, "cases": expected}, f, indent=2)


def main():
    repo = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
    with open(os.path.join(repo, "..", "shared", "data", "translation", "en-es.tsv"), encoding="utf-8") as f:
        pairs = [line.rstrip("\n").split("\t")[:2] for _, line in zip(range(400), f)]
    write_tiny_head()
    write_tiny_marian(pairs)


if __name__ == "__main__":
    main()
