"""Tests of the terminal adapter."""
