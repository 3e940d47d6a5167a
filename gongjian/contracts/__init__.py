"""Domain values and the agreement model: the lowest layer, no I/O, imports nothing else of gongjian."""
