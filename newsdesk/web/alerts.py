"""The inbox and the rules page: follows, saved searches, mutes, delivery, feed token."""

from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from newsdesk.accounts.tokens import new_token, token_hash
from newsdesk.alerts.deliver import webhook_key
from newsdesk.alerts.match import refresh_inbox
from newsdesk.store.base import User
from newsdesk.web.account_views import safe_next
from newsdesk.web.auth import require_user
from newsdesk.web.deps import get_store
from newsdesk.web.pages import render
from newsdesk.web.sanitize import safe_url

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def back(next_path: str) -> RedirectResponse:
    """Back to the page the form was on (its hidden `next` field; same site only), else /alerts.
    Not the Referer: our pages send none (Referrer-Policy: no-referrer)."""
    return RedirectResponse(safe_next(next_path or "/alerts"), status_code=303)


def applied(change: Callable[[], object], next_path: str) -> RedirectResponse:
    """Run a rule change for the signed-in user and go back; a refused value is a 400."""
    try:
        change()
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    return back(next_path)


@router.get("/inbox")
def inbox(request: Request, user: User = Depends(require_user), store: Any = Depends(get_store)) -> HTMLResponse:
    refresh_inbox(store, user.id)
    return render(request, "inbox.html", items=store.inbox(user.id, limit=200), unread=store.unread_count(user.id))


@router.post("/inbox/read")
def mark_read(item: list[int] | None = Form(None),
              user: User = Depends(require_user),
              store: Any = Depends(get_store)) -> RedirectResponse:
    store.mark_inbox_read(user.id, item or None)
    return RedirectResponse("/inbox", status_code=303)


def rules_page(request: Request, user: User, store: Any, feed_token: str | None = None) -> HTMLResponse:
    return render(
        request, "alerts.html", follows=store.follows(user.id), searches=store.saved_searches(user.id),
        mutes=store.mutes(user.id), settings=store.alert_settings(user.id), feed_token=feed_token,
        webhook_key=webhook_key(request.app.state.secret, user.id).decode("ascii"),
        smtp_on=bool(request.app.state.config.smtp.host),
    )


@router.get("/alerts")
def rules(request: Request, user: User = Depends(require_user), store: Any = Depends(get_store)) -> HTMLResponse:
    return rules_page(request, user, store)


@router.post("/alerts/follows")
def follow(kind: str = Form(...), target: str = Form(...), next: str = Form(""),
           user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    return applied(lambda: store.add_follow(user.id, kind, target[:200]), next)


@router.post("/alerts/follows/{follow_id}/delete")
def unfollow(follow_id: int, next: str = Form(""),
             user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    return applied(lambda: store.delete_follow(user.id, follow_id), next)


@router.post("/alerts/searches")
def save_search(query: str = Form(...), name: str = Form(""), next: str = Form(""),
                user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    return applied(lambda: store.add_saved_search(user.id, name.strip()[:100], query.strip()[:500]), next)


@router.post("/alerts/searches/{search_id}/delete")
def delete_search(search_id: int, next: str = Form(""),
                  user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    return applied(lambda: store.delete_saved_search(user.id, search_id), next)


@router.post("/alerts/mutes")
def mute(kind: str = Form(...), value: str = Form(...), next: str = Form(""),
         user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    return applied(lambda: store.add_mute(user.id, kind, value[:200]), next)


@router.post("/alerts/mutes/{mute_id}/delete")
def unmute(mute_id: int, next: str = Form(""),
           user: User = Depends(require_user), store: Any = Depends(get_store)) -> RedirectResponse:
    return applied(lambda: store.delete_mute(user.id, mute_id), next)


@router.post("/alerts/delivery")
def delivery(webhook_url: str = Form(""), email: str = Form(""),
             user: User = Depends(require_user),
             store: Any = Depends(get_store)) -> RedirectResponse:
    webhook_url, email = webhook_url.strip(), email.strip()
    if webhook_url and not safe_url(webhook_url):
        raise HTTPException(400, f"webhook {webhook_url!r}: not an http(s) URL")
    if email and ("@" not in email or len(email) > 254 or any(c in email for c in "\r\n <>,")):
        raise HTTPException(400, f"e-mail {email!r}: not an address")
    store.set_alert_delivery(user.id, webhook_url or None, email or None)
    return RedirectResponse("/alerts", status_code=303)


@router.post("/alerts/feed-token")
def feed_token(request: Request, user: User = Depends(require_user), store: Any = Depends(get_store)) -> HTMLResponse:
    """A new secret feed URL (the old one stops working); shown this once."""
    token = new_token()
    store.set_feed_token(user.id, token_hash(token))
    return rules_page(request, user, store, feed_token=token)
