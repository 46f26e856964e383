#!/usr/bin/python3
"""Step 3: learns the token table of repolens/code-embed-v1.

The model is what runs at serving time: a [vocab, dim] table; a text's vector is the mean of its
tokens' rows, L2-normalised. Training pulls each doc summary towards its function's code and away
from the other functions in the batch (symmetric InfoNCE with in-batch negatives and a learned
temperature). See README.md for why these choices.

Reads <work>/tokens (tokenize-pairs.ts), writes <work>/model/table.f32 (float32, row-major) and
<work>/model/training.json (settings, per-epoch validation scores, time).

Usage: /usr/bin/python3 tools/embedding-model/train.py [--work DIR] [--epochs N] ...
Needs torch (Debian: python3-torch) and numpy; runs on CPU.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

VOCAB_SIZE = 30522
# [PAD], [UNK], [CLS], [SEP], [MASK] of the MiniLM WordPiece vocabulary: never trained, always zero.
SPECIAL_IDS = (0, 100, 101, 102, 103)


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=os.path.join(here, "work"))
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--lr", type=float, default=0.02)
    parser.add_argument("--init-std", type=float, default=0.1)
    parser.add_argument("--temperature", type=float, default=0.05, help="initial softmax temperature")
    parser.add_argument("--fixed-temperature", action="store_true")
    parser.add_argument("--batching", choices=("package", "random"), default="package")
    parser.add_argument("--token-dropout", type=float, default=0.0, help="chance of leaving out each token while training")
    parser.add_argument("--lr-decay", action="store_true", help="decay the learning rate linearly to zero over the epochs")
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--threads", type=int, default=2)
    return parser.parse_args()


class Texts:
    """Token id lists stored flat, as EmbeddingBag takes them."""

    def __init__(self, work, split, side):
        prefix = os.path.join(work, "tokens", f"{split}.{side}")
        self.ids = torch.from_numpy(np.fromfile(prefix + ".ids", dtype="<u2").astype(np.int64))
        self.offsets = np.fromfile(prefix + ".offsets", dtype="<u4").astype(np.int64)
        self.lengths = self.offsets[1:] - self.offsets[:-1]

    def __len__(self):
        return len(self.lengths)

    def bags(self, indices, dropout=0.0, rng=None):
        """(flat ids, start of each bag) of the given texts, for EmbeddingBag. With `dropout`, each
        token is left out with that probability (at least one is kept per text)."""
        starts = self.offsets[indices]
        lengths = self.lengths[indices]
        positions = [np.arange(s, s + n) for s, n in zip(starts, lengths)]
        if dropout > 0:
            kept = []
            for text in positions:
                mask = rng.random(len(text)) >= dropout
                mask[rng.integers(len(text))] = True
                kept.append(text[mask])
            positions = kept
        lengths = np.array([len(text) for text in positions])
        flat = np.concatenate(positions)
        bag_offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        return self.ids[torch.from_numpy(flat)], torch.from_numpy(bag_offsets)

    def fingerprint(self, index):
        start, end = self.offsets[index], self.offsets[index + 1]
        return hash(self.ids[start:end].numpy().tobytes())


class Split:
    def __init__(self, work, split):
        self.name = split
        self.queries = Texts(work, split, "query")
        self.codes = Texts(work, split, "code")
        with open(os.path.join(work, "tokens", f"{split}.languages.json")) as handle:
            self.languages = np.array(json.load(handle))
        # Pairs with nothing left on one side (only special tokens) cannot be learned from.
        self.usable = np.nonzero((self.queries.lengths > 0) & (self.codes.lengths > 0))[0]
        self.query_fingerprints = np.array([self.queries.fingerprint(i) for i in range(len(self.queries))], dtype=np.int64)


def encode(table, texts, indices, dropout=0.0, rng=None):
    ids, offsets = texts.bags(indices, dropout, rng)
    return F.normalize(table(ids, offsets), dim=-1)


def batches(split, size, mode, rng):
    """Batches of pair indices. 'package': neighbouring pairs of one file or package share a batch,
    so the negatives are functions a search would really have to tell apart."""
    usable = split.usable
    if mode == "random":
        order = rng.permutation(usable)
        return [order[i:i + size] for i in range(0, len(order), size)]
    # Pairs are stored in package and file order: cut that order into runs, shuffle the runs.
    runs = [usable[i:i + size // 4] for i in range(0, len(usable), size // 4)]
    run_order = rng.permutation(len(runs))
    ordered = np.concatenate([runs[i] for i in run_order])
    result = [ordered[i:i + size] for i in range(0, len(ordered), size)]
    return [result[i] for i in rng.permutation(len(result))]


def contrastive_loss(table, scale, split, indices, dropout, rng):
    queries = encode(table, split.queries, indices, dropout, rng)
    codes = encode(table, split.codes, indices, dropout, rng)
    logits = scale * queries @ codes.T
    # Two pairs with the same description are not negatives of each other.
    fingerprints = torch.from_numpy(split.query_fingerprints[indices])
    same = (fingerprints[:, None] == fingerprints[None, :]) & ~torch.eye(len(indices), dtype=torch.bool)
    logits = logits.masked_fill(same, float("-inf"))
    targets = torch.arange(len(indices))
    return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2


@torch.no_grad()
def retrieval_scores(table, split, k=10, limit=3000):
    """MRR@k and recall@1/k of each language's queries against all that language's functions."""
    results = {}
    for language in sorted(set(split.languages[split.usable])):
        indices = split.usable[split.languages[split.usable] == language][:limit]
        if len(indices) < 50:
            continue
        queries = encode(table, split.queries, indices)
        codes = encode(table, split.codes, indices)
        scores = queries @ codes.T
        correct = scores.diagonal()[:, None]
        ranks = (scores > correct).sum(dim=1).numpy() + 1
        reciprocal = np.where(ranks <= k, 1.0 / ranks, 0.0)
        results[language] = {
            "pairs": int(len(indices)),
            "mrr@10": round(float(reciprocal.mean()), 4),
            "recall@1": round(float((ranks <= 1).mean()), 4),
            "recall@10": round(float((ranks <= k).mean()), 4),
        }
    return results


def mean_mrr(scores):
    values = [entry["mrr@10"] for entry in scores.values()]
    return sum(values) / len(values) if values else 0.0


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    started = time.time()
    train = Split(args.work, "train")
    validation = Split(args.work, "validation")
    heldout = Split(args.work, "heldout")
    print(f"pairs: train {len(train.usable)}, validation {len(validation.usable)}, held out {len(heldout.usable)}", flush=True)

    table = torch.nn.EmbeddingBag(VOCAB_SIZE, args.dim, mode="mean", sparse=True)
    with torch.no_grad():
        generator = torch.Generator().manual_seed(args.seed)
        table.weight.copy_(torch.randn(VOCAB_SIZE, args.dim, generator=generator) * args.init_std)
        table.weight[list(SPECIAL_IDS)] = 0
    log_scale = torch.nn.Parameter(torch.tensor(float(np.log(1 / args.temperature))), requires_grad=not args.fixed_temperature)
    optimizers = [torch.optim.SparseAdam(list(table.parameters()), lr=args.lr)]
    if not args.fixed_temperature:
        optimizers.append(torch.optim.Adam([log_scale], lr=0.01))

    steps_per_epoch = len(batches(train, args.batch, args.batching, np.random.default_rng(0)))
    total_steps = steps_per_epoch * args.epochs
    step = 0
    history = [{"epoch": 0, "validation": retrieval_scores(table, validation)}]
    best = (mean_mrr(history[0]["validation"]), 0, table.weight.detach().clone())
    print(f"epoch 0: validation {history[0]['validation']}", flush=True)
    for epoch in range(1, args.epochs + 1):
        epoch_started = time.time()
        losses = []
        for indices in batches(train, args.batch, args.batching, rng):
            if len(indices) < 2:
                continue
            for optimizer in optimizers:
                optimizer.zero_grad()
            scale = log_scale.exp().clamp(1, 100)
            loss = contrastive_loss(table, scale, train, indices, args.token_dropout, rng)
            loss.backward()
            if args.lr_decay:
                for group in optimizers[0].param_groups:
                    group["lr"] = args.lr * max(0.0, 1 - step / total_steps)
            for optimizer in optimizers:
                optimizer.step()
            step += 1
            losses.append(loss.item())
        scores = retrieval_scores(table, validation)
        entry = {
            "epoch": epoch,
            "loss": round(float(np.mean(losses)), 4),
            "temperature": round(float(1 / log_scale.exp().clamp(1, 100)), 4),
            "seconds": round(time.time() - epoch_started, 1),
            "validation": scores,
        }
        history.append(entry)
        print(f"epoch {epoch}: {entry}", flush=True)
        if mean_mrr(scores) > best[0]:
            best = (mean_mrr(scores), epoch, table.weight.detach().clone())

    _, best_epoch, weights = best
    with torch.no_grad():
        weights[list(SPECIAL_IDS)] = 0
        table.weight.copy_(weights)
    # Reported for information only: the held-out set chose nothing (the validation set did).
    heldout_scores = retrieval_scores(table, heldout)
    print(f"best epoch {best_epoch}; held out (model alone, in-training measure): {heldout_scores}", flush=True)

    out_dir = os.path.join(args.work, "model")
    os.makedirs(out_dir, exist_ok=True)
    weights.numpy().astype("<f4").tofile(os.path.join(out_dir, "table.f32"))
    report = {
        "settings": {k: v for k, v in vars(args).items() if k not in ("work",)},
        "torch": torch.__version__,
        "pairs": {"train": int(len(train.usable)), "validation": int(len(validation.usable)), "heldout": int(len(heldout.usable))},
        "bestEpoch": best_epoch,
        "history": history,
        "heldoutModelAlone": heldout_scores,
        "trainingSeconds": round(time.time() - started, 1),
    }
    with open(os.path.join(out_dir, "training.json"), "w") as handle:
        json.dump(report, handle, indent=1)
    print(f"wrote {out_dir} in {report['trainingSeconds']} s", flush=True)


if __name__ == "__main__":
    main()
