"""Numbers on the effects page: final cost and accuracy of every run, computed at build."""

from sitebuild.authoring import value
from topics.effects import experiment as ex


@value()
def results_table():
    names = list(ex.SETUPS)
    rows = [
        "| data set | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for data in ex.DATASETS:
        runs = ex.runs(data)
        cells = [f"{runs[n].loss[-1]:.3f} / {runs[n].accuracy:.0%}" for n in names]
        rows.append(f"| {data} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


@value("{:d}")
def steps():
    return ex.STEPS


@value("{:g}")
def learning_rate():
    return ex.LEARNING_RATE


@value("{:d}")
def points():
    return ex.POINTS


@value("{:.3g}")
def large_initial_cost():
    return ex.runs()["too large (σ = 10)"].loss[0]


@value("{:.3f}")
def xavier_final_cost():
    return ex.runs()["Xavier, tanh"].loss[-1]


@value("{:.3f}")
def zero_final_cost():
    return ex.runs()["zero"].loss[-1]
