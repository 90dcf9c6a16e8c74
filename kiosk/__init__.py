"""Trạm Kỹ năng số: the core.

Everything here works without Qt widgets: settings, storage, the lesson model, and the
services the screens call. The `ui` package sits on top and talks to storage only through
the functions of this package.
"""

__version__ = "0.1.0"
