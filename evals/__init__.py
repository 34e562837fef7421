"""Evaluations on the dev set: data plus evaluators, run by `python -m evals [quotes|verify|qa]`."""
