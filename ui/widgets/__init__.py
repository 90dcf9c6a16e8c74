"""Reusable widgets that are bigger than a helper function: the on-screen keyboard."""
