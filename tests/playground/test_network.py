"""The playground's mathematics (docs/javascripts/playground/network.js) against initlab and the
SymPy derivations, in Node's test runner.

This test writes what initlab and SymPy compute (forward and backward passes on fixed weights,
initializer variances, the activations' second moments, the predicted variance chain) to a JSON
file in a temporary folder, then runs `node --test` on tests/playground/*.test.mjs with the file's
path in PLAYGROUND_FIXTURES; a failing node test fails this test with node's output. CI runs only
pytest, so this is what runs the node tests.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess

import numpy as np
import pytest
import sympy as sp

import initlab
from initlab.network import MLP
from sitebuild import ROOT
from topics.he.derivations import relu_second_moment, s

NODE_TESTS = sorted((ROOT / "tests" / "playground").glob("*.test.mjs"))
NODE = shutil.which("node")
JS_NAMES = {"identity": "linear", "tanh": "tanh", "relu": "relu", "sigmoid": "sigmoid"}

# Widths and batch sizes that reach both paths of the JS matrix product (its 2 × 4 tiles and the
# plain loop for leftover rows and columns), and a deeper, wider net like the page's.
SHAPES = {"odd": ([2, 5, 4, 1], 9), "tiled": ([3, 8, 6, 1], 10), "deep": ([2, 16, 16, 16, 1], 13)}


def numbers(array) -> list:
    """A flat list for JSON, with NaN and ±∞ as the strings JavaScript's Number() reads."""
    return [v if math.isfinite(v) else str(v).replace("inf", "Infinity").replace("nan", "NaN")
            for v in np.ravel(array).tolist()]  # fmt: skip


def passes() -> list[dict]:
    """initlab's forward and backward passes on fixed weights, biases, inputs and labels."""
    cases = []
    for shape, (widths, n) in SHAPES.items():
        for activation, js_name in JS_NAMES.items():
            rng = np.random.default_rng(3)
            net = MLP(widths, activation, "sigmoid", "xavier_normal", rng)
            for b in net.biases:
                b += rng.normal(scale=0.2, size=b.shape)
            X = rng.normal(size=(n, widths[0]))
            y = (rng.random(n) > 0.5).astype(float)
            fwd = net.forward(X)
            grads = net.backward(fwd, y, "bce")
            flat = lambda arrays: [numbers(a) for a in arrays]  # noqa: E731
            cases.append(
                {
                    "name": f"{shape}-{js_name}",
                    "net": {"widths": net.widths, "activation": js_name},
                    "W": flat(net.weights),
                    "b": flat(net.biases),
                    "X": X.ravel().tolist(),
                    "y": y.tolist(),
                    "n": n,
                    "z": flat(fwd.z),
                    "a": flat(fwd.a),
                    "gW": flat(grads.weights),
                    "gb": flat(grads.biases),
                    "ga": flat(grads.a[: net.depth]),  # the input's and the hidden layers'
                    "loss": numbers([grads.loss])[0],
                }
            )
    return cases


# Values where NumPy's rules for NaN, ±∞ and ±0 decide the result.
SPECIAL = [math.nan, math.inf, -math.inf, 0.0, -0.0, 1e308, -1e308, 1e-300, 2.5, -2.5]


def elementwise() -> dict:
    """initlab's activations and their derivatives times a gradient, g(z) and ga · g'(z), on
    every pair of special values: what a layer does to a NaN or an infinity."""
    z, ga = (np.array(v) for v in zip(*[(a, b) for a in SPECIAL for b in SPECIAL], strict=True))
    out = {"z": numbers(z), "ga": numbers(ga)}
    with np.errstate(all="ignore"):
        for name, js_name in JS_NAMES.items():
            g, derivative = initlab.activations.get(name)
            a = g(z)
            out[js_name] = {"a": numbers(a), "gz": numbers(ga * derivative(z, a))}
    return out


# Var(W) of each playground initializer for a weight of shape (fan_out, fan_in), as initlab
# defines the rule (PyTorch's gains and fans); test_weight_variances_are_initlabs checks each
# against initlab's own draws.
def weight_variance(name: str, fan_in: int, fan_out: int) -> float:
    fans = initlab.compute_fans((fan_out, fan_in))
    assert fans == (fan_in, fan_out)
    gain = initlab.calculate_gain
    return {
        "small": 0.001**2,
        "large": 10.0**2,
        "lecun": 1.0 / fan_in,
        "xavier_normal": gain("linear") ** 2 * 2.0 / (fan_in + fan_out),
        "xavier_uniform": (gain("linear") * math.sqrt(6.0 / (fan_in + fan_out))) ** 2 / 3.0,
        "he": gain("relu") ** 2 / fan_in,
    }[name]


DRAWS = {  # playground name -> initlab's draw of shape (out, in) = (300, 200)
    "lecun": lambda r: initlab.variance_scaling((300, 200), 1.0, "fan_in", "untruncated_normal",
                                                rng=r, layout="torch"),
    "xavier_normal": lambda r: initlab.xavier_normal((300, 200), rng=r),
    "xavier_uniform": lambda r: initlab.xavier_uniform((300, 200), rng=r),
    "he": lambda r: initlab.kaiming_normal((300, 200), nonlinearity="relu", rng=r),
    "small": lambda r: initlab.normal((300, 200), 0.0, 0.001, rng=r),
    "large": lambda r: initlab.normal((300, 200), 0.0, 10.0, rng=r),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_weight_variances_are_initlabs(name):
    """The formulas the fixtures use are initlab's rules: its draws have that variance."""
    draw = DRAWS[name](np.random.default_rng(0))
    assert draw.var() == pytest.approx(weight_variance(name, 200, 300), rel=0.02)


def initializers() -> list[dict]:
    """initlab's draws: the variance and the largest |w| of a (300, 200) weight."""
    out = []
    for name, draw in DRAWS.items():
        w = draw(np.random.default_rng(0))
        out.append(
            {
                "name": name,
                "variance": float(w.var()),
                "exact": weight_variance(name, 200, 300),
                "bound": math.sqrt(6 / 500) if name == "xavier_uniform" else None,
            }
        )
    return out


# The activations' second moments E[g(z)²] for z ~ N(0, q), as the derivations take them.
z, q = sp.symbols("z q", real=True)


def expectation_of_polynomial(expression: sp.Expr) -> sp.Expr:
    """E[p(z)] for z ~ N(0, q), p a polynomial of degree ≤ 2: E[1] = 1, E[z] = 0, E[z²] = q."""
    poly = sp.Poly(sp.expand(expression), z)
    assert poly.degree() <= 2
    moments = {0: 1, 1: 0, 2: q}
    return sp.expand(sum(c * moments[m[0]] for m, c in poly.terms()))


def linear_part(function: sp.Expr) -> sp.Expr:
    """The function's Taylor polynomial of degree 1 at 0: its linear regime."""
    return sp.series(function, z, 0, 2).removeO()


SECOND_MOMENTS = {
    # ReLU: the last step of relu_second_moment (scripts/topics/he/derivations.py), s² / 2 with
    # s the standard deviation, evaluated at s² = q.
    "relu": relu_second_moment.steps[-1].rhs.subs(s**2, q),
    # tanh and sigmoid in their linear regime around 0: tanh z ≈ z, σ(z) ≈ 1/2 + z/4.
    "tanh": expectation_of_polynomial(linear_part(sp.tanh(z)) ** 2),
    "sigmoid": expectation_of_polynomial(linear_part(1 / (1 + sp.exp(-z))) ** 2),
    "linear": expectation_of_polynomial(z**2),
}
QS = [1e-6, 0.01, 0.3, 1.0, 4.0, 250.0]


def test_the_second_moments_are_the_derivations():
    assert SECOND_MOMENTS["relu"] == q / 2
    assert SECOND_MOMENTS["tanh"] == q
    assert SECOND_MOMENTS["sigmoid"] == sp.Rational(1, 4) + q / 16
    assert SECOND_MOMENTS["linear"] == q


def second_moments() -> dict:
    return {
        name: [[value, float(moment.subs(q, value))] for value in QS]
        for name, moment in SECOND_MOMENTS.items()
    }


def predicted_chains() -> list[dict]:
    """Var(z^[l]) = n_in · Var(W^[l]) · E[(a^[l-1])²] from the input, computed here."""
    rng = np.random.default_rng(11)
    X = rng.normal(scale=0.6, size=(37, 2))
    widths = [2, 5, 7, 3, 1]
    chains = []
    for init in sorted(DRAWS):
        for activation in sorted(SECOND_MOMENTS):
            second, chain = float(np.mean(X**2)), []
            for n_in, n_out in zip(widths[:-1], widths[1:], strict=True):
                variance = n_in * weight_variance(init, n_in, n_out) * second
                chain.append(variance)
                second = float(SECOND_MOMENTS[activation].subs(q, variance))
            chains.append(
                {"init": init, "activation": activation, "widths": widths,
                 "X": X.ravel().tolist(), "predicted": chain}
            )  # fmt: skip
    return chains


def test_node_tests_pass_against_initlab(tmp_path):
    assert NODE, "node is not on PATH: the project needs Node.js (README, 'Two commands')"
    assert NODE_TESTS, "no tests/playground/*.test.mjs"
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(
        json.dumps(
            {
                "passes": passes(),
                "elementwise": elementwise(),
                "initializers": initializers(),
                "secondMoments": second_moments(),
                "chains": predicted_chains(),
            }
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [NODE, "--test", *map(str, NODE_TESTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PLAYGROUND_FIXTURES": str(fixtures)},
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "# fail 0" in output and "# pass 0" not in output, output
