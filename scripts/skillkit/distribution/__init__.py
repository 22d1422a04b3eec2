"""Distribution of the skill: install into Claude Code, uninstall, and package for upload.

Commands: ``install_command``, ``uninstall_command``, ``package_command``. What ships is decided in
one place, :mod:`skillkit.distribution.layout`.
"""
