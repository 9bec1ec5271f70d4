"""An index for every filter and sort of the lists, the queue and the dashboard

Revision ID: 8f6c1d2e3b44
Revises: 7e5b0c1d2a33
Create Date: 2026-12-02 08:25:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '8f6c1d2e3b44'
down_revision = '7e5b0c1d2a33'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_applicant_status')
        batch_op.drop_index('ix_applications_submitted_at')
        batch_op.create_index('ix_applications_applicant_queue',
                              ['applicant_id', 'status', 'submitted_at', 'opportunity_id', 'assigned_to_id'],
                              unique=False)
        batch_op.create_index('ix_applications_applicant_updated', ['applicant_id', 'updated_at'], unique=False)
        batch_op.create_index('ix_applications_submitted_status', ['submitted_at', 'status'], unique=False)
        batch_op.create_index('ix_applications_decided_submitted', ['decided_at', 'submitted_at'], unique=False)

    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index('ix_notices_user_created', ['user_id', 'created_at'], unique=False)

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_action')
        batch_op.create_index('ix_audit_events_action_at', ['action', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_action_at')
        batch_op.create_index('ix_audit_events_action', ['action'], unique=False)

    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index('ix_notices_user_created')

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_decided_submitted')
        batch_op.drop_index('ix_applications_submitted_status')
        batch_op.drop_index('ix_applications_applicant_updated')
        batch_op.drop_index('ix_applications_applicant_queue')
        batch_op.create_index('ix_applications_submitted_at', ['submitted_at'], unique=False)
        batch_op.create_index('ix_applications_applicant_status', ['applicant_id', 'status'], unique=False)
