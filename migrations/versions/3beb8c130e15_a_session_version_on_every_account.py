"""A session version on every account

Revision ID: 3beb8c130e15
Revises: 2e8a91b954a0
Create Date: 2026-12-01 23:40:15.258124

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3beb8c130e15'
down_revision = '2e8a91b954a0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')

