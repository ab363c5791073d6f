"""The one training loop of NlpHost's heads: epochs of batches, evaluation, checkpoint and resume, best state, a STOP
file, and the pieces every export repeats (the machine, an ONNX graph with its parity sample, the manifest).

A trainer supplies three functions and gets the rest:

  loop = Loop("data/spelling-context-train/run", model, optimizer, select="selection", epochs=12)
  loop.fit(batches=lambda epoch: [...],          # deterministic in the epoch, so a resumed run replays the order
           step=lambda batch, step: loss,         # forward, backward, optimizer step; returns the loss as a float
           evaluate=lambda: {"selection": 71.2})  # figures on the selection split; `select` names the one to maximise
  model.load_state_dict(loop.best_weights())

Rerunning the same command continues from <run>/checkpoint.pt (weights, optimizer, position in the epoch, curve, best
figures, seconds spent, torch's random state). `touch <run>/STOP` makes the loop checkpoint and return. Nothing here
knows a task: heads, data and metrics stay in training/<task>/.
"""
import json
import os
import platform
import time

import numpy as np
import torch


def machine(device="cpu"):
    """What the run ran on, read from the machine (never typed): CPU model, cores, memory, GPU, torch version."""
    cpu = platform.processor() or "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), cpu)
    memory = ""
    if os.path.exists("/proc/meminfo"):
        kib = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal:")), 0)
        memory = f", {kib / 2 ** 20:.0f} GiB"
    accelerator = "CPU"
    if str(device).startswith("cuda") and torch.cuda.is_available():
        accelerator = torch.cuda.get_device_name(0)
    return f"{os.cpu_count()}-core {cpu}{memory}, {platform.system()} {platform.release()}, torch {torch.__version__} ({accelerator})"


def save_atomic(state, path):
    """torch.save that never leaves half a file: a run killed while saving keeps the previous checkpoint."""
    torch.save(state, path + ".tmp")
    os.replace(path + ".tmp", path)


class Loop:
    """Runs `epochs` epochs (or `total_steps` steps) of batches, evaluating every `eval_every` steps (0 = at the end
    of each epoch), checkpointing every `checkpoint_every` steps (0 = at the end of each epoch) and keeping the
    weights of the best evaluation by `select` (higher is better)."""

    def __init__(self, run, model, optimizer, *, select, epochs, total_steps=0, eval_every=0, checkpoint_every=0, log_every=0):
        self.run, self.model, self.optimizer, self.select = run, model, optimizer, select
        self.epochs, self.total_steps = epochs, total_steps
        self.eval_every, self.checkpoint_every, self.log_every = eval_every, checkpoint_every, log_every
        self.step = self.epoch = self.position = 0
        self.seconds, self.curve, self.best, self._best_weights = 0.0, [], None, None
        os.makedirs(run, exist_ok=True)
        self.checkpoint_path = os.path.join(run, "checkpoint.pt")
        self.best_path = os.path.join(run, "best.pt")
        if os.path.exists(self.checkpoint_path):
            saved = torch.load(self.checkpoint_path, map_location="cpu")
            model.load_state_dict(saved["model"])
            optimizer.load_state_dict(saved["optimizer"])
            self.step, self.epoch, self.position = saved["step"], saved["epoch"], saved["position"]
            self.seconds, self.curve, self.best = saved["seconds"], saved["curve"], saved["best"]
            torch.set_rng_state(saved["rng"])
            print(f"resumed {run} at step {self.step} (epoch {self.epoch}, batch {self.position}); best {self.best}", flush=True)

    def fit(self, batches, step, evaluate):
        """Trains until the schedule ends or a STOP file appears; returns the curve (one row per evaluation)."""
        self._tick, window = time.time(), []
        while self.epoch < self.epochs and not self._done():
            plan = batches(self.epoch)
            total = self.total_steps or self.epochs * len(plan)
            while self.position < len(plan) and self.step < total:
                window.append(float(step(plan[self.position], self.step)))
                self.step, self.position = self.step + 1, self.position + 1
                end_of_epoch = self.position == len(plan)
                if self.log_every and self.step % self.log_every == 0:
                    print(f"step {self.step} epoch {self.epoch} loss {np.mean(window[-self.log_every:]):.4f}", flush=True)
                if self._due(self.eval_every, end_of_epoch):
                    self._clock()
                    self._evaluate(evaluate, window)
                    window, self._tick = [], time.time()  # evaluation time is not training time
                if self._due(self.checkpoint_every, end_of_epoch):
                    self._save()
                if os.path.exists(os.path.join(self.run, "STOP")):
                    self._save()
                    print(f"STOP file found: checkpoint at step {self.step}", flush=True)
                    return self.curve
            if self.position >= len(plan):
                self.epoch, self.position = self.epoch + 1, 0
        self._save()
        return self.curve

    def best_weights(self):
        """The weights of the best evaluation (this run's or a resumed one's)."""
        if self._best_weights is None:
            self._best_weights = torch.load(self.best_path, map_location="cpu")["model"]
        return self._best_weights

    def _done(self):
        return self.total_steps and self.step >= self.total_steps

    def _due(self, every, end_of_epoch):
        """Every `every` steps, or at the end of each epoch when `every` is 0."""
        return self.step % every == 0 if every else end_of_epoch

    def _clock(self):
        """Adds the training time since the last tick to `seconds`."""
        now = time.time()
        self.seconds, self._tick = self.seconds + now - self._tick, now

    def _evaluate(self, evaluate, window):
        self.model.eval()
        with torch.no_grad():
            figures = evaluate()
        self.model.train()
        row = {"step": self.step, "epoch": self.epoch + 1,
               "train_loss": round(float(np.mean(window)), 5) if window else None, **figures, "minutes": round(self.seconds / 60, 2)}
        self.curve.append(row)
        print(json.dumps(row), flush=True)
        if self.best is None or figures[self.select] > self.best[self.select]:
            self.best = row
            self._best_weights = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
            save_atomic({"model": self._best_weights, "figures": row}, self.best_path)

    def _save(self):
        self._clock()
        save_atomic({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(), "step": self.step,
                     "epoch": self.epoch, "position": self.position, "seconds": self.seconds, "curve": self.curve,
                     "best": self.best, "rng": torch.get_rng_state()}, self.checkpoint_path)


def export_onnx(model, inputs, out_dir, input_names, output_names, dynamic_axes, file="head.onnx"):
    """Exports the model (eval mode, opset 14), checks the graph, and returns the PyTorch outputs on `inputs` for
    the parity sample the C# tests compare ONNX Runtime against."""
    import onnx
    model.eval()
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, file)
    torch.onnx.export(model, inputs, path, opset_version=14, input_names=input_names, output_names=output_names, dynamic_axes=dynamic_axes)
    onnx.checker.check_model(onnx.load(path))
    with torch.no_grad():
        outputs = model(*inputs)
    print(f"exported {path} ({os.path.getsize(path) / 1e6:.1f} MB)", flush=True)
    return outputs


def write_manifest(out_dir, fields, device="cpu"):
    """Writes <out>/manifest.json: the trainer's fields plus the machine and the date, both read, not typed."""
    manifest = dict(fields)
    manifest.setdefault("machine", machine(device))
    manifest.setdefault("exported", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    path = os.path.join(out_dir, "manifest.json")
    json.dump(manifest, open(path, "w"), indent=1)
    return path
