"""console tables: name search terms, progress per skill, answers per step and day

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 11:17:03.344828
"""

import sqlalchemy as sa
from alembic import op

from kiosk.text import name_terms

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "step_stats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lesson_id", sa.String(length=120), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.String(length=60), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("wrong", sa.Integer(), nullable=False),
        sa.Column("hints", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_stats")),
        sa.UniqueConstraint("lesson_id", "step_index", "day",
                            name=op.f("uq_step_stats_lesson_id")),
    )
    with op.batch_alter_table("step_stats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_stats_day"), ["day"], unique=False)

    op.create_table(
        "resident_terms",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"],
                                name=op.f("fk_resident_terms_resident_id_residents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("term", "resident_id", name=op.f("pk_resident_terms")),
    )
    with op.batch_alter_table("resident_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resident_terms_resident_id"), ["resident_id"],
                              unique=False)

    op.create_table(
        "skill_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("hamlet_id", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(length=40), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("group_session_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["group_session_id"], ["group_sessions.id"],
                                name=op.f("fk_skill_progress_group_session_id_group_sessions")),
        sa.ForeignKeyConstraint(["hamlet_id"], ["hamlets.id"],
                                name=op.f("fk_skill_progress_hamlet_id_hamlets")),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"],
                                name=op.f("fk_skill_progress_resident_id_residents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_progress")),
        sa.UniqueConstraint("resident_id", "skill", name=op.f("uq_skill_progress_resident_id")),
    )
    with op.batch_alter_table("skill_progress", schema=None) as batch_op:
        batch_op.create_index("ix_skill_progress_report",
                              ["hamlet_id", "skill", "started_at", "completed_at"], unique=False)

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_residents_birth_year"), ["birth_year"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_residents_phone"), ["phone"], unique=False)

    _backfill()


def _backfill() -> None:
    """Fill the new tables from what kiosks stored before them."""
    bind = op.get_bind()
    terms = [{"term": term, "resident_id": rid}
             for rid, name in bind.execute(sa.text("SELECT id, full_name FROM residents"))
             for term in name_terms(name)]
    if terms:
        bind.execute(sa.text("INSERT INTO resident_terms (term, resident_id) "
                             "VALUES (:term, :resident_id)"), terms)
    # A skill was started with its first lesson and completed with its final check.
    bind.execute(sa.text(
        "INSERT INTO skill_progress (resident_id, hamlet_id, skill, started_at, completed_at) "
        "SELECT lp.resident_id, r.hamlet_id, lp.skill, MIN(lp.started_at), "
        "  MAX(CASE WHEN lp.lesson_id = lp.skill || '.final-check' "
        "           AND lp.status = 'completed' THEN lp.completed_at END) "
        "FROM lesson_progress lp JOIN residents r ON r.id = lp.resident_id "
        "GROUP BY lp.resident_id, r.hamlet_id, lp.skill"))


def downgrade() -> None:
    with op.batch_alter_table("residents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_residents_phone"))
        batch_op.drop_index(batch_op.f("ix_residents_birth_year"))

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    with op.batch_alter_table("skill_progress", schema=None) as batch_op:
        batch_op.drop_index("ix_skill_progress_report")
    op.drop_table("skill_progress")

    with op.batch_alter_table("resident_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resident_terms_resident_id"))
    op.drop_table("resident_terms")

    with op.batch_alter_table("step_stats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_stats_day"))
    op.drop_table("step_stats")
