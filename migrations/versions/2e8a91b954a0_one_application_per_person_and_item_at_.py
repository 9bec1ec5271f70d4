"""One application per person and item at a time

Revision ID: 2e8a91b954a0
Revises: eb681c2bdf23
Create Date: 2026-12-01 23:35:13.796778

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2e8a91b954a0'
down_revision = 'eb681c2bdf23'
branch_labels = None
depends_on = None


NOT_WITHDRAWN = sa.text("status != 'withdrawn'")


def upgrade():
    # Parallel starts could create two drafts for one person and item: the database refuses it now.
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('uq_applications_one_per_person', ['applicant_id', 'opportunity_id'], unique=True,
                              sqlite_where=NOT_WITHDRAWN, postgresql_where=NOT_WITHDRAWN)


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('uq_applications_one_per_person', sqlite_where=NOT_WITHDRAWN,
                            postgresql_where=NOT_WITHDRAWN)
