"""Alerts and rules: follows and saved searches matched into each user's inbox,
mute rules, and delivery by webhook and e-mail.

When matching runs: lazily, per user, whenever that user's inbox is looked at
(inbox page, inbox API, alert feed) and for every user by `newsdesk alerts run`
(which also delivers; run it from cron or after polling). Ingestion is never
slowed by alert rules, and a match is found exactly once: each user has a cursor
over article ids.
"""

from newsdesk.alerts.match import refresh_inbox
from newsdesk.alerts.mutes import MuteRules

__all__ = ["MuteRules", "refresh_inbox"]
