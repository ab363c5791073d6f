"""The translation decoder head: a small pre-norm Transformer decoder over the frozen backbone's hidden states.

Its forward pass is the Hugging Face decoder interface the plugin's generation loop drives: new input ids,
encoder hidden states and mask, past self-attention keys/values in; logits and present keys/values out.
Cross-attention keys/values are recomputed from the encoder states at each step: sources are short and this keeps
the graph free of control flow.
"""
import math

import torch
from torch import nn

BOS, EOS, PAD = 2, 3, 0


def _split(x, heads):
    b, t, d = x.shape
    return x.view(b, t, heads, d // heads).transpose(1, 2)


def _merge(x):
    b, h, t, d = x.shape
    return x.transpose(1, 2).reshape(b, t, h * d)


def _attend(q, k, v, bias):
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]) + bias
    return scores.softmax(-1) @ v


class EncoderAdapter(nn.Module):
    """Projects the frozen states to the decoder width and lets one self-attention layer re-mix them for translation."""

    def __init__(self, source_width, width, heads, ff, dropout):
        super().__init__()
        self.heads = heads
        self.bridge = nn.Linear(source_width, width)
        self.norm1, self.norm2, self.final = nn.LayerNorm(width), nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.out = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.ff = nn.Sequential(nn.Linear(width, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, width))
        self.drop = nn.Dropout(dropout)

    def forward(self, states, bias):
        x = self.bridge(states)
        q, k, v = (_split(y, self.heads) for y in self.qkv(self.norm1(x)).chunk(3, dim=-1))
        x = x + self.drop(self.out(_merge(_attend(q, k, v, bias))))
        x = x + self.drop(self.ff(self.norm2(x)))
        return self.final(x)


class DecoderLayer(nn.Module):
    def __init__(self, width, heads, ff, dropout):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2, self.norm3 = nn.LayerNorm(width), nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.self_out = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.cross_q, self.cross_kv, self.cross_out = nn.Linear(width, width), nn.Linear(width, 2 * width), nn.Linear(width, width)
        self.ff = nn.Sequential(nn.Linear(width, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, width))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, memory, memory_bias, causal_bias, past_key, past_value):
        q, k, v = (_split(y, self.heads) for y in self.qkv(self.norm1(x)).chunk(3, dim=-1))
        key, value = torch.cat([past_key, k], dim=2), torch.cat([past_value, v], dim=2)
        x = x + self.drop(self.self_out(_merge(_attend(q, key, value, causal_bias))))
        mk, mv = (_split(y, self.heads) for y in self.cross_kv(memory).chunk(2, dim=-1))
        x = x + self.drop(self.cross_out(_merge(_attend(_split(self.cross_q(self.norm2(x)), self.heads), mk, mv, memory_bias))))
        x = x + self.drop(self.ff(self.norm3(x)))
        return x, key, value


class DecoderHead(nn.Module):
    def __init__(self, vocab=8000, source_width=384, width=256, layers=4, heads=4, ff=1024, dropout=0.1, positions=256):
        super().__init__()
        self.config = dict(vocab=vocab, source_width=source_width, width=width, layers=layers, heads=heads, ff=ff, dropout=dropout, positions=positions)
        self.heads, self.width = heads, width
        self.embed = nn.Embedding(vocab, width)
        self.position = nn.Embedding(positions, width)
        self.adapter = EncoderAdapter(source_width, width, heads, ff, dropout)
        self.layers = nn.ModuleList(DecoderLayer(width, heads, ff, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        self.drop = nn.Dropout(dropout)
        nn.init.normal_(self.embed.weight, std=width ** -0.5)

    def empty_past(self, batch, device):
        shape = (batch, self.heads, 0, self.width // self.heads)
        return [torch.zeros(shape, device=device) for _ in range(2 * len(self.layers))]

    def forward(self, input_ids, encoder_hidden_states, encoder_attention_mask, *past):
        new = input_ids.shape[1]
        past_length = past[0].shape[2]
        positions = torch.arange(new, device=input_ids.device) + past_length
        x = self.drop(self.embed(input_ids) * math.sqrt(self.width) + self.position(positions)[None])
        memory_bias = (1.0 - encoder_attention_mask[:, None, None, :].to(x.dtype)) * -1e4
        memory = self.adapter(encoder_hidden_states, memory_bias)
        keys = torch.arange(new + past_length, device=input_ids.device)[None, :]
        causal_bias = (keys > positions[:, None]).to(x.dtype)[None, None] * -1e4
        presents = []
        for i, layer in enumerate(self.layers):
            x, key, value = layer(x, memory, memory_bias, causal_bias, past[2 * i], past[2 * i + 1])
            presents += [key, value]
        logits = self.norm(x) @ self.embed.weight.t()
        return (logits, *presents)


def input_names(layers):
    names = ["input_ids", "encoder_hidden_states", "encoder_attention_mask"]
    for i in range(layers):
        names += [f"past_key_values.{i}.decoder.key", f"past_key_values.{i}.decoder.value"]
    return names


def output_names(layers):
    names = ["logits"]
    for i in range(layers):
        names += [f"present.{i}.decoder.key", f"present.{i}.decoder.value"]
    return names
