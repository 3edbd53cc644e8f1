"""`python -m kg.spark INPUTS... --out DIR`: `kg spark` without the kg entry point."""

from kg.commands.spark_command import main

if __name__ == "__main__":
    main()
