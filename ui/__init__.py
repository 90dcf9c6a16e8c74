"""Trạm Kỹ năng số: the PySide6 widgets on top of the `kiosk` core."""
