#!/usr/bin/env python3
"""Builds tiny-qa-export/: a random two-layer BERT with a span layer on top, exported in one graph with the
Hugging Face extractive-QA interface and its own word-level vocab.txt, plus expected.json: the answer PyTorch's
logits give under the plugin's decoding rules. The test runs it through Plugins:qa:Model:Path and must agree.

  python3 tests/NlpHost.Tasks.Qa.Tests/Fixtures/make_tiny_qa_export.py
"""
import json, math, os, sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "training", "common"))
from backbone import Layer  # noqa: E402

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = "the a red blue house car is in where paris rome café who lives lived there old man . , ? ##s".split()
QUESTION = "Where is the red house?"
CONTEXT = "The blue car is in Rome.\r\nThe red house is in Paris, near the old café."


class TinyQa(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.word, self.position, self.types = nn.Embedding(vocab, 32), nn.Embedding(64, 32), nn.Embedding(2, 32)
        self.layers = nn.ModuleList(Layer(32, 2, 64, 1e-12) for _ in range(2))
        self.span = nn.Linear(32, 2)

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1])
        x = self.word(input_ids) + self.position(positions)[None] + self.types(token_type_ids)
        bias = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        logits = self.span(x)
        return logits[..., 0], logits[..., 1]


def pieces(text):
    """The words of this fixture's texts, as the plugin's tokenizer splits them (lower-cased, accents stripped)."""
    import re
    import unicodedata
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"[a-z]+|[^\sa-z]", plain)]


def main():
    vocab = SPECIALS + WORDS
    ids = {w: i for i, w in enumerate(vocab)}
    torch.manual_seed(7)
    model = TinyQa(len(vocab)).eval()
    q, c = pieces(QUESTION), pieces(CONTEXT)
    sequence = [ids["[CLS]"]] + [ids.get(w, 1) for w, _, _ in q] + [ids["[SEP]"]] + [ids.get(w, 1) for w, _, _ in c] + [ids["[SEP]"]]
    types = [0] * (len(q) + 2) + [1] * (len(c) + 1)
    input_ids, mask, type_ids = torch.tensor([sequence]), torch.ones(1, len(sequence), dtype=torch.long), torch.tensor([types])
    out = os.path.join(HERE, "tiny-qa-export")
    os.makedirs(out, exist_ok=True)
    torch.onnx.export(model, (input_ids, mask, type_ids), os.path.join(out, "model.onnx"), opset_version=14,
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["start_logits", "end_logits"],
                      dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ["input_ids", "attention_mask", "token_type_ids", "start_logits", "end_logits"]})
    open(os.path.join(out, "vocab.txt"), "w").write("\n".join(vocab) + "\n")
    json.dump({"do_lower_case": True}, open(os.path.join(out, "tokenizer_config.json"), "w"))
    with torch.no_grad():
        start, end = (t[0, len(q) + 2:len(q) + 2 + len(c)] for t in model(input_ids, mask, type_ids))
    ps, pe = start.softmax(-1), end.softmax(-1)
    best = max(((ps[s] * pe[e]).item(), s, e) for s in range(len(c)) for e in range(s, min(len(c), s + 30)))
    score, s, e = best
    json.dump({"question": QUESTION, "context": CONTEXT, "start": c[s][1], "end": c[e][2], "answer": CONTEXT[c[s][1]:c[e][2]], "score": score},
              open(os.path.join(out, "expected.json"), "w"), ensure_ascii=False, indent=1)
    print(f"answer {CONTEXT[c[s][1]:c[e][2]]!r} score {score:.6f}")


if __name__ == "__main__":
    main()
