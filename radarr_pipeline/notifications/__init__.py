"""Notification channels (Radarr's Connect): Radarr-shaped payloads rendered from an event's facts, and the
senders for webhook, Discord, email, custom script and apprise. I/O at the edge, no policy: which connection gets
which event, retries and the dead-letter list are the services' business."""
