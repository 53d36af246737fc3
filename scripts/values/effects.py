"""Numbers on the effects page: final cost and accuracy of every run, computed at build."""

from experiments import effects as ex
from sitebuild.values import value


@value("effects_results_table")
def effects_results_table():
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


@value("effects_steps", "{:d}")
def effects_steps():
    return ex.STEPS


@value("effects_lr", "{:g}")
def effects_lr():
    return ex.LEARNING_RATE


@value("effects_points", "{:d}")
def effects_points():
    return ex.POINTS


@value("effects_large_initial_loss", "{:.3g}")
def effects_large_initial_loss():
    return ex.runs()["too large (σ = 10)"].loss[0]


@value("effects_xavier_loss", "{:.3f}")
def effects_xavier_loss():
    return ex.runs()["Xavier, tanh"].loss[-1]


@value("effects_zero_loss", "{:.3f}")
def effects_zero_loss():
    return ex.runs()["zero"].loss[-1]
