"""Next steps, early close and a committed draw on openings

Revision ID: 4bc8aa83fc0e
Revises: e6a6df09b5aa
Create Date: 2026-12-02 04:34:30.868093

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4bc8aa83fc0e'
down_revision = 'e6a6df09b5aa'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('what_to_bring', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('draw_commitment', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('draw_public_number', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('draw_public_source', sa.String(length=200), nullable=True))



def downgrade():
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.drop_column('draw_public_source')
        batch_op.drop_column('draw_public_number')
        batch_op.drop_column('draw_commitment')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('what_to_bring')
        batch_op.drop_column('contact')

