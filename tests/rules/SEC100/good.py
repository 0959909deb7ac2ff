"""Code that talks about keys without holding one."""
PEM_HEADER = "-----BEGIN PRIVATE KEY-----"
PEM_FOOTER = "-----END PRIVATE KEY-----"


def looks_like_key(text: str) -> bool:
    return text.startswith(PEM_HEADER) and text.rstrip().endswith(PEM_FOOTER)
