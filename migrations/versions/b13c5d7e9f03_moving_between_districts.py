"""Moving between districts: a transfer row per move and its items

Revision ID: b13c5d7e9f03
Revises: b13c5d7e9f01
Create Date: 2026-12-02 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b13c5d7e9f03'
down_revision = 'b13c5d7e9f01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('district_transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('on_behalf', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('from_district', sa.String(length=20), nullable=False),
    sa.Column('to_district', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_district_transfers_actor_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_district_transfers_person_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_transfers'))
    )
    with op.batch_alter_table('district_transfers', schema=None) as batch_op:
        batch_op.create_index('ix_district_transfers_from_at', ['from_district', 'at'], unique=False)
        batch_op.create_index('ix_district_transfers_to_at', ['to_district', 'at'], unique=False)
        batch_op.create_index('ix_district_transfers_person_at', ['person_id', 'at'], unique=False)

    op.create_table('district_transfer_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transfer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('released', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['transfer_id'], ['district_transfers.id'],
                            name=op.f('fk_district_transfer_items_transfer_id_district_transfers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_transfer_items'))
    )
    with op.batch_alter_table('district_transfer_items', schema=None) as batch_op:
        batch_op.create_index('ix_district_transfer_items_kind_item', ['kind', 'item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_district_transfer_items_transfer_id'), ['transfer_id'], unique=False)


def downgrade():
    with op.batch_alter_table('district_transfer_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_district_transfer_items_transfer_id'))
        batch_op.drop_index('ix_district_transfer_items_kind_item')
    op.drop_table('district_transfer_items')

    with op.batch_alter_table('district_transfers', schema=None) as batch_op:
        batch_op.drop_index('ix_district_transfers_person_at')
        batch_op.drop_index('ix_district_transfers_to_at')
        batch_op.drop_index('ix_district_transfers_from_at')
    op.drop_table('district_transfers')
