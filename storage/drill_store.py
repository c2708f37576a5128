"""The drills' ``DrillStore`` port on SQLite or PostgreSQL: planning, claiming and finishing deliveries.

Each job has its own module (planning, claims, writes, reads); this class puts them on one engine, the
``SqlStore``'s.  Every write that finishes a claim names the claim's token, so a dispatcher whose lease
was taken over changes nothing.  Every method takes the time it works at from its caller.
"""

from __future__ import annotations

from storage.drill_claims import DrillClaims
from storage.drill_planning import DrillPlanning
from storage.drill_reads import DrillReads
from storage.drill_writes import DrillWrites
from storage.send_budget import SqlSendBudget


class SqlDrillStore(DrillPlanning, DrillClaims, DrillWrites, DrillReads, SqlSendBudget):
    """Durable state of the daily drills, and the shared send rate; one short transaction per call."""
