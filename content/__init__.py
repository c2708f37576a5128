"""Loads and validates question packs; implements the core's QuestionBank port."""
