"""`skillkit validate`: check any skill folder against the Agent Skills spec and beyond.

One module per concern: front matter, links and anchors, reachability, tables of contents,
size budgets, line endings; `runner` ties them together and `report` prints the findings.
"""
