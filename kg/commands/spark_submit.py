"""The script spark-submit runs:
`spark-submit --master local[2] kg/commands/spark_submit.py INPUTS --out DIR`.

It only calls `kg spark`'s main; the master and resources come from spark-submit.
"""

import os
import sys

# spark-submit puts this script's folder first on sys.path; kg's modules must be imported as
# kg.commands.*, not as top-level modules of that folder, so the folder goes.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != _HERE]

from kg.commands.spark_command import main  # noqa: E402 (after the sys.path fix above)

if __name__ == "__main__":
    main()
