"""statistics.question: how a quiz asks for a statistic whose label does not make a good question

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("statistics", sa.Column("question_zh", sa.Text(), nullable=True))
    op.add_column("statistics", sa.Column("question_en", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("statistics") as batch:
        batch.drop_column("question_en")
        batch.drop_column("question_zh")
