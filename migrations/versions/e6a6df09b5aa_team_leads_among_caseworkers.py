"""Team leads among caseworkers

Revision ID: e6a6df09b5aa
Revises: f048bf5a7bfd
Create Date: 2026-12-02 00:04:48.251666

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e6a6df09b5aa'
down_revision = 'f048bf5a7bfd'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('leads_team', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('leads_team')

