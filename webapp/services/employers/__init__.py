"""用人单位: checking an employer's 统一社会信用代码 (more to come: registration, verification, quota)."""
