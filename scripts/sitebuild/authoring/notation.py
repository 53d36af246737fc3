"""The site's notation, as SymPy objects: per-layer quantities and the functions of the prose.

``width(l)`` prints as :math:`n^{[l]}`, ``width(l - 1)`` as :math:`n^{[l-1]}`, and a product over
layers as :math:`\\prod_{l=1}^{L} n^{[l]} / n^{[l-1]}`; for a concrete index (``width(3)``) they
are plain undefined functions, so a derivation can unroll a product and compare. Each is an atom
of notation: its template places its own index and nothing else (a test holds every template to
that), so a compound quantity such as a layer's forward factor is an expression of atoms,
``width(l - 1) * weight_variance(l)``, printed from the very object the checks use.
"""

from __future__ import annotations

import sympy as sp

# The layer index and the depth, for products over layers ``(layer, 1, depth)``. A statement about
# every depth is checked by SymPy at each of CHECKED_DEPTHS (an unrolled product has no closed
# form for a symbolic L when its factors are unknown functions).
layer, depth = sp.symbols("l L", integer=True, positive=True)
CHECKED_DEPTHS = range(1, 9)


class LayerQuantity(sp.Function):
    """An unknown quantity of layer ``l``; ``template`` is its LaTeX, ``{l}`` the index."""

    template = "{l}"

    @classmethod
    def eval(cls, layer):
        return None  # never evaluates: width(3) stays width(3)

    def _latex(self, printer, exp=None):
        # The index in SymPy's usual order (l - 1, not -1 + l), without spaces: n^{[l-1]}.
        text = self.template.format(l=sp.latex(self.args[0]).replace(" ", ""))
        return f"\\left({text}\\right)^{{{exp}}}" if exp is not None else text


def layer_quantity(name: str, template: str) -> type[LayerQuantity]:
    return type(name, (LayerQuantity,), {"template": template})


width = layer_quantity("width", "n^{{[{l}]}}")
weight_variance = layer_quantity("weight_variance", "\\operatorname{{Var}}(W^{{[{l}]}})")
activation_variance = layer_quantity("activation_variance", "\\operatorname{{Var}}(a^{{[{l}]}})")
preactivation_variance = layer_quantity(
    "preactivation_variance", "\\operatorname{{Var}}(z^{{[{l}]}})"
)
gradient_variance = layer_quantity(
    "gradient_variance", "\\operatorname{{Var}}(\\partial C/\\partial a^{{[{l}]}})"
)
ATOMS = (width, weight_variance, activation_variance, preactivation_variance, gradient_variance)


def forward_factor(index):
    """What layer ``index`` multiplies the variance by, going forward: :math:`n^{[l-1]}
    \\operatorname{Var}(W^{[l]})`."""
    return width(index - 1) * weight_variance(index)


class NamedFunction(sp.Function):
    """A function of one argument printed by its name, ``f(z)``, and a power of it after the
    parenthesis, ``f(z)^k``: never ``f^k(z)``, which could read as f applied k times. A subclass
    sets ``tex``, the name's LaTeX."""

    nargs = 1
    tex: str  # each subclass sets it; checked when the subclass is made

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        tex = getattr(cls, "tex", None)
        if not isinstance(tex, str) or not tex.strip():
            raise TypeError(
                f"{cls.__name__} prints by its name but sets no tex: give it the name's LaTeX, "
                f"as Sigmoid's tex = '\\sigma', or it prints a bare parenthesis"
            )

    def _latex(self, printer, exp=None):
        tex = "%s\\left(%s\\right)" % (self.tex, printer._print(self.args[0]))
        return tex if exp is None else "%s^{%s}" % (tex, exp)


class Relu(NamedFunction):
    """relu(z) = max(z, 0), printed as in the prose."""

    tex = "\\operatorname{relu}"

    def _eval_rewrite_as_Piecewise(self, arg, **kwargs):
        return sp.Piecewise((0, arg < 0), (arg, True))


def logistic(z):
    """1/(1 + e^(−z)): what σ and SiLU are written out as, here only."""
    return 1 / (1 + sp.exp(-z))


class Sigmoid(NamedFunction):
    """The logistic function σ(z) = 1/(1 + e^(−z)), which ``doit()`` writes out."""

    tex = "\\sigma"

    def doit(self, **hints):
        return logistic(self.args[0].doit(**hints))


class Silu(NamedFunction):
    """SiLU (swish), z·σ(z); ``doit()`` and ``rewrite(sp.erf)`` (the hook the quadrature of an
    activation written with erf uses) write it out."""

    tex = "\\operatorname{SiLU}"

    def doit(self, **hints):
        argument = self.args[0].doit(**hints)
        return argument * logistic(argument)

    def _eval_rewrite_as_erf(self, z, **kwargs):
        return z * logistic(z)


def written_out(expr):
    """``expr`` with every SiLU and σ written as the functions they name (z·σ(z), 1/(1 + e^(−z))),
    and nothing else carried out: for checks that need the logistic function but not, say, an
    expectation or a product evaluated."""
    return sp.sympify(expr).replace(Silu, lambda x: x * Sigmoid(x)).replace(Sigmoid, logistic)


class LeakyRelu(sp.Function):
    """Leaky ReLU with negative slope ``a``: z for z > 0, a·z below."""

    nargs = 2

    def _latex(self, printer, exp=None):
        z, slope = (printer._print(arg) for arg in self.args)
        tex = "\\operatorname{relu}_{%s}\\left(%s\\right)" % (slope, z)
        return tex if exp is None else "%s^{%s}" % (tex, exp)

    def _eval_rewrite_as_Piecewise(self, arg, slope, **kwargs):
        return sp.Piecewise((slope * arg, arg < 0), (arg, True))


class NormalDensity(sp.Function):
    """The density of N(0, s²) at z, printed as a textbook writes it; ``doit()`` gives the
    expression the checks integrate."""

    nargs = 2

    def _latex(self, printer, exp=None):
        z, s = (printer._print(arg) for arg in self.args)
        tex = "\\frac{1}{%s\\sqrt{2\\pi}}\\, e^{-%s^{2}/(2%s^{2})}" % (s, z, s)
        return tex if exp is None else "\\left(%s\\right)^{%s}" % (tex, exp)

    def doit(self, **hints):
        z, s = (arg.doit(**hints) if hints.get("deep", True) else arg for arg in self.args)
        return sp.exp(-(z**2) / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))
