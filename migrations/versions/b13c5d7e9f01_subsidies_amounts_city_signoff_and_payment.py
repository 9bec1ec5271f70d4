"""Subsidies: amounts decided, the city's sign-off, payments, and photos sent with an application

Subsidy items are opportunities of kind "subsidy" (their measure in `category`); the new statuses
(awaiting_city, paid) are plain text values of the existing status columns.

Revision ID: b13c5d7e9f01
Revises: b13c5d7e9f00
Create Date: 2026-12-02 17:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b13c5d7e9f01'
down_revision = 'b13c5d7e9f00'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('subsidy_awards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('signed_off_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_off_at', sa.DateTime(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('paid_amount', sa.Integer(), nullable=True),
    sa.Column('paid_by_id', sa.Integer(), nullable=True),
    sa.Column('paid_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['users.id'], name=op.f('fk_subsidy_awards_applicant_id_users')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                            name=op.f('fk_subsidy_awards_application_id_applications')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_subsidy_awards_decided_by_id_users')),
    sa.ForeignKeyConstraint(['paid_by_id'], ['users.id'], name=op.f('fk_subsidy_awards_paid_by_id_users')),
    sa.ForeignKeyConstraint(['signed_off_by_id'], ['users.id'], name=op.f('fk_subsidy_awards_signed_off_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_awards')),
    sa.UniqueConstraint('application_id', name=op.f('uq_subsidy_awards_application_id'))
    )
    with op.batch_alter_table('subsidy_awards', schema=None) as batch_op:
        batch_op.create_index('ix_subsidy_awards_paid_on', ['paid_on', 'applicant_id'], unique=False)

    op.create_table('subsidy_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signoff_threshold', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_subsidy_settings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_settings'))
    )

    op.create_table('subsidy_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                            name=op.f('fk_subsidy_photos_application_id_applications')),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_subsidy_photos_evidence_id_evidence')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_photos')),
    sa.UniqueConstraint('evidence_id', name=op.f('uq_subsidy_photos_evidence_id'))
    )
    with op.batch_alter_table('subsidy_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subsidy_photos_application_id'), ['application_id'], unique=False)


def downgrade():
    with op.batch_alter_table('subsidy_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subsidy_photos_application_id'))
    op.drop_table('subsidy_photos')
    op.drop_table('subsidy_settings')
    with op.batch_alter_table('subsidy_awards', schema=None) as batch_op:
        batch_op.drop_index('ix_subsidy_awards_paid_on')
    op.drop_table('subsidy_awards')
