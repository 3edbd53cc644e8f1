"""`python -m kg COMMAND ...`: the kg command without its entry-point script (for example
`python -m kg spark INPUTS --out DIR` under a Python that has kg but no `kg` on the PATH)."""

from kg.cli import main

if __name__ == "__main__":
    main()
