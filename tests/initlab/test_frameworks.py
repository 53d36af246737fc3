"""initlab against what torch.nn.init, Keras 3 and jax.nn.initializers really compute.

tests/initlab/reference/frameworks.json holds the frameworks' answers, written by
tests/initlab/reference/make_framework_reference.py in a virtualenv that has them (pinned in
tests/initlab/reference/requirements.txt). This file needs only NumPy, so it runs in CI.

Nothing here is estimated from samples. The frameworks' numbers are the arguments they handed to
their own samplers; initlab's are caught the same way: its initializers run with a generator
that notes the arguments of every draw (and with its truncated-normal sampler wrapped), so the
standard deviation, a uniform's bounds and a truncated normal's cut are compared exactly
(rel=1e-12, far above rounding, far below any change of formula). Orthogonal matrices are
compared by the mean square of their entries, gain²·min(rows, cols)/(rows·cols) for any draw.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import initlab
from initlab import gains, truncated_normal
from sitebuild import ROOT

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
REFERENCE_TEXT = (REFERENCE_DIR / "frameworks.json").read_text()
REFERENCE = json.loads(REFERENCE_TEXT)
REL = 1e-12


def close(ours: float, theirs: float) -> bool:
    return math.isclose(ours, theirs, rel_tol=REL, abs_tol=0.0)


def torch_layout(shape) -> tuple[int, ...]:
    """A Keras/JAX (*kernel, in, out) weight in PyTorch's (out, in, *kernel) layout."""
    return (shape[-1], shape[-2], *shape[:-2])


def entry_id(entry: dict) -> str:
    args = entry.get("args", {})
    args = (
        ",".join(map(str, args))
        if isinstance(args, list)
        else ",".join(f"{k}={v}" for k, v in sorted(args.items()))
    )
    shape = entry.get("shape", entry.get("weight_shape"))
    rule = entry.get("rule", entry.get("layer"))
    return f"{entry['framework']}.{rule}({args})-({','.join(map(str, shape))})"


# --- catching initlab's draws --------------------------------------------------------------------


class RecordingGenerator:
    """A NumPy generator that notes the arguments and the result of every draw."""

    def __init__(self, seed: int = 0):
        self._rng = np.random.default_rng(seed)
        self.draws: list[tuple[dict, np.ndarray]] = []

    def normal(self, loc=0.0, scale=1.0, size=None):
        out = self._rng.normal(loc, scale, size)
        self.draws.append(({"name": "normal", "mean": loc, "std": scale}, out))
        return out

    def uniform(self, low=0.0, high=1.0, size=None):
        out = self._rng.uniform(low, high, size)
        self.draws.append(({"name": "uniform", "low": low, "high": high}, out))
        return out


def initlab_sampler(call: tuple[str, tuple, dict], monkeypatch) -> dict:
    """The one distribution an initlab call (function name, positional arguments starting with
    the shape, keyword arguments) drew from, with its exact parameters.

    The call must return that draw itself, unchanged (no rescaling after the draw), so its
    parameters are the whole story of the weights it returns."""
    name, positional, keywords = call
    truncated = []
    sample = truncated_normal.sample

    def recording_sample(shape, mean, std, a, b, rng):
        out = sample(shape, mean, std, a, b, rng)
        parameters = {"name": "truncated_normal", "mean": mean, "std": std, "low": a, "high": b}
        truncated.append((parameters, out))
        return out

    rng = RecordingGenerator()
    with monkeypatch.context() as patch:
        patch.setattr(truncated_normal, "sample", recording_sample)
        weights = getattr(initlab, name)(*positional, **keywords, rng=rng)
    draws = truncated or rng.draws  # a truncated normal's redraws go through rng.normal
    assert len(draws) == 1, f"{describe(*call)} drew {len(draws)} times: {draws}"
    parameters, drawn = draws[0]
    assert np.array_equal(weights, drawn), f"{describe(*call)} changed its draw before returning it"
    assert weights.shape == tuple(positional[0]), describe(*call)
    return parameters


def assert_same_sampler(ours: dict, theirs: dict, what: str) -> None:
    assert ours["name"] == theirs["name"], (
        f"{what}: initlab draws from a {ours['name']}, the framework from a {theirs['name']}"
    )
    assert set(ours) == set(theirs), f"{what}: {sorted(ours)} vs {sorted(theirs)}"
    for key in sorted(set(theirs) - {"name"}):
        assert close(ours[key], theirs[key]), (
            f"{what}: {theirs['name']} {key} is {theirs[key]!r} in the framework, "
            f"{ours[key]!r} in initlab (ratio {ours[key] / theirs[key]!r})"
        )


# --- each framework rule's counterpart in initlab -----------------------------------------------

# The named Keras and JAX rules are VarianceScaling with these (scale, mode, distribution).
KERAS_CLASS = {  # Keras's class for each named rule; initlab.named_rule reads either name
    "glorot_normal": "GlorotNormal", "glorot_uniform": "GlorotUniform", "he_normal": "HeNormal",
    "he_uniform": "HeUniform", "lecun_normal": "LecunNormal", "lecun_uniform": "LecunUniform",
}  # fmt: skip
KERAS_CUT = REFERENCE["constants"]["keras_truncated_normal"]["cut_in_stddevs"]


def counterparts(entry: dict) -> list[tuple[str, tuple, dict]]:
    """The initlab calls that should draw as this framework rule did: (function name, positional
    arguments starting with the shape, keyword arguments)."""
    framework, rule, args = entry["framework"], entry["rule"], entry["args"]
    shape = tuple(entry["shape"])
    if framework == "torch":  # initlab's names and arguments are torch.nn.init's
        return [(rule.rstrip("_"), (shape,), args)]
    if (framework, rule) == ("keras", "RandomNormal"):
        return [("normal", (shape, args["mean"], args["stddev"]), {})]
    if (framework, rule) == ("keras", "RandomUniform"):
        return [("uniform", (shape, args["minval"], args["maxval"]), {})]
    if (framework, rule) == ("keras", "TruncatedNormal"):  # its cut is relative: mean ± 2·stddev
        mean, std = args["mean"], args["stddev"]
        low, high = mean - KERAS_CUT * std, mean + KERAS_CUT * std
        return [("trunc_normal", (shape, mean, std, low, high), {})]
    if (framework, rule) == ("jax", "normal"):
        return [("normal", (shape, 0.0, args["stddev"]), {})]
    if (framework, rule) == ("jax", "uniform"):  # U(0, scale)
        return [("uniform", (shape, 0.0, args["scale"]), {})]
    if (framework, rule) == ("jax", "truncated_normal"):  # its cut is in units of stddev
        std = args["stddev"]
        return [("trunc_normal", (shape, 0.0, std, args["lower"] * std, args["upper"] * std), {})]

    # VarianceScaling and its named forms, in Keras's layout (initlab's default for it)
    if rule in ("VarianceScaling", "variance_scaling"):
        scale, mode, distribution = args["scale"], args["mode"], args["distribution"]
        if framework == "jax" and distribution == "normal":
            distribution = "untruncated_normal"
    else:
        scale, mode, distribution = initlab.named_rule(rule)
    calls = [("variance_scaling", (shape, scale, mode, distribution), {})]
    for lecun in ("lecun_normal", "lecun_uniform"):  # initlab's own, in torch's layout
        if rule in (lecun, KERAS_CLASS[lecun]) and len(shape) >= 2:
            calls.append((lecun, (torch_layout(shape),), {}))
    return calls


def describe(name: str, positional: tuple, keywords: dict) -> str:
    arguments = [repr(a) for a in positional] + [f"{k}={v!r}" for k, v in keywords.items()]
    return f"initlab.{name}({', '.join(arguments)})"


# --- the comparisons ------------------------------------------------------------------------------

SAMPLED = [e for e in REFERENCE["initializers"] if "sampler" in e]


@pytest.mark.parametrize("entry", SAMPLED, ids=entry_id)
def test_initializer_draws_from_the_same_distribution(entry, monkeypatch):
    for call in counterparts(entry):
        ours = initlab_sampler(call, monkeypatch)
        assert_same_sampler(ours, entry["sampler"], f"{entry_id(entry)} vs {describe(*call)}")


@pytest.mark.parametrize(
    "entry", [e for e in REFERENCE["initializers"] if "values" in e], ids=entry_id
)
def test_constant_initializers(entry):
    shape, rule = tuple(entry["shape"]), entry["rule"]
    ours = initlab.zeros(shape) if rule == "zeros_" else initlab.constant(shape, **entry["args"])
    assert sorted(np.unique(ours).tolist()) == entry["values"], entry_id(entry)


@pytest.mark.parametrize("entry", REFERENCE["fans"], ids=lambda e: f"{e['framework']}-{e['shape']}")
def test_fans(entry):
    layout = "torch" if entry["framework"] == "torch" else "keras"  # JAX's default axes: Keras's
    shape = tuple(entry["shape"])
    what = f"{entry['framework']} fans of {shape}"
    if "error" in entry:
        with pytest.raises(ValueError):
            initlab.compute_fans(shape, layout)
        return
    fan_in, fan_out = initlab.compute_fans(shape, layout)
    assert close(fan_in, entry["fan_in"]), f"{what}: fan_in {entry['fan_in']}, initlab {fan_in}"
    assert close(fan_out, entry["fan_out"]), (
        f"{what}: fan_out {entry['fan_out']}, initlab {fan_out}"
    )


# initlab accepts "identity", listed with gain 1 in calculate_gain's own docstring table, but
# torch 2.13's code refuses it (its list of linear names lacks it). Deliberate: asserted below.
ACCEPTED_BEYOND_TORCH = {("identity", None): 1.0}


@pytest.mark.parametrize(
    "entry", REFERENCE["gains"], ids=lambda e: f"{e['nonlinearity']}-{e['param']!r}"
)
def test_gains(entry):
    name, param = entry["nonlinearity"], entry["param"]
    if (name, param) in ACCEPTED_BEYOND_TORCH:
        assert entry.get("error") == "ValueError", f"torch now accepts {name!r}: drop the exception"
        assert initlab.calculate_gain(name, param) == ACCEPTED_BEYOND_TORCH[name, param]
    elif "error" in entry:
        with pytest.raises(ValueError):
            initlab.calculate_gain(name, param)
    else:
        ours = initlab.calculate_gain(name, param)
        assert close(ours, entry["gain"]), (
            f"calculate_gain({name!r}, {param!r}): torch {entry['gain']!r}, initlab {ours!r}"
        )


@pytest.mark.parametrize("entry", REFERENCE["orthogonal"], ids=entry_id)
def test_orthogonal_mean_square(entry):
    shape = tuple(entry["shape"])
    shape = shape if entry["framework"] == "torch" else torch_layout(shape)
    gain = entry["args"].get("gain", entry["args"].get("scale"))
    w = initlab.orthogonal(shape, gain=gain, rng=np.random.default_rng(0))
    ours = float(np.mean(np.square(w)))
    assert close(ours, entry["mean_square"]), (
        f"{entry_id(entry)}: mean square {entry['mean_square']!r}, initlab {ours!r}"
    )


def layer_defaults(*frameworks: str) -> list[dict]:
    return [e for e in REFERENCE["layer_defaults"] if e["framework"] in frameworks]


@pytest.mark.parametrize("entry", layer_defaults("torch"), ids=entry_id)
def test_torch_layer_defaults(entry, monkeypatch):
    """nn.Linear and nn.ConvNd: weight kaiming_uniform_(a=√5), bias U(±1/√fan_in); in initlab's
    terms, the same kaiming_uniform and a bias bound from its fans (initlab's network starts its
    biases at zero, so it has no bias rule of its own)."""
    what, shape = entry_id(entry), tuple(entry["weight_shape"])
    rule = entry["weight_rule"]
    assert rule["name"] == "kaiming_uniform_", what
    ours = initlab_sampler(("kaiming_uniform", (shape,), rule["args"]), monkeypatch)
    assert_same_sampler(ours, entry["weight_sampler"], f"{what} weight")
    bound = 1 / math.sqrt(initlab.compute_fans(shape)[0])
    bias = {"name": "uniform", "low": -bound, "high": bound}
    assert_same_sampler(bias, entry["bias_sampler"], f"{what} bias")
    # a = √5 makes the weight's bound the bias's: U(±1/√fan_in) for both
    assert_same_sampler(ours, bias, f"{what} weight bound vs 1/√fan_in")


@pytest.mark.parametrize("entry", layer_defaults("keras", "flax"), ids=entry_id)
def test_keras_and_flax_layer_defaults(entry, monkeypatch):
    """Keras's Dense/ConvND and Flax's Dense/Conv draw their kernel exactly as the named rule
    the reference found for them (at the same shape), which initlab draws the same way, and
    start their biases at zero."""
    what = entry_id(entry)
    rule = {
        "framework": "jax" if entry["framework"] == "flax" else "keras",
        "rule": entry["weight_rule"]["name"],
        "args": entry["weight_rule"]["args"],
        "shape": entry["weight_shape"],
    }
    for call in counterparts(rule):
        ours = initlab_sampler(call, monkeypatch)
        assert_same_sampler(ours, entry["weight_sampler"], f"{what} kernel vs {describe(*call)}")
    assert entry["bias_values"] == [0.0], what
    assert entry["bias_shape"] == entry["weight_shape"][-1:], what


def test_truncation_constants():
    constants = REFERENCE["constants"]
    for name in ("keras_truncated_std_divisor", "jax_truncated_std_divisor"):
        assert close(initlab.TRUNCATED_STD_CORRECTION, constants[name]), (
            f"{name}: {constants[name]!r}, initlab {initlab.TRUNCATED_STD_CORRECTION!r}"
        )
    # Keras (PyTorch backend) cuts at ±2 stddev, as initlab's variance_scaling does. It keeps
    # the first of 4 candidates inside the cut, and the first candidate if none is: an entry
    # outside ±2 stddev with probability P(|Z| > 2)⁴ ≈ 4.3e-6, where initlab redraws until
    # inside. Not a difference in the distribution's parameters; recorded, not compared.
    truncation = constants["keras_truncated_normal"]
    assert truncation["cut_in_stddevs"] == 2.0
    assert truncation["candidates_per_entry"] == 4


# --- the file itself ------------------------------------------------------------------------------


def pins() -> dict[str, str]:
    lines = (REFERENCE_DIR / "requirements.txt").read_text().splitlines()
    pairs = (line.split("#")[0].strip().split("==") for line in lines)
    return {pair[0].lower(): pair[1] for pair in pairs if len(pair) == 2}


def test_versions_are_the_pinned_ones():
    versions, pinned = REFERENCE["versions"], pins()
    assert versions["torch"].split("+")[0] == pinned["torch"] == "2.13.0"
    assert versions["keras"] == pinned["keras"] and versions["keras"].startswith("3.")
    assert versions["keras_backend"] == "torch"
    assert versions["jax"] == pinned["jax"] and versions["jaxlib"] == pinned["jaxlib"]
    assert versions["flax"] == pinned["flax"]


def test_readme_names_the_recorded_versions():
    """Every 'PyTorch 2.13.0', 'torch==2.13.0', 'Keras 3.15.1', 'JAX 0.10.2', 'Flax 0.12.8' in the
    README is the version recorded; once the README documents the reference, it names torch's
    and Keras's."""
    readme = (ROOT / "README.md").read_text()
    recorded = {
        "torch": REFERENCE["versions"]["torch"].split("+")[0],
        "keras": REFERENCE["versions"]["keras"],
        "jax": REFERENCE["versions"]["jax"],
        "flax": REFERENCE["versions"]["flax"],
    }
    for name, version in recorded.items():
        pattern = rf"\b(?:py)?{name}(?:==|\s+)v?(\d+(?:\.\d+)*)\b"
        for mentioned in re.findall(pattern, readme, flags=re.IGNORECASE):
            assert version.split(".")[: mentioned.count(".") + 1] == mentioned.split("."), (
                f"README says {name} {mentioned}; frameworks.json has {version}"
            )
        if "make_framework_reference.py" in readme and name not in ("jax", "flax"):
            assert re.search(pattern, readme, flags=re.IGNORECASE), f"README: which {name}?"


def test_file_is_as_the_script_writes_it():
    assert REFERENCE_TEXT == json.dumps(REFERENCE, sort_keys=True, indent=1) + "\n"


# initlab's initializers and the framework rules that must be in the file for each.
COUNTERPARTS = {
    "zeros": {("torch", "zeros_")},
    "constant": {("torch", "constant_")},
    "normal": {("torch", "normal_"), ("keras", "RandomNormal"), ("jax", "normal")},
    "uniform": {("torch", "uniform_"), ("keras", "RandomUniform"), ("jax", "uniform")},
    "xavier_uniform": {("torch", "xavier_uniform_")},
    "xavier_normal": {("torch", "xavier_normal_")},
    "kaiming_uniform": {("torch", "kaiming_uniform_")},
    "kaiming_normal": {("torch", "kaiming_normal_")},
    "trunc_normal": {("torch", "trunc_normal_"), ("keras", "TruncatedNormal"),
                     ("jax", "truncated_normal")},
    "orthogonal": {("torch", "orthogonal_"), ("keras", "Orthogonal"), ("jax", "orthogonal")},
    "variance_scaling": {("keras", "VarianceScaling"), ("jax", "variance_scaling"),
                         *(("keras", KERAS_CLASS[n]) for n in initlab.NAMED_RULES),
                         *(("jax", n) for n in initlab.NAMED_RULES)},
    "lecun_normal": {("keras", "LecunNormal"), ("jax", "lecun_normal")},
    "lecun_uniform": {("keras", "LecunUniform"), ("jax", "lecun_uniform")},
}  # fmt: skip


def rules_in_file() -> set[tuple[str, str]]:
    return {
        (e["framework"], e["rule"]) for e in REFERENCE["initializers"] + REFERENCE["orthogonal"]
    }


def test_every_initlab_rule_has_its_framework_counterparts_in_the_file():
    assert set(COUNTERPARTS) == set(initlab.INITIALIZER_NAMES), "a rule without counterparts here"
    for name, rules in COUNTERPARTS.items():
        missing = rules - rules_in_file()
        assert not missing, f"initlab.{name}: {sorted(missing)} not in frameworks.json"


def grid(framework: str, rule: str, *keys: str) -> set[tuple]:
    return {
        (*(e["args"][k] for k in keys), len(e["shape"]))
        for e in REFERENCE["initializers"]
        if e["framework"] == framework and e["rule"] == rule
    }


def test_the_grid_is_complete():
    nonlinearities = {"leaky_relu", "relu", "linear", "tanh", "selu"}
    for rule in ("kaiming_uniform_", "kaiming_normal_"):
        covered = grid("torch", rule, "mode", "nonlinearity")
        expected = {
            (m, n, d) for m in ("fan_in", "fan_out") for n in nonlinearities for d in (2, 3, 4, 5)
        }
        assert expected <= covered, sorted(expected - covered)
    slopes = {e["args"]["a"] for e in REFERENCE["initializers"] if e["rule"] == "kaiming_normal_"}
    assert {0, 0.01, 0.2, math.sqrt(5)} <= slopes
    distributions = {"keras": ("truncated_normal", "untruncated_normal", "uniform"),
                     "jax": ("truncated_normal", "normal", "uniform")}  # fmt: skip
    dims = {"keras": (0, 1, 2, 3, 4, 5), "jax": (2, 3, 4, 5)}
    for framework, rule in (("keras", "VarianceScaling"), ("jax", "variance_scaling")):
        covered = grid(framework, rule, "mode", "distribution")
        expected = {(m, dist, d) for m in ("fan_in", "fan_out", "fan_avg")
                    for dist in distributions[framework] for d in dims[framework]}  # fmt: skip
        assert expected <= covered, sorted(expected - covered)
    known = set(gains.LINEAR) | {"sigmoid", "tanh", "relu", "leaky_relu", "selu"}
    assert known <= {e["nonlinearity"] for e in REFERENCE["gains"]}
    fan_dims = {(e["framework"], len(e["shape"])) for e in REFERENCE["fans"]}
    assert {("torch", d) for d in (0, 1, 2, 3, 4, 5)} <= fan_dims
    assert {("keras", d) for d in (0, 1, 2, 3, 4, 5)} <= fan_dims
    layers = {(e["framework"], e["layer"]) for e in REFERENCE["layer_defaults"]}
    assert {("torch", "Linear"), ("torch", "Conv2d")} <= layers
    assert {("keras", "Dense"), ("keras", "Conv2D"), ("flax", "Dense"), ("flax", "Conv")} <= layers
