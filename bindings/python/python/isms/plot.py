"""Plotting helpers for notebooks (matplotlib is an optional extra:
``pip install 'isms[plot]'``).

Each function draws on an existing ``matplotlib.axes.Axes`` (or a new
figure's) and returns the axes; nothing here computes risk: the figures show
the engine's results as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:
    from .results import DocumentSimulation, HeatMap, RiskAssessment, RiskRegister, Simulation

__all__ = ["document_simulation", "heatmap", "loss_exceedance"]


def _plt() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError("plotting needs matplotlib, an optional dependency: pip install 'isms[plot]'") from e
    return plt


def heatmap(
    source: Union[HeatMap, RiskRegister, RiskAssessment], which: str = "inherent", ax: Optional[Any] = None
) -> Any:
    """Draws the engine's heat map: the methodology's likelihood ×
    consequence matrix coloured by level, with the number of risks the
    engine counts in each cell for ``which`` (``"inherent"`` or
    ``"residual"``) levels. A register or an assessment draws the heat map of
    its document on its date. Returns the axes."""
    if which not in ("inherent", "residual"):
        from .errors import InvalidArgumentError, Problem

        msg = f"which must be 'inherent' or 'residual', got {which!r}"
        raise InvalidArgumentError(msg, path="which", reason=msg, problems=[Problem("invalid_argument", "which", msg)])
    from .results import HeatMap

    hm = source if isinstance(source, HeatMap) else source.heatmap()
    return _heatmap_cells(_plt(), hm, which, ax)


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


def document_simulation(sim: DocumentSimulation, ax: Optional[Any] = None, *, log_x: bool = False) -> Any:
    """Draws the loss exceedance curves of a document simulation: the
    portfolio before and after treatment, or, for a one-risk simulation, that
    risk before and after. Returns the axes."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    p, rp = sim.portfolio, sim.residual_portfolio
    if p is not None:
        curves = [("portfolio before treatment", p.total), ("after treatment", rp.total if rp else None)]
    elif len(sim):
        r = sim.risks[0]
        curves = [(f"{r.id} before treatment", r.inherent), ("after treatment", r.residual)]
    else:
        raise ValueError("the simulation has no quantified risk to draw")
    for label, s in curves:
        if s is not None:
            loss_exceedance(s, ax, log_x=log_x, label=label)
    ax.set_title(f"Open FAIR simulation, {sim.options.trials:,} years")
    return ax
