"""radarr-pipeline: the command line. Each command group lives in its own module."""

import typer

from radarr_pipeline.cli.history import show_history
from radarr_pipeline.cli.imports import import_folder
from radarr_pipeline.cli.movies import movies_app
from radarr_pipeline.cli.queue import queue_app

# Plain help (rich_markup_mode=None): Typer's Rich help imports Markdown and Pygments, about half a second.
app = typer.Typer(help="A movie collection manager in the spirit of Radarr.", no_args_is_help=True,
                  rich_markup_mode=None)
app.add_typer(movies_app, name="movies")
app.command("import")(import_folder)
app.add_typer(queue_app, name="queue")
app.command("history")(show_history)
