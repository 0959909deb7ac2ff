"""v0-4-0

Revision ID: 5d694eb1a7b1
"""
from typing import Union

# revision identifiers, used by Alembic (annotated, as newer templates write them).
revision: str = "5d694eb1a7b1"
down_revision: Union[str, None] = "e689ab05516a"
