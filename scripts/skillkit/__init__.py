"""Tools that validate, prove, install and package the backend-python-dev-guidelines skill."""

__version__ = "0.1.0"
