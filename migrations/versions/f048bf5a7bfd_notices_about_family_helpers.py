"""Notices about family helpers

Revision ID: f048bf5a7bfd
Revises: 3beb8c130e15
Create Date: 2026-12-01 23:49:36.454744

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f048bf5a7bfd'
down_revision = '3beb8c130e15'
branch_labels = None
depends_on = None


def upgrade():
    # A notice can now tell a person that a family helper was linked to them (no status then).
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='application', nullable=False))
        batch_op.add_column(sa.Column('helper_link_id', sa.Integer(), nullable=True))
        batch_op.alter_column('to_status',
               existing_type=sa.VARCHAR(length=15),
               nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_notices_helper_link_id_helper_links'), 'helper_links', ['helper_link_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notices_helper_link_id_helper_links'), type_='foreignkey')
        batch_op.alter_column('to_status',
               existing_type=sa.VARCHAR(length=15),
               nullable=False)
        batch_op.drop_column('helper_link_id')
        batch_op.drop_column('kind')

