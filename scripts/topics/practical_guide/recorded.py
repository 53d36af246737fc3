"""What the frameworks really computed, as far as the practical guide shows it: an excerpt of
tests/initlab/reference/frameworks.json (torch 2.13.0+cpu, Keras 3.15.1, JAX 0.10.2, Flax
0.12.8).

A build reads only docs/ and scripts/ (a copy of the project made to build has nothing else), so
the page takes its framework facts from this excerpt, and tests/topics/test_practical_guide.py
holds it to the recorded file entry for entry: regenerate the file, and a disagreement fails
the tests until this excerpt is copied again.
"""

VERSIONS = {"torch": "2.13.0+cpu", "keras": "3.15.1", "jax": "0.10.2", "flax": "0.12.8"}

# torch.nn.init.calculate_gain(nonlinearity, param) -> the gain, or None where it raised.
GAINS = {
    ("linear", None): 1,
    ("conv1d", None): 1,
    ("conv2d", None): 1,
    ("conv3d", None): 1,
    ("conv_transpose1d", None): 1,
    ("conv_transpose2d", None): 1,
    ("conv_transpose3d", None): 1,
    ("sigmoid", None): 1,
    ("tanh", None): 1.6666666666666667,
    ("relu", None): 1.4142135623730951,
    ("leaky_relu", None): 1.4141428569978354,
    ("leaky_relu", 0): 1.4142135623730951,
    ("leaky_relu", 0.01): 1.4141428569978354,
    ("leaky_relu", 0.2): 1.3867504905630728,
    ("leaky_relu", 1): 1.0,
    ("leaky_relu", 2.23606797749979): 0.5773502691896257,
    ("selu", None): 0.75,
    ("identity", None): None,
    ("swish", None): None,
}

# nn.Linear and nn.ConvNd: (layer, constructor arguments, weight shape, the uniform bound of
# the weight, the uniform bound of the bias), both drawn U(-bound, bound).
LAYER_DEFAULTS = (
    ("Linear", (512, 256), (256, 512), 0.04419417382415921, 0.044194173824159216),
    ("Linear", (30, 20), (20, 30), 0.18257418583505536, 0.18257418583505536),
    ("Linear", (3, 7), (7, 3), 0.5773502691896257, 0.5773502691896258),
    ("Conv1d", (4, 8, 3), (8, 4, 3), 0.28867513459481287, 0.2886751345948129),
    ("Conv2d", (3, 64, 5), (64, 3, 5, 5), 0.11547005383792512, 0.11547005383792514),
    ("Conv2d", (16, 32, 3), (32, 16, 3, 3), 0.08333333333333331, 0.08333333333333333),
    ("Conv3d", (8, 16, 3), (16, 8, 3, 3, 3), 0.06804138174397716, 0.06804138174397717),
)

# Keras's Dense/ConvND and Flax's Dense/Conv, each built for the weights of a layer above
# (Keras's layout, (*kernel, in, out)). Every one of them draws its kernel exactly as the named
# initializer does at default arguments, and starts its bias at these values:
KERAS_DEFAULT = ("GlorotUniform", (0.0,))  # (the kernel's initializer, the bias's values)
FLAX_DEFAULT = ("lecun_normal", (0.0,))
# Keras's kernel: the uniform bound.
KERAS_KERNEL_BOUND = {
    (512, 256): 0.08838834764831845,
    (30, 20): 0.34641016151377546,
    (3, 7): 0.7745966692414834,
    (3, 4, 8): 0.408248290463863,
    (5, 5, 3, 64): 0.059850560166457976,
    (3, 3, 16, 32): 0.11785113019775792,
    (3, 3, 3, 8, 16): 0.09622504486493763,
}
# Flax's kernel: the truncated normal's std and cut.
FLAX_KERNEL = {
    (512, 256): (0.050242024285872836, 0.10048404857174567),
    (30, 20): (0.20755895822819634, 0.4151179164563927),
    (3, 7): (0.6563590567728471, 1.3127181135456942),
    (3, 4, 8): (0.32817952838642356, 0.6563590567728471),
    (5, 5, 3, 64): (0.13127181135456945, 0.2625436227091389),
    (3, 3, 16, 32): (0.09473726952821303, 0.18947453905642606),
    (3, 3, 3, 8, 16): (0.0773526566562144, 0.1547053133124288),
}
