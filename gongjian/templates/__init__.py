"""Drafting: the .docx template, the sample specs and the code that renders an Agreement."""
