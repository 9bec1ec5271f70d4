"""Jobs: the accommodations offered as bits, and one index the jobs-that-fit ranking reads alone

Revision ID: b13c5d7e9f00
Revises: da5ba64914b1
Create Date: 2026-12-02 17:20:00

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b13c5d7e9f00'
down_revision = 'da5ba64914b1'
branch_labels = None
depends_on = None

# vocab.ACCOMMODATION_BITS as it was when this was written (append only).
BITS = ("step_free", "accessible_toilet", "flexible_hours", "assistive_devices", "sign_interpreter", "transport")


def upgrade():
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accommodation_flags', sa.Integer(), server_default='0', nullable=False))
    connection = op.get_bind()
    table = sa.table('opportunities', sa.column('id', sa.Integer), sa.column('accommodations', sa.JSON),
                     sa.column('accommodation_flags', sa.Integer))
    for row_id, keys in connection.execute(sa.select(table.c.id, table.c.accommodations)
                                           .where(table.c.accommodations.is_not(None))).all():
        keys = json.loads(keys) if isinstance(keys, str) else keys
        flags = sum(1 << bit for bit, key in enumerate(BITS) if key in set(keys or ()))
        if flags:
            connection.execute(table.update().where(table.c.id == row_id).values(accommodation_flags=flags))
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.create_index('ix_opportunities_job_fit', ['kind', 'status', 'deadline', 'opens_on', 'job_kind',
                                                           'district', 'pay_max', 'for_graduates',
                                                           'accommodation_flags', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.drop_index('ix_opportunities_job_fit')
        batch_op.drop_column('accommodation_flags')
