"""``python -m scriptgen`` runs the command line."""

from .cli import main

main()
