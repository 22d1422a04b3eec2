"""Export the reference service from resources/complete-examples.md as a starter project."""
