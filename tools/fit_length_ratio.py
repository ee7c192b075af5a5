#!/usr/bin/env python3
"""Fits the en->de length model that `length-ratio` and `omitted-content` embed.

usage: python3 tools/fit_length_ratio.py /work/shared/eval/challenge-dev.jsonl

Reads the clean pairs (glitch null), takes r = ln(chars_de / chars_en) in
Unicode code points, and fits a length-dependent normal model:
    mean(L) = M0 + M1 / L          (short segments run longer in German)
    var(L)  = V0 + V1 / L          (short segments vary more)
with L = chars_en, by least squares (the variance on squared residuals).
Prints the four constants and the z-score quantiles they give on the clean set.
"""
import json, math, sys

def lstsq2(xs, ys):
    """y = a + b*x, ordinary least squares."""
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs); sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    b = sxy / sxx
    return my - b * mx, b

rows = [json.loads(l) for l in open(sys.argv[1])]
pairs = [(len(r["source"]), len(r["target"])) for r in rows if r["glitch"] is None and r["source"] and r["target"]]
inv = [1.0 / e for e, _ in pairs]
ratio = [math.log(d / e) for e, d in pairs]
m0, m1 = lstsq2(inv, ratio)
resid2 = [(r - (m0 + m1 * x)) ** 2 for r, x in zip(ratio, inv)]
v0, v1 = lstsq2(inv, resid2)
v0 = max(v0, 1e-4)
z = sorted((r - (m0 + m1 * x)) / math.sqrt(v0 + v1 * x) for r, x in zip(ratio, inv))
q = lambda p: z[min(len(z) - 1, int(p * len(z)))]
print(f"pairs {len(pairs)}")
print(f"MEAN0 = {m0:.4f}  MEAN1 = {m1:.3f}  VAR0 = {v0:.5f}  VAR1 = {v1:.4f}")
print("z quantiles 0.1% 1% 5% 50% 95% 99% 99.9%:",
      " ".join(f"{q(p):.2f}" for p in (0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999)))
print(f"z < -3: {sum(1 for v in z if v < -3)}  z > 3: {sum(1 for v in z if v > 3)}")
