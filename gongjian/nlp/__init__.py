"""Checking: reading documents, structure, segmentation, matching, detection, findings and reports."""
