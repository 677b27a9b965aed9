"""Sending a rendered event on each kind of channel. Every failure is a :class:`DeliveryError` whose text names
the connection and the cause with every secret of the connection taken out."""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import subprocess
import time
import warnings
from collections.abc import Callable
from email.message import EmailMessage
from html import escape

import httpx

from radarr_pipeline.config import ConfigError, read_secret
from radarr_pipeline.models import NotificationEvent
from radarr_pipeline.notifications.errors import DeliveryError
from radarr_pipeline.notifications.rendering import discord_payload, headline, script_environment, webhook_payload
from radarr_pipeline.settings.notifications import (
    AppriseConnection,
    DiscordConnection,
    EmailConnection,
    NotificationSettings,
    ScriptConnection,
    WebhookConnection,
)
from radarr_pipeline.values.log_redaction import install_log_redaction, remember_secrets
from radarr_pipeline.values.retry_after import retry_after_seconds
from radarr_pipeline.values.secrets import redact

AnyConnection = WebhookConnection | DiscordConnection | EmailConnection | ScriptConnection | AppriseConnection
#: A Discord 429 asking to wait at most this long is waited for at once (then tried again, once); a longer wait
#: is left to the outbox's next attempt, no sooner than Discord asked.
INLINE_RETRY_AFTER_SECONDS = 5.0
SCRIPT_TIMEOUT_SECONDS = 60.0


install_log_redaction()


def connection_secrets(connection: AnyConnection) -> list[str]:
    """The values of the connection's ``*_env`` variables that are set (what must never be shown); they are
    remembered so that the HTTP library's own log lines are cleaned of them too."""
    values = []
    for setting, env_name in connection.secret_settings().items():
        try:
            value = read_secret(env_name, setting)
        except ConfigError:
            continue
        if value:
            values += [value, *value.replace(",", " ").split()]
    remember_secrets(values)
    return values


def _secret(connection: AnyConnection, setting: str) -> str | None:
    try:
        value = read_secret(getattr(connection, setting), f"notifications.connections[{connection.name}].{setting}")
    except ConfigError as exc:
        raise DeliveryError(str(exc)) from None
    connection_secrets(connection)  # known before any request is logged
    return value


def _failed(connection: AnyConnection, what: str, exc: BaseException | str) -> DeliveryError:
    text = exc if isinstance(exc, str) else (str(exc) or type(exc).__name__)
    return DeliveryError(redact(f"{connection.name}: {what}: {text}", connection_secrets(connection)))


def _retry_after(response: httpx.Response) -> float | None:
    """Discord's ``retry_after`` (seconds, in the JSON body), else the Retry-After header."""
    try:
        body = response.json()
        if isinstance(body, dict) and isinstance(body.get("retry_after"), int | float):
            return max(0.0, float(body["retry_after"]))
    except ValueError:
        pass
    return retry_after_seconds(response.headers.get("retry-after"))


def _post(connection: AnyConnection, method: str, url: str, body: dict, *, headers: dict[str, str] | None = None,
          auth: tuple[str, str] | None = None) -> httpx.Response:
    try:
        return httpx.request(method, url, content=json.dumps(body).encode(), auth=auth,
                             headers={"Content-Type": "application/json", "Accept": "application/json",
                                      **(headers or {})},
                             timeout=connection.timeout_seconds)
    except httpx.HTTPError as exc:
        raise _failed(connection, "cannot reach the receiver", exc) from None


def _answered(connection: AnyConnection, response: httpx.Response) -> None:
    if response.status_code == 429:
        retry_after = _retry_after(response)
        raise DeliveryError(f"{connection.name}: rate limited (HTTP 429), retry after {retry_after} s",
                            retry_after=retry_after)
    if response.status_code >= 400:
        raise _failed(connection, "the receiver answered", f"HTTP {response.status_code} {response.reason_phrase}")


def send_webhook(connection: WebhookConnection, event: NotificationEvent, settings: NotificationSettings) -> None:
    url = connection.url or _secret(connection, "url_env") or ""
    password = _secret(connection, "password_env")
    auth = (connection.username or "", password or "") if connection.username or password else None
    body = webhook_payload(event, settings.instance_name, settings.application_url)
    _answered(connection, _post(connection, connection.method, url, body, headers=connection.headers, auth=auth))


def send_discord(connection: DiscordConnection, event: NotificationEvent, settings: NotificationSettings,
                 sleep: Callable[[float], None] = time.sleep) -> None:
    """Post the embed; a 429 with a short ``retry_after`` is waited for and tried once more."""
    url = _secret(connection, "webhook_url_env") or ""
    body = discord_payload(event, instance_name=settings.instance_name, username=connection.username,
                           avatar=connection.avatar, author=connection.author)
    for attempt in range(2):
        try:
            _answered(connection, _post(connection, "POST", url, body))
            return
        except DeliveryError as exc:
            wait = exc.retry_after
            if attempt or wait is None or wait > INLINE_RETRY_AFTER_SECONDS:
                raise
            sleep(wait)


def email_message(connection: EmailConnection, event: NotificationEvent) -> EmailMessage:
    """A text part and an HTML part (Radarr's Email sends HTML when asked; here both, the reader picks)."""
    title, text = headline(event)
    message = EmailMessage()
    message["Subject"] = f"Radarr - {title}"
    message["From"] = connection.sender
    message["To"] = ", ".join(connection.to)
    if connection.cc:
        message["Cc"] = ", ".join(connection.cc)
    message["X-Radarr-Pipeline-Event-Id"] = event.event_id
    message.set_content(f"{text}\n")
    message.add_alternative(f"<html><body><h3>{escape(title)}</h3><p>{escape(text)}</p></body></html>\n",
                            subtype="html")
    return message


def send_email(connection: EmailConnection, event: NotificationEvent, _settings: NotificationSettings) -> None:
    password = _secret(connection, "password_env")
    context = ssl.create_default_context(cafile=str(connection.ca_file) if connection.ca_file else None)
    message = email_message(connection, event)
    recipients = [*connection.to, *connection.cc, *connection.bcc]
    try:
        smtp: smtplib.SMTP
        if connection.security == "tls":
            smtp = smtplib.SMTP_SSL(connection.server, connection.port, timeout=connection.timeout_seconds,
                                    context=context)
        else:
            smtp = smtplib.SMTP(connection.server, connection.port, timeout=connection.timeout_seconds)
        with smtp:
            if connection.security == "starttls":
                smtp.starttls(context=context)
            if connection.username:
                smtp.login(connection.username, password or "")
            smtp.send_message(message, from_addr=connection.sender, to_addrs=recipients)
    except (smtplib.SMTPException, OSError) as exc:
        raise _failed(connection, f"mail to {connection.server}:{connection.port} failed", exc) from None


def run_script(connection: ScriptConnection, event: NotificationEvent, settings: NotificationSettings) -> None:
    """Run the script with Radarr's variables added to this process's environment (as Radarr does)."""
    env = {**os.environ, **script_environment(event, settings.instance_name, settings.application_url)}
    try:
        done = subprocess.run([str(connection.path), *connection.arguments], env=env, capture_output=True,
                              timeout=min(connection.timeout_seconds, SCRIPT_TIMEOUT_SECONDS), check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _failed(connection, f"cannot run {connection.path}", exc) from None
    if done.returncode != 0:
        raise _failed(connection, f"{connection.path} exited with code {done.returncode}",
                      done.stderr.decode(errors="replace").strip()[-300:] or "no output")


def send_apprise(connection: AppriseConnection, event: NotificationEvent, _settings: NotificationSettings) -> None:
    import apprise

    urls = list(connection.urls)
    if connection.urls_env:
        urls += (_secret(connection, "urls_env") or "").replace(",", " ").split()
    title, text = headline(event)
    notifier = apprise.Apprise()
    with warnings.catch_warnings():  # apprise loads its plugins on first use; one imports the deprecated imghdr
        warnings.filterwarnings("ignore", message=".*imghdr.*", category=DeprecationWarning)
        for url in urls:
            if not notifier.add(url):
                raise _failed(connection, "apprise does not understand a URL", "check urls / urls_env")
        try:
            sent = notifier.notify(title=title, body=text)
        except Exception as exc:  # apprise's plugins raise what their libraries raise
            raise _failed(connection, "apprise failed", exc) from None
    if not sent:
        raise _failed(connection, "apprise could not notify", "at least one URL did not take the message")


def send(connection: AnyConnection, event: NotificationEvent, settings: NotificationSettings) -> None:
    """Send the event on the connection's channel; a :class:`DeliveryError` when it did not go."""
    match connection:
        case WebhookConnection():
            send_webhook(connection, event, settings)
        case DiscordConnection():
            send_discord(connection, event, settings)
        case EmailConnection():
            send_email(connection, event, settings)
        case ScriptConnection():
            run_script(connection, event, settings)
        case AppriseConnection():
            send_apprise(connection, event, settings)
