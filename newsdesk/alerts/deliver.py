"""Delivering inbox items by webhook (JSON Feed body) and e-mail (SMTP from [smtp]).

An item is marked delivered once every channel the user set up took it; a channel
that fails leaves it for the next run (so a webhook that was down gets it later).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from newsdesk.accounts.tokens import app_secret, keyed
from newsdesk.alerts.match import refresh_inbox
from newsdesk.config import Config
from newsdesk.store.account_models import InboxItem

log = logging.getLogger("newsdesk.alerts")


@dataclass
class DeliveryFailure:
    error: str


@dataclass
class DeliveryReport:
    users: int = 0
    matched: int = 0
    webhooks: int = 0
    emails: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:  # the scheduler stays quiet when a round did nothing
        return self.matched + self.webhooks + self.emails

    @property
    def failures(self) -> list[DeliveryFailure]:  # reported by the scheduler like a poll's failures
        return [DeliveryFailure(e) for e in self.errors]

    def __str__(self) -> str:
        return (f"{self.users} users, {self.matched} new matches, {self.webhooks} webhooks, "
                f"{self.emails} e-mails, {len(self.errors)} errors")


def items_feed(username: str, items: list[InboxItem], base_url: str) -> dict[str, Any]:
    """The webhook body: a JSON Feed 1.1 document of the new items."""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"newsdesk alerts for {username}",
        "items": [
            {
                "id": f"{base_url}/articles/{item.article_id}",
                "url": f"{base_url}/articles/{item.article_id}",
                "external_url": item.url,
                "title": item.title or "(untitled)",
                "date_published": item.published.isoformat() if item.published else None,
                "summary": item.reason,
                "tags": [item.reason],
                "_newsdesk": {"article_id": item.article_id, "outlet": item.outlet, "story_id": item.story_id},
            }
            for item in items
        ],
    }


def send_email(config: Config, to: str, username: str, items: list[InboxItem], base_url: str) -> None:
    smtp = config.smtp
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = to
    message["Subject"] = f"newsdesk: {len(items)} new article{'s' if len(items) != 1 else ''} for {username}"
    lines = [f"- {item.title or '(untitled)'} ({item.outlet or 'unknown outlet'}; {item.reason})\n"
             f"  {base_url}/articles/{item.article_id}" for item in items]
    message.set_content("New matches for your alerts:\n\n" + "\n".join(lines) + "\n")
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s) as client:
        if smtp.starttls:
            client.starttls()
        if smtp.username:
            client.login(smtp.username, smtp.password)
        client.send_message(message)


def webhook_key(secret: bytes, user_id: int) -> bytes:
    """Each user's webhook signing key, derived from the app secret (shown on /alerts)."""
    return keyed(secret, "webhook", str(user_id)).encode("ascii")


def deliver_user(store: Any, config: Config, user_id: int, base_url: str, report: DeliveryReport) -> None:
    from newsdesk.sources.fetch import FetchError
    from newsdesk.sources.webhook import post_json

    settings = store.alert_settings(user_id)
    user = store.get_user(user_id)
    email = settings.email if config.smtp.host else None
    if user is None or user.disabled or not (settings.webhook_url or email):
        return
    items = store.inbox(user_id, limit=config.alerts.max_per_delivery, undelivered_only=True)
    if not items:
        return
    ok = True
    if settings.webhook_url:
        try:
            post_json(settings.webhook_url, items_feed(user.username, items, base_url), config.fetch,
                      timeout_s=config.alerts.webhook_timeout_s, max_bytes=config.alerts.webhook_max_bytes,
                      signing_key=webhook_key(app_secret(config.web.secret_key, config.data_dir), user_id))
            report.webhooks += 1
        except FetchError as exc:
            ok = False
            report.errors.append(f"user {user.username}: {exc}")
    if email:
        try:
            send_email(config, email, user.username, items, base_url)
            report.emails += 1
        except (smtplib.SMTPException, OSError) as exc:
            ok = False
            report.errors.append(f"user {user.username}: e-mail to {email}: {type(exc).__name__}: {exc}")
    if ok:
        store.mark_delivered([item.id for item in items])


def run_alerts(store: Any, config: Config, base_url: str | None = None) -> DeliveryReport:
    """Matches every user's rules and delivers what is new. One user's failure never stops the rest."""
    base_url = (base_url or f"http://{config.web.host}:{config.web.port}").rstrip("/")
    report = DeliveryReport()
    for user_id in store.users_with_alerts():
        report.users += 1
        try:
            report.matched += refresh_inbox(store, user_id)
            deliver_user(store, config, user_id, base_url, report)
        except Exception as exc:  # noqa: BLE001 - one bad rule or channel must not stop the others
            log.exception("alerts for user %s failed", user_id)
            report.errors.append(f"user {user_id}: {type(exc).__name__}: {exc}")
    return report
