"""radarr-pipeline: the command line. Each command group lives in its own module."""

import typer

from radarr_pipeline.cli import collections as _collections  # noqa: F401  (registers `movies collection`)
from radarr_pipeline.cli import movie_edits as _movie_edits  # noqa: F401  (registers its commands on movies)
from radarr_pipeline.cli.calendar import show_calendar
from radarr_pipeline.cli.history import show_history
from radarr_pipeline.cli.hook import hook_app
from radarr_pipeline.cli.imports import import_folder
from radarr_pipeline.cli.lists import lists_app
from radarr_pipeline.cli.maintenance import backup, health, restore
from radarr_pipeline.cli.movies import movies_app
from radarr_pipeline.cli.notify import notify_app
from radarr_pipeline.cli.queue import queue_app
from radarr_pipeline.cli.serve import serve

# Plain help (rich_markup_mode=None): Typer's Rich help imports Markdown and Pygments, about half a second.
app = typer.Typer(help="A movie collection manager in the spirit of Radarr.", no_args_is_help=True,
                  rich_markup_mode=None)
app.add_typer(movies_app, name="movies")
app.command("import")(import_folder)
app.add_typer(queue_app, name="queue")
app.add_typer(notify_app, name="notify")
app.command("health")(health)
app.command("backup")(backup)
app.command("restore")(restore)
app.add_typer(lists_app, name="lists")
app.command("calendar")(show_calendar)
app.command("serve")(serve)
app.command("history")(show_history)
app.add_typer(hook_app, name="hook")  # qBittorrent runs `hook download-finished` (issue 11)
