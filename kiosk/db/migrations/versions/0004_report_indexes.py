"""report indexes: khóm/ấp on outcome answers, "Công dân số" on residents, skills by
completion, lessons by update

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 12:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The five skills as they stood when this migration was written (kiosk.skills.Skill): a
# migration means the same thing whatever the code around it becomes.
SKILLS = ("public_services", "shopping", "payment", "safety", "platforms")


def upgrade() -> None:
    # Adding a nullable column and an index: no copy of the table on SQLite.
    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("all_skills_completed_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index("ix_residents_all_skills",
                              ["all_skills_completed_at", "hamlet_id"], unique=False)

    with op.batch_alter_table("skill_progress", schema=None) as batch_op:
        batch_op.create_index("ix_skill_progress_completed",
                              ["hamlet_id", "skill", "completed_at"], unique=False)

    with op.batch_alter_table("lesson_progress", schema=None) as batch_op:
        batch_op.create_index("ix_lesson_progress_updated_at", ["updated_at", "resident_id"],
                              unique=False)

    # What replaced a revoked certificate is looked up by this column.
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificates_replaces_id"), ["replaces_id"],
                              unique=False)

    # The column is filled before it becomes NOT NULL with its foreign key (one copy of
    # the table on SQLite, plain ALTERs elsewhere).
    op.add_column("outcome_answers", sa.Column("hamlet_id", sa.Integer(), nullable=True))
    _backfill()
    with op.batch_alter_table("outcome_answers", schema=None) as batch_op:
        batch_op.alter_column("hamlet_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f("fk_outcome_answers_hamlet_id_hamlets"),
                                    "hamlets", ["hamlet_id"], ["id"])
        batch_op.create_index("ix_outcome_answers_report",
                              ["hamlet_id", "question_key", "answer", "answered_at"],
                              unique=False)


def _backfill() -> None:
    """Fill the new columns from what kiosks stored before them."""
    bind = op.get_bind()
    bind.execute(sa.text(
        "UPDATE outcome_answers SET hamlet_id = "
        "(SELECT r.hamlet_id FROM residents r WHERE r.id = outcome_answers.resident_id)"))
    # "Công dân số": every skill completed; the moment is when the last of them was.
    skills = ", ".join(f"'{skill}'" for skill in SKILLS)
    bind.execute(sa.text(
        "UPDATE residents SET all_skills_completed_at = done.last "
        "FROM (SELECT resident_id, MAX(completed_at) AS last FROM skill_progress "
        f"      WHERE completed_at IS NOT NULL AND skill IN ({skills}) "
        "      GROUP BY resident_id HAVING COUNT(*) = :count) AS done "
        "WHERE residents.id = done.resident_id"), {"count": len(SKILLS)})


def downgrade() -> None:
    with op.batch_alter_table("outcome_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_outcome_answers_report")
        batch_op.drop_constraint(batch_op.f("fk_outcome_answers_hamlet_id_hamlets"),
                                 type_="foreignkey")
        batch_op.drop_column("hamlet_id")

    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificates_replaces_id"))

    with op.batch_alter_table("lesson_progress", schema=None) as batch_op:
        batch_op.drop_index("ix_lesson_progress_updated_at")

    with op.batch_alter_table("skill_progress", schema=None) as batch_op:
        batch_op.drop_index("ix_skill_progress_completed")

    # Never copied: dropping the residents table with foreign keys on would delete every
    # row that points at it (ON DELETE CASCADE). SQLite 3.35+ drops the column in place.
    with op.batch_alter_table("residents", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_residents_all_skills")
        batch_op.drop_column("all_skills_completed_at")
