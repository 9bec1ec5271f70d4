"""Policy guide: the screener's answers a signed-in person chose to save

Revision ID: b13c5d7e9f04
Revises: b13c5d7e9f02
Create Date: 2026-12-02 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b13c5d7e9f04'
down_revision = 'b13c5d7e9f02'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('policy_answers',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('district', sa.String(length=20), nullable=False),
    sa.Column('household_type', sa.String(length=10), nullable=False),
    sa.Column('age_band', sa.String(length=10), nullable=False),
    sa.Column('work', sa.String(length=20), nullable=False),
    sa.Column('study', sa.String(length=20), nullable=False),
    sa.Column('business', sa.String(length=20), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_policy_answers_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_policy_answers'))
    )


def downgrade():
    op.drop_table('policy_answers')
