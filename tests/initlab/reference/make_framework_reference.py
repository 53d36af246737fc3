"""Write frameworks.json: what torch.nn.init, Keras 3 and jax.nn.initializers compute, and
what the layers of torch.nn, keras.layers and flax.linen draw when nobody chooses.

Fans, gains, and, for every initializer on a grid of rules and shapes, the exact arguments the
framework hands to its random sampler (the standard deviation, and the bounds of a uniform or a
truncated normal), caught by wrapping the samplers while the real initializer runs. For the
layers, the same arguments caught while the layer builds its weights, the named rule that draws
exactly so (Keras's and Flax's layers), and the biases. Nothing
here is typed from documentation: a framework that changes its formulas changes this file.

Needs the frameworks, so it runs in its own virtualenv, never in CI (see the README):

    python3 -m venv /tmp/ref && /tmp/ref/bin/pip install -r tests/initlab/reference/requirements.txt
    KERAS_BACKEND=torch /tmp/ref/bin/python tests/initlab/reference/make_framework_reference.py

tests/initlab/test_frameworks.py compares initlab with the file using NumPy alone. The output
is deterministic: running the script twice writes the same bytes.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import math
import os
import sys
from importlib.metadata import version
from pathlib import Path

if os.environ.setdefault("KERAS_BACKEND", "torch") != "torch":
    sys.exit("run with KERAS_BACKEND=torch: the reference is Keras on its PyTorch backend")

import flax.linen  # noqa: E402
import jax  # noqa: E402
import jax._src.nn.initializers as jax_initializers  # noqa: E402
import jax._src.random as jax_random  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import keras.src.backend.torch.random as keras_torch_random  # noqa: E402
import keras.src.initializers.random_initializers as keras_initializers  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

jax.config.update("jax_enable_x64", True)  # float64 everywhere: captured numbers are exact

OUTPUT = Path(__file__).resolve().parent / "frameworks.json"

# PyTorch's layout (out, in, *kernel): dense, conv1d, conv2d, conv3d, and two tiny ones.
TORCH_SHAPES = [
    (128, 256), (256, 128), (20, 30), (1, 1), (3, 7), (8, 4, 3), (64, 3, 5, 5), (16, 8, 3, 3, 3),
]  # fmt: skip
NOT_A_MATRIX = [(7,), ()]  # torch refuses these; Keras gives them fans (n, n) and (1, 1)


def keras_layout(shape: tuple[int, ...]) -> tuple[int, ...]:
    """The same weight in Keras's (and JAX's) layout, (*kernel, in, out)."""
    return (*shape[2:], shape[1], shape[0])


KERAS_MATRICES = [keras_layout(s) for s in TORCH_SHAPES]
KERAS_SHAPES = KERAS_MATRICES + NOT_A_MATRIX

GAINS = [
    *((name, None) for name in ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                                "conv_transpose2d", "conv_transpose3d", "sigmoid", "tanh", "relu")),
    *(("leaky_relu", p) for p in (None, 0, 0.01, 0.2, 1, math.sqrt(5))),
    ("selu", None),
    # torch refuses these: recorded so that initlab's answer to them is a decision, not chance
    ("identity", None), ("swish", None), ("leaky_relu", True), ("leaky_relu", "0.2"),
]  # fmt: skip
KAIMING = [
    *(("leaky_relu", a) for a in (0, 0.01, 0.2, math.sqrt(5))),
    ("relu", 0), ("linear", 0), ("tanh", 0), ("selu", 0),
]  # fmt: skip
SCALES = (0.5, 2.0)  # VarianceScaling's own grid; the named rules below add scales 1 and 2
MODES = ("fan_in", "fan_out", "fan_avg")
KERAS_NAMED = ("GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal",
               "LecunUniform")  # fmt: skip
JAX_NAMED = ("glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal",
             "lecun_uniform")  # fmt: skip
ORTHOGONAL_GAINS = (1.0, math.sqrt(2.0))
TRUNC_NORMAL = [  # (mean, std, a, b): a, b absolute; the last takes torch's other branch (p < 0.3)
    (0.0, 1.0, -2.0, 2.0), (0.0, 0.02, -0.04, 0.04), (1.0, 1.0, 0.5, 3.0), (0.0, 1.0, 2.0, 3.0),
]  # fmt: skip
LAYERS = [("Linear", (512, 256)), ("Linear", (30, 20)), ("Linear", (3, 7)),
          ("Conv1d", (4, 8, 3)), ("Conv2d", (3, 64, 5)), ("Conv2d", (16, 32, 3)),
          ("Conv3d", (8, 16, 3))]  # fmt: skip


def same_layer(layer: str, args) -> tuple[int, int, tuple[int, ...]]:
    """A torch layer of LAYERS as (inputs, outputs, the convolution's window): the same weights
    are asked of Keras's Dense/ConvND and Flax's Dense/Conv."""
    if layer == "Linear":
        return args[0], args[1], ()
    n_in, n_out, size = args
    return n_in, n_out, (size,) * int(layer[-2])


def input_of(n_in: int, window: tuple[int, ...], zeros):
    """One input example, channels last, big enough for the window."""
    return zeros((1, *(size + 2 for size in window), n_in))


def number(x):
    """A captured argument as JSON: ints stay ints (torch's gain for 'linear' is the int 1)."""
    if isinstance(x, torch.Tensor | np.ndarray | jax.Array):
        return float(x)
    return x if isinstance(x, int | float) and not isinstance(x, bool) else float(x)


class Recorder:
    """Wraps a function of a module or class for the length of a ``with`` block and notes the
    arguments of every call, bound to the parameter names of the function it stands in for."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        self.stack = contextlib.ExitStack()

    def wrap(self, owner, name: str, signature: inspect.Signature | None = None, fake=None):
        original = getattr(owner, name)
        signature = signature or inspect.signature(original)

        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            self.calls.append((name, dict(bound.arguments)))
            return (fake or original)(*args, **kwargs)

        setattr(owner, name, wrapper)
        self.stack.callback(setattr, owner, name, original)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stack.close()

    def distinct(self, *names: str) -> list[tuple[str, dict]]:
        """The calls to these functions, each different call once (rejection sampling repeats
        a draw; which draws are redone does not matter, their arguments do)."""
        seen, out = set(), []
        for name, arguments in self.calls:
            if name not in names:
                continue
            key = (name, repr(sorted((k, repr(v)) for k, v in arguments.items() if k != "self")))
            if key not in seen:
                seen.add(key)
                out.append((name, arguments))
        return out


# --- PyTorch ------------------------------------------------------------------------------------

# Tensor.uniform_ and Tensor.normal_ are C methods without a Python signature: these are theirs.
UNIFORM_ = inspect.Signature.from_callable(lambda self, a=0.0, b=1.0, *, generator=None: None)
NORMAL_ = inspect.Signature.from_callable(lambda self, mean=0.0, std=1.0, *, generator=None: None)


def torch_recorder() -> Recorder:
    recorder = Recorder()
    recorder.wrap(torch.Tensor, "uniform_", UNIFORM_)
    recorder.wrap(torch.Tensor, "normal_", NORMAL_)
    # trunc_normal_ hands its absolute bounds to this helper, which samples through normal_
    recorder.wrap(torch.nn.init, "_no_grad_trunc_normal_")
    recorder.wrap(torch.nn.init, "kaiming_uniform_")  # what nn.Linear and nn.ConvNd call
    return recorder


def torch_sampler(calls: list[tuple[str, dict]]) -> dict:
    """The single distinct draw among these calls, as a sampler description."""
    assert len(calls) == 1, calls
    name, arguments = calls[0]
    if name == "uniform_":
        return {"name": "uniform", "low": number(arguments["a"]), "high": number(arguments["b"])}
    if name == "normal_":
        return {
            "name": "normal",
            "mean": number(arguments["mean"]),
            "std": number(arguments["std"]),
        }
    raise AssertionError(name)


def torch_initializer(rule: str, shape, **kwargs) -> dict:
    tensor = torch.empty(shape, dtype=torch.float64)
    with torch_recorder() as recorder:
        getattr(torch.nn.init, rule)(tensor, **kwargs)
    entry = {"framework": "torch", "rule": rule, "args": kwargs, "shape": list(shape)}
    if rule == "trunc_normal_":
        ((_, arguments),) = recorder.distinct("_no_grad_trunc_normal_")
        entry["sampler"] = {
            "name": "truncated_normal",
            "mean": number(arguments["mean"]),
            "std": number(arguments["std"]),
            "low": number(arguments["a"]),
            "high": number(arguments["b"]),
        }
    elif rule in ("zeros_", "constant_"):
        entry["values"] = sorted({number(v) for v in tensor.flatten().tolist()})
    else:
        entry["sampler"] = torch_sampler(recorder.distinct("uniform_", "normal_"))
    return entry


def torch_layer(layer: str, args) -> dict:
    torch.manual_seed(0)
    with torch_recorder() as recorder:
        module = getattr(torch.nn, layer)(*args, dtype=torch.float64)
    (rule,) = recorder.distinct("kaiming_uniform_")
    # the two draws may have equal bounds (they do, up to rounding): not deduplicated here
    weight_draw, bias_draw = [c for c in recorder.calls if c[0] in ("uniform_", "normal_")]
    assert weight_draw[1]["self"] is module.weight and bias_draw[1]["self"] is module.bias
    return {
        "framework": "torch",
        "layer": layer,
        "args": list(args),
        "weight_shape": list(module.weight.shape),
        "weight_rule": {
            "name": rule[0],
            "args": {
                k: number(v) if k == "a" else v
                for k, v in rule[1].items()
                if k in ("a", "mode", "nonlinearity")
            },
        },  # fmt: skip
        "weight_sampler": torch_sampler([weight_draw]),
        "bias_shape": list(module.bias.shape),
        "bias_sampler": torch_sampler([bias_draw]),
    }


def mean_square(w) -> float:
    return float(np.mean(np.square(np.asarray(w, dtype=np.float64))))


def torch_reference() -> dict:
    fans = []
    for shape in TORCH_SHAPES + NOT_A_MATRIX:
        entry = {"framework": "torch", "shape": list(shape)}
        try:
            fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
            entry.update(fan_in=fan_in, fan_out=fan_out)
        except ValueError:
            entry["error"] = "ValueError"
        fans.append(entry)

    gains = []
    for name, param in GAINS:
        entry = {"nonlinearity": name, "param": param}
        try:
            entry["gain"] = number(torch.nn.init.calculate_gain(name, param))
        except ValueError:
            entry["error"] = "ValueError"
        gains.append(entry)

    initializers = []
    for rule in ("xavier_uniform_", "xavier_normal_"):
        for gain in (1.0, 5.0 / 3.0):
            initializers += [torch_initializer(rule, s, gain=gain) for s in TORCH_SHAPES]
    for rule in ("kaiming_uniform_", "kaiming_normal_"):
        for mode in ("fan_in", "fan_out"):
            for nonlinearity, a in KAIMING:
                kwargs = {"a": a, "mode": mode, "nonlinearity": nonlinearity}
                initializers += [torch_initializer(rule, s, **kwargs) for s in TORCH_SHAPES]
    for mean, std, a, b in TRUNC_NORMAL:
        kwargs = {"mean": mean, "std": std, "a": a, "b": b}
        initializers.append(torch_initializer("trunc_normal_", (128, 256), **kwargs))
    initializers += [
        torch_initializer("normal_", (3, 7), mean=0.5, std=0.1),
        torch_initializer("uniform_", (3, 7), a=-0.3, b=0.7),
        torch_initializer("zeros_", (3, 7)),
        torch_initializer("constant_", (3, 7), val=0.25),
    ]

    orthogonal = []
    for gain in ORTHOGONAL_GAINS:
        for shape in TORCH_SHAPES:
            torch.manual_seed(0)
            w = torch.nn.init.orthogonal_(torch.empty(shape, dtype=torch.float64), gain=gain)
            orthogonal.append(
                {
                    "framework": "torch",
                    "rule": "orthogonal_",
                    "args": {"gain": gain},
                    "shape": list(shape),
                    "mean_square": mean_square(w.numpy()),
                }
            )

    layers = [torch_layer(layer, args) for layer, args in LAYERS]
    return {"fans": fans, "gains": gains, "initializers": initializers,
            "orthogonal": orthogonal, "layer_defaults": layers}  # fmt: skip


# --- Keras 3 (PyTorch backend) --------------------------------------------------------------------


def keras_truncation() -> dict:
    """Where the backend's truncated_normal cuts, found by feeding it chosen candidates.

    It draws 4 standard normals per entry and keeps the first inside the cut (then scales by
    stddev). Bisection over the value of the first candidate finds the smallest value it
    rejects, on each side; a row of 4 rejected candidates shows what it keeps then.
    """
    candidates = []

    def run(row: list[float]) -> float:
        def fake_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
            candidates.append(shape[-1])
            return torch.tensor([row], dtype=torch.float64)

        original = keras_torch_random.normal
        keras_torch_random.normal = fake_normal
        try:
            return float(keras_torch_random.truncated_normal((1,), stddev=1.0, dtype="float64")[0])
        finally:
            keras_torch_random.normal = original

    def smallest_rejected(sign: float) -> float:
        kept, rejected = 0.0, 10.0  # |value| kept and rejected
        while math.nextafter(kept, rejected) != rejected:
            middle = (kept + rejected) / 2
            if run([sign * middle, 0.0, 0.0, 0.0]) == sign * middle:
                kept = middle
            else:
                rejected = middle
        return rejected

    upper, lower = smallest_rejected(1.0), smallest_rejected(-1.0)
    assert upper == lower, (upper, lower)
    (count,) = set(candidates)
    all_rejected = run([5.0, 6.0, 7.0, 8.0])
    return {
        "cut_in_stddevs": upper,
        "candidates_per_entry": count,
        "when_all_candidates_rejected_keeps": all_rejected,  # of [5, 6, 7, 8]
    }


def keras_sampler(recorder: Recorder, cut: float) -> dict:
    # the first call is the initializer's; truncated_normal then calls normal for candidates
    name, arguments = recorder.calls[0]
    if name == "uniform":
        return {
            "name": "uniform",
            "low": number(arguments["minval"]),
            "high": number(arguments["maxval"]),
        }
    mean, std = number(arguments["mean"]), number(arguments["stddev"])
    if name == "normal":
        return {"name": "normal", "mean": mean, "std": std}
    return {
        "name": "truncated_normal",
        "mean": mean,
        "std": std,
        "low": mean - cut * std,
        "high": mean + cut * std,
    }


def keras_initializer(rule: str, shape, cut: float, **kwargs) -> dict:
    with Recorder() as recorder:
        for name in ("normal", "uniform", "truncated_normal"):
            recorder.wrap(keras_initializers.random, name)
        getattr(keras.initializers, rule)(**kwargs, seed=0)(shape, dtype="float64")
    return {
        "framework": "keras",
        "rule": rule,
        "args": kwargs,
        "shape": list(shape),
        "sampler": keras_sampler(recorder, cut),
    }


def float_constant_between(code, low: float, high: float) -> float:
    """The one float literal in [low, high] in a function's code (nested functions included)."""
    found = set()
    for constant in code.co_consts:
        if isinstance(constant, float) and low <= constant <= high:
            found.add(constant)
        elif inspect.iscode(constant):
            with contextlib.suppress(AssertionError):
                found.add(float_constant_between(constant, low, high))
    assert len(found) == 1, found
    return found.pop()


def layer_entry(framework: str, kind: str, sizes, kernel, bias, sampler: dict, rules) -> dict:
    """A Keras or Flax layer's record: ``sizes`` is (inputs, outputs, window); ``rules`` the
    named initializers whose draw at the kernel's shape is ``sampler`` (one, or the list)."""
    n_in, n_out, window = sizes
    return {
        "framework": framework,
        "layer": kind,
        "args": [n_out, *([list(window)] if window else [])],
        "inputs": n_in,
        "weight_shape": list(kernel.shape),
        "weight_rule": {"name": rules[0] if len(rules) == 1 else rules, "args": {}},
        "weight_sampler": sampler,
        "bias_shape": list(bias.shape),
        "bias_values": sorted({number(v) for v in np.asarray(bias).flatten()}),
    }


def keras_layer(layer: str, args, cut: float) -> dict:
    """What Keras's own layer draws for torch's layer of the same weights: the kernel's
    sampler, which named initializer gives exactly that sampler, and the bias's values."""
    n_in, n_out, window = same_layer(layer, args)
    kind = f"Conv{len(window)}D" if window else "Dense"
    with Recorder() as recorder:
        for name in ("normal", "uniform", "truncated_normal"):
            recorder.wrap(keras_initializers.random, name)
        module = getattr(keras.layers, kind)(n_out, *([window] if window else []), dtype="float64")
        module(input_of(n_in, window, lambda shape: np.zeros(shape, dtype="float64")))
    kernel = keras.ops.convert_to_numpy(module.kernel)
    sampler = keras_sampler(recorder, cut)
    rules = [
        rule
        for rule in KERAS_NAMED
        if keras_initializer(rule, kernel.shape, cut)["sampler"] == sampler
    ]
    bias = keras.ops.convert_to_numpy(module.bias)
    return layer_entry("keras", kind, (n_in, n_out, window), kernel, bias, sampler, rules)


def keras_reference() -> dict:
    truncation = keras_truncation()
    cut = truncation["cut_in_stddevs"]
    fans = []
    for shape in KERAS_SHAPES:
        fan_in, fan_out = keras_initializers.compute_fans(shape)
        fans.append({"framework": "keras", "shape": list(shape), "fan_in": fan_in,
                     "fan_out": fan_out})  # fmt: skip

    initializers = []
    for scale in SCALES:
        for mode in MODES:
            for distribution in ("truncated_normal", "untruncated_normal", "uniform"):
                kwargs = {"scale": scale, "mode": mode, "distribution": distribution}
                initializers += [
                    keras_initializer("VarianceScaling", s, cut, **kwargs) for s in KERAS_SHAPES
                ]
    for rule in KERAS_NAMED:
        initializers += [keras_initializer(rule, s, cut) for s in KERAS_SHAPES]
    initializers += [
        keras_initializer("RandomNormal", (7, 3), cut, mean=0.5, stddev=0.1),
        keras_initializer("RandomUniform", (7, 3), cut, minval=-0.3, maxval=0.7),
        keras_initializer("TruncatedNormal", (7, 3), cut, mean=0.5, stddev=0.1),
    ]

    orthogonal = []
    for gain in ORTHOGONAL_GAINS:
        for shape in KERAS_MATRICES:
            w = keras.initializers.Orthogonal(gain=gain, seed=0)(shape, dtype="float64")
            orthogonal.append(
                {
                    "framework": "keras",
                    "rule": "Orthogonal",
                    "args": {"gain": gain},
                    "shape": list(shape),
                    "mean_square": mean_square(keras.ops.convert_to_numpy(w)),
                }
            )
    constants = {
        "keras_truncated_std_divisor": float_constant_between(
            keras_initializers.VarianceScaling.__call__.__code__, 0.8, 0.9
        ),
        "keras_truncated_normal": truncation,
    }
    layers = [keras_layer(layer, args, cut) for layer, args in LAYERS]
    return {"fans": fans, "initializers": initializers, "orthogonal": orthogonal,
            "constants": constants, "layer_defaults": layers}  # fmt: skip


# --- JAX ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def jax_unit_draws():
    """JAX's samplers replaced by ones for the length of the block: what an initializer returns
    is then the factor JAX multiplies the unit draw by, exactly (float64), and the recorder
    yielded has the draw's range."""
    original = {n: getattr(jax_random, n) for n in ("normal", "uniform", "truncated_normal")}

    def ones(name: str):
        def fake(*args, **kwargs):
            bound = inspect.signature(original[name]).bind(*args, **kwargs)
            bound.apply_defaults()
            return jnp.ones(bound.arguments["shape"], bound.arguments["dtype"])

        return fake

    with Recorder() as recorder:
        for name in original:
            recorder.wrap(jax_random, name, fake=ones(name))
        yield recorder


def jax_sampler(recorder: Recorder, drawn) -> dict:
    """The one draw ``recorder`` saw, scaled by the factor in ``drawn`` (see jax_unit_draws)."""
    factors = set(np.asarray(drawn).flatten().tolist())
    assert len(factors) == 1, factors
    factor = factors.pop()
    ((name, arguments),) = recorder.distinct("normal", "uniform", "truncated_normal")
    if name == "uniform":
        return {
            "name": "uniform",
            "low": number(arguments["minval"]) * factor,
            "high": number(arguments["maxval"]) * factor,
        }
    if name == "normal":
        return {"name": "normal", "mean": 0.0, "std": factor}
    return {
        "name": "truncated_normal",
        "mean": 0.0,
        "std": factor,
        "low": number(arguments["lower"]) * factor,
        "high": number(arguments["upper"]) * factor,
    }


def jax_initializer(rule: str, shape, **kwargs) -> dict:
    with jax_unit_draws() as recorder:
        init = getattr(jax.nn.initializers, rule)(**kwargs)
        drawn = init(jax.random.key(0), shape, jnp.float64)
    return {"framework": "jax", "rule": rule, "args": kwargs, "shape": list(shape),
            "sampler": jax_sampler(recorder, drawn)}  # fmt: skip


def flax_layer(layer: str, args) -> dict:
    """What Flax's own layer draws for torch's layer of the same weights, as keras_layer."""
    n_in, n_out, window = same_layer(layer, args)
    kind = "Conv" if window else "Dense"
    options = {"param_dtype": jnp.float64, "dtype": jnp.float64}
    module = (
        flax.linen.Conv(n_out, window, **options) if window else flax.linen.Dense(n_out, **options)
    )
    with jax_unit_draws() as recorder:
        params = module.init(jax.random.key(0), input_of(n_in, window, jnp.zeros))["params"]
    kernel, bias = np.asarray(params["kernel"]), np.asarray(params["bias"])
    sampler = jax_sampler(recorder, kernel)
    rules = [
        rule for rule in JAX_NAMED if jax_initializer(rule, kernel.shape)["sampler"] == sampler
    ]
    return layer_entry("flax", kind, (n_in, n_out, window), kernel, bias, sampler, rules)


def jax_reference() -> dict:
    fans = []
    for shape in KERAS_MATRICES:  # its default axes refuse fewer than 2 dimensions
        fan_in, fan_out = jax_initializers._compute_fans(shape)
        fans.append({"framework": "jax", "shape": list(shape), "fan_in": fan_in,
                     "fan_out": fan_out})  # fmt: skip

    initializers = []
    for scale in SCALES:
        for mode in MODES:
            for distribution in ("truncated_normal", "normal", "uniform"):
                kwargs = {"scale": scale, "mode": mode, "distribution": distribution}
                initializers += [
                    jax_initializer("variance_scaling", s, **kwargs) for s in KERAS_MATRICES
                ]
    for rule in JAX_NAMED:
        initializers += [jax_initializer(rule, s) for s in KERAS_MATRICES]
    initializers += [
        jax_initializer("normal", (7, 3), stddev=0.1),
        jax_initializer("uniform", (7, 3), scale=0.7),  # U(0, scale)
        jax_initializer("truncated_normal", (7, 3), stddev=0.1, lower=-1.5, upper=2.5),
    ]

    orthogonal = []
    for gain in ORTHOGONAL_GAINS:
        for shape in KERAS_MATRICES:
            init = jax.nn.initializers.orthogonal(scale=gain)
            orthogonal.append(
                {
                    "framework": "jax",
                    "rule": "orthogonal",
                    "args": {"scale": gain},
                    "shape": list(shape),
                    "mean_square": mean_square(init(jax.random.key(0), shape, jnp.float64)),
                }
            )
    constants = {
        "jax_truncated_std_divisor": float_constant_between(
            jax_initializers.variance_scaling.__code__, 0.8, 0.9
        )
    }
    layers = [flax_layer(layer, args) for layer, args in LAYERS]
    return {"fans": fans, "initializers": initializers, "orthogonal": orthogonal,
            "constants": constants, "layer_defaults": layers}  # fmt: skip


def main() -> None:
    assert keras.backend.backend() == "torch", keras.backend.backend()
    torch.set_num_threads(1)  # the same QR, whatever the machine
    parts = [torch_reference(), keras_reference(), jax_reference()]
    reference = {
        "about": (
            "Written by tests/initlab/reference/make_framework_reference.py; compared with "
            "initlab by tests/initlab/test_frameworks.py. Samplers are the arguments each "
            "framework hands to its random draw; shapes are in each framework's own layout."
        ),
        "versions": {
            "torch": torch.__version__,
            "keras": keras.__version__,
            "keras_backend": keras.backend.backend(),
            "jax": jax.__version__,
            "jaxlib": version("jaxlib"),
            "flax": flax.__version__,
        },
        "gains": parts[0]["gains"],
        "constants": {**parts[1]["constants"], **parts[2]["constants"]},
    }
    for section in ("fans", "initializers", "orthogonal", "layer_defaults"):
        reference[section] = [entry for part in parts for entry in part[section]]
    text = json.dumps(reference, sort_keys=True, indent=1, allow_nan=False) + "\n"
    OUTPUT.write_text(text)
    counts = {k: len(v) for k, v in reference.items() if isinstance(v, list)}
    print(f"wrote {OUTPUT.name}: {counts}")


if __name__ == "__main__":
    main()
