"""A deploy script names files by their absolute address; an import counts rows without an MRN."""
import os


def render(template, target_dir):
    abs_address = os.path.join(target_dir, template)
    if not os.path.exists(abs_address):
        raise ValueError(f"No template at {abs_address}")
    return abs_address


def summarise(rows):
    missing_mrns = sum(1 for row in rows if not row.get("mrn"))
    print(f"{missing_mrns} rows had no MRN")
