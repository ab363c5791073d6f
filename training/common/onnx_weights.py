"""Weights of an exported ONNX head, by the names of the PyTorch module that made it, for restarting a run from a
committed head when its checkpoint is gone (training/qa/train_branch.py --init-head, training/translate --init-onnx).

torch.onnx keeps most parameter names, but not all: a float16 initializer sits behind a Cast (its output carries the
name), and a Linear's weight feeding a MatMul is often renamed `onnx::MatMul_123` and stored [in, out]. Such a weight
is named after the bias its MatMul output is added to, and transposed unless a Transpose node already stands between
it and the MatMul. Callers must check the result against the head's parity sample: a mapping that fits the shapes
can still be wrong.
"""
import numpy as np


def onnx_weights(graph, wanted):
    """Parameter name -> float32 array for every name in `wanted` found directly or through the graph."""
    return named_weights(graph, graph_values(graph), set(wanted))


def graph_values(graph):
    from onnx import numpy_helper
    values = {t.name: numpy_helper.to_array(t).astype(np.float32) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Cast" and node.input[0] in values:
            values[node.output[0]] = values[node.input[0]]
    return values


def named_weights(graph, values, wanted):
    """Parameter name -> array, for the initializers whose names are the parameters' own or recoverable via the graph."""
    found = {name: values[name] for name in wanted if name in values}
    producers = {out: node for node in graph.node for out in node.output}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    for node in graph.node:
        if node.op_type != "MatMul":
            continue
        weight, transposed = node.input[1], False
        if weight in producers and producers[weight].op_type == "Transpose":
            weight, transposed = producers[weight].input[0], True
        if weight not in values or weight in wanted:
            continue
        adds = [n for n in consumers.get(node.output[0], []) if n.op_type == "Add"]
        biases = [i for n in adds for i in n.input if i in wanted and i.endswith(".bias")]
        if len(biases) != 1:
            continue
        name = biases[0][:-len(".bias")] + ".weight"
        found.setdefault(name, values[weight] if transposed else values[weight].T)
    return found
