"""Prove every fenced code block of the guide: extract, classify, check, report.

The pipeline is split by role: ``extract`` reads markdown into blocks, ``classify`` decides what
each block is, the checker modules prove it (in batches), ``engine`` ties them together and
``report`` prints the verdicts.
"""

ENGINE_VERSION = "1"
