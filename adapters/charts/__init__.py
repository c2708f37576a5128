"""Pictures of the core's data (matplotlib, Agg backend): the ``ChartRenderer`` the engine is given."""

from adapters.charts.renderer import ProgressCharts

__all__ = ["ProgressCharts"]
