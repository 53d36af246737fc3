"""What the width page and its captions say about the sweep, each sentence with its check."""

import numpy as np

from sitebuild.authoring import claim
from topics.width import experiment as ex

NARROW, WIDE = ex.WIDTHS[0], ex.WIDTHS[-1]


@claim(
    "In these short runs, at every width and in both parametrizations, the best rate is the "
    "largest one on the grid at which no seed blew up."
)
def best_is_largest_stable():
    return all(
        ex.best_rate(name, width) == ex.largest_stable_rate(name, width)
        for name in ex.PARAMETRIZATIONS
        for width in ex.WIDTHS
    )


@claim(
    f"In SP the best rate falls as the network widens: it never rises from one width to the "
    f"next, and at width {WIDE} it is at least 8 times smaller than at width {NARROW}."
)
def sp_rate_falls():
    best = [ex.best_rate("SP", width) for width in ex.WIDTHS]
    assert all(later <= earlier for earlier, later in zip(best, best[1:], strict=False)), best
    return best[0] / best[-1] >= 8


@claim(
    "Times the width, SP's best rate never grows from one width to the next: it falls at least "
    "as fast as $1/n$."
)
def sp_falls_like_one_over_n_or_faster():
    product = [ex.best_rate("SP", width) * width for width in ex.WIDTHS]
    return all(later <= earlier for earlier, later in zip(product, product[1:], strict=False))


@claim(
    f"In µP the best rate is the same at every width from {NARROW} to {WIDE}, within a factor "
    "of 2 (one step of the grid)."
)
def mup_rate_stays():
    best = [ex.best_rate("µP", width) for width in ex.WIDTHS]
    return max(best) / min(best) <= 2


@claim(
    "At its best rate, µP's widest network ends with a lower cost than its narrowest; SP's "
    "widest ends with a higher one than its narrowest."
)
def wider_is_better_only_in_mup():
    mup = [ex.best_cost("µP", width) for width in (NARROW, WIDE)]
    sp = [ex.best_cost("SP", width) for width in (NARROW, WIDE)]
    return bool(mup[1] < mup[0] and sp[1] > sp[0])


@claim(f"At width {NARROW} the two parametrizations are the same network, run for run.")
def same_at_base_width():
    return bool(np.array_equal(ex.sweep("SP", NARROW), ex.sweep("µP", NARROW)))
