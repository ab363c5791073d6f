"""A random (untrained) decoder head of a plausible size, in NlpHost's head interface, to measure generation
throughput before a trained head exists. Its translations are noise: use it for sentences/s only.

Usage (repo root): /usr/bin/python3 bench/translate_standin_head.py [out folder]   (default data/translate/standin-head)
Shape: 4 layers, d_model 384, 6 heads of 64, feed-forward 768, vocabulary 8,000 (target.spm), tied output matrix;
the end token's bias is raised so that sentences end at varied lengths instead of always at their budget.
"""
import json
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "NlpHost.Tasks.Translate.Tests", "Fixtures"))
import make_tiny_models as tiny  # noqa: E402  (the same decoder code as the test fixtures)

LAYERS, HEADS, DIM = 4, 6, 384


class Head(torch.nn.Module):
    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, input_ids, encoder_hidden_states, encoder_attention_mask, *flat):
        pasts = [(flat[2 * i], flat[2 * i + 1]) for i in range(LAYERS)]
        logits, presents = self.decoder.run(input_ids, encoder_attention_mask, pasts, self.decoder.cross_kv(encoder_hidden_states))
        return (logits, *[t for kv in presents for t in kv])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "data/translate/standin-head"
    os.makedirs(out, exist_ok=True)
    shutil.copy("models/heads/translate-en-es/target.spm", out)
    decoder = tiny.Decoder(8000, DIM, HEADS, LAYERS, kv_dim=384, scale=1.0, tied=True).eval()
    with torch.no_grad():
        decoder.bias[3] = 2.0
    inputs = ["input_ids", "encoder_hidden_states", "encoder_attention_mask", *tiny.past_names(LAYERS, "decoder")]
    outputs = ["logits", *tiny.past_names(LAYERS, "decoder", "present")]
    dynamic = {"input_ids": {0: "batch", 1: "new"}, "encoder_hidden_states": {0: "batch", 1: "source"},
               "encoder_attention_mask": {0: "batch", 1: "source"}, "logits": {0: "batch", 1: "new"},
               **{n: {0: "batch", 2: "past"} for n in inputs[3:]}, **{n: {0: "batch", 2: "total"} for n in outputs[1:]}}
    pasts = [torch.randn(1, HEADS, 3, DIM // HEADS) for _ in range(2 * LAYERS)]
    with torch.no_grad():
        tiny.export(Head(decoder), (torch.tensor([[2, 5]]), torch.randn(1, 4, 384), torch.ones(1, 4, dtype=torch.long), *pasts),
                    os.path.join(out, "decoder_model_merged.onnx"), inputs, outputs, dynamic)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"kind": "stand-in random head for throughput only (bench/translate_standin_head.py)",
                   "layers": LAYERS, "heads": HEADS, "headDim": DIM // HEADS}, f, indent=2)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
