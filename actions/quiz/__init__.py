"""Quizzes on the report: the question bank (bank.py) and quiz sessions."""
