"""Thin ipywidgets views over the package's functions (imported only on demand).

Each view holds state and calls tested package functions; no computation
lives in a callback.
"""
