"""The queue of one status in waiting order, from an index

Revision ID: a1c3e5f7b9d2
Revises: 8f6c1d2e3b44
Create Date: 2026-12-02 12:58:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a1c3e5f7b9d2'
down_revision = '8f6c1d2e3b44'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('ix_applications_status_waiting', ['status', 'submitted_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_status_waiting')
