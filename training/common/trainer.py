"""The one training loop of NlpHost's heads: epochs or steps of batches, evaluation, checkpoint and resume, best
state, a STOP file, and the pieces every export repeats (the machine, an ONNX graph with its parity sample, the manifest).

A trainer supplies three functions and gets the rest:

  loop = Loop("data/spelling-context-train/run", model, optimizer, select="selection", epochs=12)
  loop.fit(batches=lambda epoch: [...],          # deterministic in the epoch, so a resumed run replays the order
           step=lambda batch, step: loss,         # forward, backward, optimizer step; returns the loss as a float
           evaluate=lambda: {"selection": 71.2})  # figures on the selection split; `select` names the one to maximise
  model.load_state_dict(loop.best_weights())

Rerunning the same command continues from <run>/checkpoint.pt (weights, optimizer, LR scheduler, position in the
epoch, curve, loss log, the losses since the last evaluation, best figures, seconds spent, torch's random state).
`touch <run>/STOP` makes the loop checkpoint and return (the file is removed). Step-based schedules (total_steps, eval_every, checkpoint_every), an LR scheduler,
early-stop patience, a time budget and a baseline evaluation of the starting weights are options of Loop. Nothing here
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


def replayed_permutation(items, seed, epoch):
    """The permutation of `items` for `epoch` that one generator seeded once and drawn once per epoch gives: the order
    of trainers written before Loop, replayed from the seed so a resumed run sees what an uninterrupted one would."""
    rng = np.random.default_rng(seed)
    for _ in range(epoch):
        rng.permutation(items)
    return rng.permutation(items)


class Loop:
    """Runs `epochs` epochs (or up to `total_steps` steps) of batches, evaluating every `eval_every` steps (0 = at the
    end of each epoch), checkpointing every `checkpoint_every` steps (0 = at the end of each epoch) and keeping the
    weights of the best evaluation by `select` (higher is better unless `maximize` is False; a row without that
    figure, e.g. one evaluated on a cheaper schedule, is never selected).

    Optional, for the trainers that need them: `scheduler` is stepped after every training step and saved with the
    optimizer; `patience` stops after that many evaluations without a better figure; `deadline` (a time.time()) ends
    the run for now, like STOP but with a last evaluation, so a time-boxed run picks its best among all its steps;
    `eval_first` evaluates the initial weights (a fine-tune's starting head) as the row of step 0;
    `checkpoint` moves the checkpoint file out of `run`; every `log_every` steps the mean loss is printed and kept in
    `losses` (a finer curve than the evaluations')."""

    def __init__(self, run, model, optimizer, *, select, epochs, total_steps=0, eval_every=0, checkpoint_every=0, log_every=0,
                 scheduler=None, patience=0, deadline=0, maximize=True, eval_first=False, checkpoint=None):
        self.run, self.model, self.optimizer, self.scheduler, self.select = run, model, optimizer, scheduler, select
        self.epochs, self.total_steps, self.patience, self.deadline = epochs, total_steps, patience, deadline
        self.eval_every, self.checkpoint_every, self.log_every = eval_every, checkpoint_every, log_every
        self.maximize, self.eval_first = maximize, eval_first
        self.step = self.epoch = self.position = 0
        self.seconds, self.curve, self.losses, self.best, self._best_weights = 0.0, [], [], None, None
        self._window, self._after = [], None
        os.makedirs(run, exist_ok=True)
        self.checkpoint_path = checkpoint or os.path.join(run, "checkpoint.pt")
        self.best_path = os.path.join(run, "best.pt")
        self.resumed, self.stopped = os.path.exists(self.checkpoint_path), False
        if self.resumed:
            self._load()

    def continue_from(self, step, epoch=0, position=0, seconds=0.0, best=None):
        """Starts a run that has no checkpoint where an earlier one stood (its checkpoint lost, its weights loaded by
        the trainer from an exported head): that step and batch position, its training seconds, and its best figures
        (a row with "step" and the `select` figure), which a new best must beat."""
        self.step, self.epoch, self.position, self.seconds, self.best = step, epoch, position, seconds, best

    def fit(self, batches, step, evaluate, after_checkpoint=None):
        """Trains until the schedule ends, patience runs out, the deadline passes or a STOP file appears; returns the
        curve (one row per evaluation). After a STOP, `stopped` is True: the run is unfinished, export nothing.

        batches(epoch) -> the epoch's batches, the same list for the same epoch (a resumed run replays the order);
        step(batch, step) -> the loss as a float, after the optimizer step (None: the batch held nothing to learn);
        evaluate() -> figures, run under eval mode and no_grad; after_checkpoint(), if given, runs after every
        checkpoint, for the files a trainer keeps beside it (its history, the best weights in its exporter's format)."""
        self._tick, self._after = time.time(), after_checkpoint
        if self.eval_first and not self.curve:
            self._evaluate(evaluate)
        while self.epoch < self.epochs and not self._done():
            plan = batches(self.epoch)
            while self.position < len(plan) and not self._done():
                self._train(step, plan[self.position])
                end_of_epoch = self.position == len(plan)
                if self._due(self.eval_every, end_of_epoch):
                    self._evaluate(evaluate)
                if self._due(self.checkpoint_every, end_of_epoch):
                    self._save()
                if self._stop_file():
                    self.stopped = True
                    self._save()
                    print(f"STOP file found: checkpoint at step {self.step}", flush=True)
                    return self.curve
            if self.position >= len(plan):
                self.epoch, self.position = self.epoch + 1, 0
        if not self.curve or self.curve[-1]["step"] != self.step:
            self._evaluate(evaluate)  # the last steps' weights are candidates too
        self._save()
        return self.curve

    def best_weights(self):
        """The weights of the best evaluation (this run's or a resumed one's)."""
        if self._best_weights is None:
            self._best_weights = torch.load(self.best_path, map_location="cpu")["model"]
        return self._best_weights

    def _train(self, step, batch):
        loss = step(batch, self.step)
        if self.scheduler is not None:
            self.scheduler.step()
        if loss is not None:
            self._window.append(float(loss))
        self.step, self.position = self.step + 1, self.position + 1
        if self.log_every and self.step % self.log_every == 0:
            self._log()

    def _log(self):
        """A row of `losses`: the mean loss of the last `log_every` steps, printed, and kept for a trainer's manifest."""
        recent = self._window[-self.log_every:]
        minutes = (self.seconds + time.time() - self._tick) / 60
        row = {"step": self.step, "epoch": self.epoch, "train_loss": round(float(np.mean(recent)), 4) if recent else None, "minutes": round(minutes, 1)}
        self.losses.append(row)
        print(f"step {row['step']} epoch {row['epoch']} loss {row['train_loss']} {minutes:.1f} min", flush=True)

    def _done(self):
        """The step budget is spent, the deadline has passed, or `patience` evaluations in a row brought no better figure."""
        if (self.total_steps and self.step >= self.total_steps) or (self.deadline and time.time() > self.deadline):
            return True
        return bool(self.patience and self.best) and sum(r["step"] > self.best["step"] for r in self.curve) >= self.patience

    def _due(self, every, end_of_epoch):
        """Every `every` steps, or at the end of each epoch when `every` is 0."""
        return self.step % every == 0 if every else end_of_epoch

    def _stop_file(self):
        """A STOP file in the run asks for a checkpoint and an exit; it is removed, so the same command resumes."""
        path = os.path.join(self.run, "STOP")
        if not os.path.exists(path):
            return False
        os.remove(path)
        return True

    def _clock(self):
        """Adds the training time since the last tick to `seconds`."""
        now = time.time()
        self.seconds, self._tick = self.seconds + now - self._tick, now

    def _evaluate(self, evaluate):
        self._clock()
        self.model.eval()
        with torch.no_grad():
            figures = evaluate()
        self.model.train()
        window = self._window
        row = {"step": self.step, "epoch": self.epoch + 1,
               "train_loss": round(float(np.mean(window)), 5) if window else None, **figures, "minutes": round(self.seconds / 60, 2)}
        self.curve.append(row)
        print(json.dumps(row), flush=True)
        if self._better(figures.get(self.select)):
            self.best = row
            self._best_weights = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
            save_atomic({"model": self._best_weights, "figures": row}, self.best_path)
        self._window, self._tick = [], time.time()  # evaluation time is not training time

    def _better(self, value):
        """Whether a figure beats the best: a row without it never does, the first row with it always does."""
        if value is None:
            return False
        if self.best is None or self.best.get(self.select) is None:
            return True
        return value > self.best[self.select] if self.maximize else value < self.best[self.select]

    def _save(self):
        self._clock()
        state = {"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(), "step": self.step,
                 "epoch": self.epoch, "position": self.position, "seconds": self.seconds, "curve": self.curve,
                 "losses": self.losses, "window": self._window, "best": self.best, "rng": torch.get_rng_state()}
        if self.scheduler is not None:
            state["scheduler"] = self.scheduler.state_dict()
        save_atomic(state, self.checkpoint_path)
        if self._after is not None:
            self._after()

    def _load(self):
        saved = torch.load(self.checkpoint_path, map_location="cpu")
        self.model.load_state_dict(saved["model"])
        self.optimizer.load_state_dict(saved["optimizer"])
        if self.scheduler is not None:
            self.scheduler.load_state_dict(saved["scheduler"])
        self.step, self.epoch, self.position = saved["step"], saved["epoch"], saved["position"]
        self.seconds, self.curve, self.best = saved["seconds"], saved["curve"], saved["best"]
        self.losses, self._window = saved.get("losses", []), saved.get("window", [])  # absent from checkpoints of before them
        torch.set_rng_state(saved["rng"])
        print(f"resumed {self.run} at step {self.step} (epoch {self.epoch}, batch {self.position}); best {self.best}", flush=True)


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


def write_manifest(out_dir, fields, device="cpu", stamp="exported", keep=()):
    """Writes <out>/manifest.json: the trainer's fields plus the machine and the date, both read, not typed.

    stamp names the field the export time goes in (None: the manifest has no such field). keep names the fields of
    the manifest already in out_dir that other tools write (calibration, checksums, the backbone precisions a bench
    checked) and a retrain must not drop; keep=True carries every earlier field the trainer does not write itself."""
    path = os.path.join(out_dir, "manifest.json")
    earlier = json.load(open(path, encoding="utf-8")) if keep and os.path.exists(path) else {}
    manifest = dict(fields)
    manifest.setdefault("machine", machine(device))
    if stamp:
        manifest[stamp] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    manifest.update({k: v for k, v in earlier.items() if (keep is True or k in keep) and k not in manifest})
    json.dump(manifest, open(path, "w"), indent=1)
    return path
