"""The reference page's values, each against a closed form or a second computation."""

import dataclasses
import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from harness import tables
from harness.derivation_tests import derivation_tests
from sitebuild import BuildError
from sitebuild.authoring.proof import verify
from sitebuild.authoring.proof import with_changed_step as changed
from topics.index.experiment import LINEAR_REGIME
from topics.reference import derivations as d
from topics.reference import experiment as ex
from topics.reference import values as v


def test_initializer_table_std_column_is_each_rules_closed_form():
    n_in, n_out = ex.FAN_IN, ex.FAN_OUT
    closed = {
        "lecun_normal": 1 / n_in, "lecun_uniform": 1 / n_in,
        "xavier_normal": 2 / (n_in + n_out), "xavier_uniform": 2 / (n_in + n_out),
        "kaiming_normal (relu)": 2 / n_in, "kaiming_uniform (relu)": 2 / n_in,
        "kaiming_uniform (a = √5)": 1 / (3 * n_in), "orthogonal": 1 / max(n_in, n_out),
    }  # fmt: skip
    rows = tables.body(v.initializer_table.text())
    assert [r[0].strip("`") for r in rows] == list(closed)
    for row in rows:
        std, measured = float(row[4]), float(row[5])
        assert std == pytest.approx(math.sqrt(closed[row[0].strip("`")]), abs=5e-6)
        assert measured == pytest.approx(std, rel=0.02)


def test_gain_table_is_the_closed_forms():
    expected = [1, 1, 5 / 3, math.sqrt(2), math.sqrt(2 / (1 + 0.01**2)), 3 / 4]
    rows = tables.body(v.gain_table.text())
    assert [float(r[2]) for r in rows] == pytest.approx(expected, abs=5e-7)


def test_truncated_std_is_the_std_of_a_normal_cut_at_two():
    phi = math.exp(-2) / math.sqrt(2 * math.pi)  # density at 2
    kept = math.erf(2 / math.sqrt(2))
    assert float(v.truncated_std.text()) == pytest.approx(math.sqrt(1 - 4 * phi / kept), abs=5e-9)
    z = np.random.default_rng(0).normal(size=2_000_000)
    assert float(v.truncated_std.text()) == pytest.approx(z[np.abs(z) < 2].std(), rel=0.003)


def test_tanh_moment_and_gain_by_an_independent_integral():
    z = np.linspace(-12, 12, 200_001)
    density = np.exp(-(z**2) / 2) / math.sqrt(2 * math.pi)
    moment = float(np.sum(np.tanh(z) ** 2 * density) * (z[1] - z[0]))
    assert float(v.tanh_second_moment.text()) == pytest.approx(moment, abs=6e-5)
    assert float(v.tanh_moment_gain.text()) == pytest.approx(1 / math.sqrt(moment), abs=6e-4)
    assert v.five_thirds.text() == f"{5 / 3:.3f}"


def test_fixed_points():
    gain = 5 / 3
    q = ex.tanh_fixed_point(gain)
    assert abs(gain**2 * ex.tanh_second_moment(math.sqrt(q)) - q) < 1e-9  # a fixed point
    assert float(v.tanh_fixed_point_gain_5_3.text()) == pytest.approx(q, abs=5e-4)
    # gain 1: q ← E[tanh(√q z)²] < q, so q falls towards 0, roughly as 3/(2l) for large l
    q1 = float(v.tanh_fixed_point_gain_1.text())
    assert 0 < q1 < 3 / ex.FIXED_POINT_LAYERS
    assert int(v.tanh_fixed_point_layers.text()) == ex.FIXED_POINT_LAYERS
    near = math.erf(LINEAR_REGIME / math.sqrt(2 * q))
    assert v.fixed_point_near_linear.text() == f"{near:.0%}"
    z = np.random.default_rng(0).normal(0, math.sqrt(q), size=1_000_000)
    saturated = float(v.fixed_point_saturated.text().rstrip("%")) / 100
    assert saturated == pytest.approx(np.mean(np.abs(z) > 2), abs=0.006)
    assert float(v.linear_regime.text()) == LINEAR_REGIME


def test_conv_fans_are_channels_times_receptive_field():
    text = v.conv_fans.text()
    rows = tables.body(text.split("\n\n")[0])
    assert [r[3:] for r in rows] == [["75", "1600"], ["75", "1600"]]  # 3·5·5 and 64·5·5
    assert [r[2] for r in rows] == ["25", "25"]  # the 5 × 5 window in either layout
    assert [r[1] for r in rows] == ["`(64, 3, 5, 5)`", "`(5, 5, 3, 64)`"]
    assert f"= {math.sqrt(2 / 75):.4f}$" in text
    assert v.example_shape.text() == f"{ex.FAN_OUT} \\times {ex.FAN_IN}"


def test_framework_names_are_the_rules_the_frameworks_reference_recorded():
    """Each name in the table is one the recorded run of that framework called (or, for
    orthogonal, measured), and "(truncated)" marks exactly those whose default draws were cut
    where initlab's rule of the row draws an untruncated normal."""
    import json

    from sitebuild import ROOT

    reference = json.loads((ROOT / "tests/initlab/reference/frameworks.json").read_text())
    samplers = {}
    for entry in reference["initializers"]:
        if not entry["args"] and "sampler" in entry:
            samplers.setdefault((entry["framework"], entry["rule"]), entry["sampler"]["name"])
    called = {(e["framework"], e["rule"]) for e in reference["initializers"]}
    called |= {(e["framework"], e["rule"]) for e in reference["orthogonal"]}
    rows = tables.body(v.framework_names.text())
    assert len(rows) == len(ex.RULES)
    checked = 0
    for (_, *names), rule in zip(rows, ex.RULES, strict=True):
        for framework, cell in zip(("torch", "keras", "jax"), names, strict=True):
            name = cell.split(" ")[0].strip("`")
            if cell in ("—", "`nn.Linear` default"):
                continue
            assert (framework, name) in called, (framework, name)
            if (framework, name) in samplers:
                truncated = samplers[(framework, name)] == "truncated_normal"
                truncated &= not rule.distribution.startswith("truncated")
                assert cell.endswith("(truncated)") == truncated, cell
                checked += 1
    assert checked >= 10


def test_uniform_bounds_are_where_the_draws_end_and_give_the_variance():
    """U(±r) has variance r²/3; the library's draws reach within 1% of r and never beyond it."""
    for rule in ex.RULES:
        if rule.bound is None:
            assert rule.distribution != "uniform", rule.name
            continue
        assert rule.distribution == "uniform"
        assert sp.simplify(rule.bound**2 / 3 - rule.variance) == 0, rule.name
        r = ex.at_example(rule.bound)
        w = rule.draw(ex.SHAPE, np.random.default_rng(1))
        assert np.abs(w).max() <= r and np.abs(w).max() > 0.99 * r, rule.name


# --- the page's two derivations ------------------------------------------------------------------


WRONG = {
    "bound without the √3": changed(
        d.linear_default, 1, lhs=sp.sqrt(2 / (1 + d.a**2)) / sp.sqrt(d.n)
    ),
    "general bound with a instead of a²": changed(
        d.linear_default, 1, rhs=sp.sqrt(6 / ((1 + d.a) * d.n))
    ),
    "a = √5 gives 1/n": changed(d.linear_default, 2, rhs=1 / d.n),
    "truncated variance without the factor 2": changed(
        d.truncated_variance, 1, rhs=1 - d.beta * d.phi.subs(d.z, d.beta) / d.kept_mass
    ),
    "truncated variance plus": changed(
        d.truncated_variance, 1, rhs=1 + 2 * d.beta * d.phi.subs(d.z, d.beta) / d.kept_mass
    ),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_conclusions_variance_is_a_third_of_lecuns():
    formula = d.linear_default.formulas["variance"]
    assert formula.check(formula.lhs, formula.rhs)
    assert not formula.check(formula.lhs, 1 / d.n)
    broken = dataclasses.replace(formula, rhs=1 / (2 * d.n))
    with pytest.raises(BuildError, match="formula 'variance'"):
        verify(dataclasses.replace(d.linear_default, formulas={"variance": broken}))


def test_the_densities_are_the_standard_normals():
    """φ and Φ as the derivation writes them, against mpmath's: mass, CDF and the cut at 2."""
    for x in (-1.5, 0.0, 0.7, 2.0):
        assert float(d.phi.subs(d.z, x)) == pytest.approx(float(mpmath.npdf(x)), rel=1e-14)
        assert float(d.kept_mass.subs(d.beta, x)) == pytest.approx(
            float(mpmath.ncdf(x) - mpmath.ncdf(-x)), rel=1e-14, abs=1e-15
        )
    variance = d.truncated_variance.steps[0].rhs.subs(d.beta, 2)
    mass = mpmath.ncdf(2) - mpmath.ncdf(-2)
    second = mpmath.quad(lambda x: x * x * mpmath.npdf(x), [-2, 2]) / mass
    assert float(variance) == pytest.approx(float(second), rel=1e-14)


def test_tanh_fixed_point_is_the_recursion_from_one_by_another_quadrature():
    """q ← g² E[tanh(√q z)²] from q = 1, with a 121-point Gauss–Hermite rule written here: the
    same q after the page's number of layers; near 1/(2l) at gain 1 (E[tanh²] ≈ q − 2q²)."""
    x, w = np.polynomial.hermite_e.hermegauss(121)
    w = w / w.sum()
    for gain in (1.0, 5 / 3):
        q = 1.0
        for _ in range(ex.FIXED_POINT_LAYERS):
            q = gain**2 * float(np.sum(w * np.tanh(math.sqrt(q) * x) ** 2))
        assert ex.tanh_fixed_point(gain) == pytest.approx(q, rel=1e-7)  # 80 vs 121 points
    assert ex.tanh_fixed_point(1.0) == pytest.approx(1 / (2 * ex.FIXED_POINT_LAYERS), rel=0.05)


def test_the_library_check_is_seeded_and_refuses_a_wrong_formula():
    rule = ex.RULES[2]
    assert ex.measured_std(rule) == ex.measured_std(rule)  # the same draws every build
    wrong = dataclasses.replace(rule, variance=1.05 * rule.variance)  # std off by 2.5%
    with pytest.raises(AssertionError, match="xavier_normal: library std .* differs from formula"):
        ex.check(wrong)
    ex.check(dataclasses.replace(rule, variance=1.03 * rule.variance))  # 1.5%: within 2%


def test_the_bounds_are_displayed_as_written_not_simplified():
    """The page shows √3·gain/√n with a left as a, then with √5 put in: nothing evaluated away."""
    from sitebuild.authoring.printing import latex

    assert (
        latex(d.bound_general) == "\\frac{\\sqrt{3} \\sqrt{\\frac{2}{1 + a^{2}}}}{\\sqrt{n_{in}}}"
    )
    assert "\\left(\\sqrt{5}\\right)^{2}" in latex(d.bound_at_root5)
