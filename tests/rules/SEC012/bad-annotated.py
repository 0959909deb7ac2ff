# A type annotation does not hide a key's name: an annotated signing key is still a key.

# expect: SEC012
signing_key: str = "Hq2mX7rTz4LpVn8kW3bYs6dQc9FgJ1eNa5TyUiOp"
