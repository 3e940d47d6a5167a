"""The clause library: YAML data (categories, regimes, lexicon, policies), its models and validation."""
