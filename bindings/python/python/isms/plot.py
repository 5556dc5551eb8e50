"""Plotting helpers for notebooks (matplotlib is an optional extra:
``pip install 'isms[plot]'``).

Each function draws on an existing ``matplotlib.axes.Axes`` (or a new
figure's) and returns the axes; nothing here computes risk: the figures show
the engine's results as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:
    from .results import HeatMap, RiskRegister, Simulation

__all__ = ["heatmap", "loss_exceedance"]


def _plt() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError("plotting needs matplotlib, an optional dependency: pip install 'isms[plot]'") from e
    return plt


def heatmap(register: Union[RiskRegister, HeatMap], which: str = "inherent", ax: Optional[Any] = None) -> Any:
    """Draws the methodology's likelihood × consequence matrix coloured by
    risk level, with the number of risks whose ``which`` (``"inherent"`` or
    ``"residual"``) rating falls in each cell. Returns the axes."""
    if which not in ("inherent", "residual"):
        from .errors import InvalidArgumentError, Problem

        msg = f"which must be 'inherent' or 'residual', got {which!r}"
        raise InvalidArgumentError(msg, path="which", reason=msg, problems=[Problem("invalid_argument", "which", msg)])
    plt = _plt()
    from matplotlib.colors import to_rgb

    from .results import HeatMap

    if isinstance(register, HeatMap):
        return _heatmap_cells(plt, register, which, ax)
    m = register.methodology.to_dict()
    n_l, n_c = len(m["likelihood_scale"]), len(m["consequence_scale"])
    counts = [[0] * n_c for _ in range(n_l)]
    for r in register.to_dict()["risks"]:
        lv = r.get(which)
        if lv and 1 <= lv["likelihood"] <= n_l and 1 <= lv["consequence"] <= n_c:
            counts[lv["likelihood"] - 1][lv["consequence"] - 1] += 1
    palette = ["#2e7d32", "#9e9d24", "#f9a825", "#ef6c00", "#c62828", "#6a1b9a"]
    levels = m["levels"]
    colors = [lvl.get("color") or palette[min(i, len(palette) - 1)] for i, lvl in enumerate(levels)]
    image = [[to_rgb(colors[m["matrix"][li][ci]]) for ci in range(n_c)] for li in range(n_l)]
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * n_c + 2, 1.0 * n_l + 1.5))
    ax.imshow(image, origin="lower", aspect="auto")
    for li in range(n_l):
        for ci in range(n_c):
            if counts[li][ci]:
                ax.text(ci, li, str(counts[li][ci]), ha="center", va="center", fontweight="bold")
    ax.set_xticks(range(n_c), [s.get("label", str(i + 1)) for i, s in enumerate(m["consequence_scale"])])
    ax.set_yticks(range(n_l), [s.get("label", str(i + 1)) for i, s in enumerate(m["likelihood_scale"])])
    ax.set_xlabel("consequence")
    ax.set_ylabel("likelihood")
    ax.set_title(f"{which} risk, as of {register.as_of.isoformat()}")
    return ax


def _heatmap_cells(plt: Any, hm: HeatMap, which: str, ax: Optional[Any]) -> Any:
    """Draws the core's heat map cells (levels, colours and counts as computed)."""
    from matplotlib.colors import to_rgb

    d = hm.to_dict()
    n_l, n_c = len(d["likelihood_labels"]), len(d["consequence_labels"])
    image = [[(1.0, 1.0, 1.0)] * n_c for _ in range(n_l)]
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * n_c + 2, 1.0 * n_l + 1.5))
    for cell in d[which]:
        li, ci = cell["likelihood"] - 1, cell["consequence"] - 1
        image[li][ci] = to_rgb(cell["color"])
        if cell["count"]:
            ax.text(ci, li, str(cell["count"]), ha="center", va="center", fontweight="bold")
    ax.imshow(image, origin="lower", aspect="auto")
    ax.set_xticks(range(n_c), d["consequence_labels"])
    ax.set_yticks(range(n_l), d["likelihood_labels"])
    ax.set_xlabel("consequence")
    ax.set_ylabel("likelihood")
    ax.set_title(f"{which} risk, as of {d['as_of']}")
    return ax


def loss_exceedance(sim: Simulation, ax: Optional[Any] = None, *, log_x: bool = False, label: Optional[str] = None) -> Any:
    """Draws the loss exceedance curve of a simulation: the probability that
    the annual loss exceeds each amount. Returns the axes."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    points = sim.loss_exceedance
    ax.plot([p.loss for p in points], [p.probability for p in points], label=label)
    if log_x:
        ax.set_xscale("symlog")
    ax.set_xlabel("annual loss")
    ax.set_ylabel("P(annual loss > x)")
    ax.set_ylim(0, 1)
    ax.grid(True, alpha=0.3)
    if label:
        ax.legend()
    return ax
