"""The `kg` subcommands, one module each."""
