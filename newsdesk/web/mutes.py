"""The signed-in reader's mute rules, for the pages that list articles and stories."""

from __future__ import annotations

from fastapi import Request

from newsdesk.alerts.mutes import MuteRules
from newsdesk.web.auth import viewer


def mutes_for(request: Request) -> MuteRules:
    """Empty rules (nothing hidden) for anonymous readers."""
    user = viewer(request)
    return MuteRules.of(request.app.state.store, user.id if user else None)
