"""class quizzes: a trainer's quiz joined by a code, and its members

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "class_quizzes",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("session_id", sa.String(length=12), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("language", sa.String(length=4), nullable=False),
        sa.Column("difficulty", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_started_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.CheckConstraint("state IN ('waiting', 'running', 'finished')", name="ck_class_quizzes_state"),
        sa.CheckConstraint("language IN ('zh', 'en', 'both')", name="ck_class_quizzes_language"),
        sa.ForeignKeyConstraint(["session_id"], ["quiz_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("session_id"),
    )
    op.create_index("ix_class_quizzes_state", "class_quizzes", ["state"], unique=False)
    op.create_table(
        "class_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("pushed", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["code"], ["class_quizzes.code"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code", "user_id", name="uq_class_members_code_user"),
    )
    op.create_index("ix_class_members_user", "class_members", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_class_members_user", table_name="class_members")
    op.drop_table("class_members")
    op.drop_index("ix_class_quizzes_state", table_name="class_quizzes")
    op.drop_table("class_quizzes")
