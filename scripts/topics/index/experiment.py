"""The home page's definition of tanh's near-linear regime, used by later pages too."""

import numpy as np

LINEAR_REGIME = 0.5  # |z| below this: "tanh behaves like the identity"
# How far tanh and its slope are from the identity's at the edge of the band.
VALUE_ERROR = float((LINEAR_REGIME - np.tanh(LINEAR_REGIME)) / LINEAR_REGIME)
SLOPE = float(1 - np.tanh(LINEAR_REGIME) ** 2)
