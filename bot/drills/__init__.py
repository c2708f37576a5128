"""Daily drills: plan one question a day per subscription, choose it by spaced repetition, deliver it.

``planner`` decides which subscriptions are due for which local date; ``choice`` and ``cards`` pick the
question with FSRS; ``dispatcher`` claims planned deliveries and sends them through a ``Transport``
within the platform's ``limits``.  What they need from storage is the ``DrillStore`` port in ``store``.
"""
