"""shared server: one current certificate per resident and achievement; folded words
compared byte by byte on PostgreSQL

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 09:00:00.000000
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The certificate kinds as they stood when this migration was written.
KINDS = ("skill", "all_skills")
# Written into a duplicate's revocation; the serial is the one left current.
DUPLICATE_REASON = "Cấp trùng: chứng nhận số {serial}, cùng nội dung, là bản đang dùng."
# Columns that search reads as ranges of an index (kiosk.db.models.folded_text).
FOLDED = (("residents", "name_folded", 200), ("resident_terms", "term", 64))


def _where(kind: str) -> sa.TextClause:
    return sa.text(f"revoked_at IS NULL AND kind = '{kind}'")


def upgrade() -> None:
    _revoke_duplicates()
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        for kind, columns in (("skill", ["resident_id", "skill"]),
                              ("all_skills", ["resident_id"])):
            batch_op.create_index(f"uq_certificates_current_{kind}", columns, unique=True,
                                  sqlite_where=_where(kind), postgresql_where=_where(kind))
    if op.get_bind().dialect.name == "postgresql":
        for table, column, length in FOLDED:
            op.alter_column(table, column, type_=sa.String(length, collation="C"),
                            existing_type=sa.String(length), existing_nullable=False)


def _revoke_duplicates() -> None:
    """Kiosks sharing a server before this revision could issue the same certificate
    twice at the same moment. The newest of each such group stays current, as the console
    already showed it; the others are revoked with a reason naming it."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, serial, resident_id, kind, skill FROM certificates "
        "WHERE revoked_at IS NULL AND resident_id IS NOT NULL "
        "ORDER BY issued_at DESC, id DESC")).all()
    kept: dict[tuple, str] = {}
    revoke = sa.text("UPDATE certificates SET revoked_at = :now, revoked_reason = :reason "
                     "WHERE id = :id").bindparams(
        sa.bindparam("now", type_=sa.DateTime(timezone=True)))
    for row in rows:
        achievement = (row.resident_id, row.kind, row.skill if row.kind == "skill" else None)
        if achievement not in kept:
            kept[achievement] = row.serial
            continue
        bind.execute(revoke, {"id": row.id, "now": datetime.now(UTC),
                              "reason": DUPLICATE_REASON.format(serial=kept[achievement])})


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column, length in FOLDED:
            op.alter_column(table, column, type_=sa.String(length),
                            existing_type=sa.String(length, collation="C"),
                            existing_nullable=False)
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_index("uq_certificates_current_all_skills")
        batch_op.drop_index("uq_certificates_current_skill")
