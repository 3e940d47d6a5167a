"""The requirement levels of the clause library and their Chinese names (no imports: the CLI loads it at start)."""

#: What each level is called in reports, strongest first (the one name for the CLI, reports, comments and HTML).
LEVEL_NAMES: dict[str, str] = {"MUST-A": "必备条款", "MUST-C": "组建条件", "LAW": "法律要求", "PROC": "程序义务",
                               "SHOULD": "建议条款", "INFO": "参考"}
#: What the two policy levels ask of the agreement (shown by ``gongjian clauses show``).
LEVEL_NOTES: dict[str, str] = {"MUST-A": "协议须写明", "MUST-C": "协议应体现"}
