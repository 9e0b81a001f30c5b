"""fact_vectors: sentence vectors of the facts, for dense retrieval

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fact_vectors",
        sa.Column("key", sa.String(length=140), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("key", "lang"),
    )


def downgrade() -> None:
    op.drop_table("fact_vectors")
