"""Jobs: employers, job posts, interviews, follow-ups, fairs and the graduates' ledger

Jobs are opportunities of kind "job" (new nullable columns on opportunities); the new statuses of
a job application (shortlisted, interview, offered, declined) are plain text values of the
existing status columns and need no schema change.

Revision ID: da5ba64914b1
Revises: a1c3e5f7b9d2
Create Date: 2026-12-02 13:25:13.197609

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'da5ba64914b1'
down_revision = 'a1c3e5f7b9d2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('employment_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('employer_name', sa.String(length=100), nullable=False),
    sa.Column('since', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_employment_records_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_employment_records_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employment_records'))
    )
    with op.batch_alter_table('employment_records', schema=None) as batch_op:
        batch_op.create_index('ix_employment_records_user_since', ['user_id', 'since'], unique=False)

    op.create_table('fairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('district', sa.String(length=20), nullable=True),
    sa.Column('accessibility', sa.JSON(), nullable=False),
    sa.Column('sign_language', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_fairs_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fairs'))
    )
    with op.batch_alter_table('fairs', schema=None) as batch_op:
        batch_op.create_index('ix_fairs_district_date', ['district', 'date'], unique=False)
        batch_op.create_index('ix_fairs_status_date', ['status', 'date'], unique=False)

    op.create_table('graduate_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('district', sa.String(length=20), nullable=False),
    sa.Column('school', sa.String(length=100), nullable=False),
    sa.Column('graduation_year', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_graduate_plans_created_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_graduate_plans_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_graduate_plans')),
    sa.UniqueConstraint('user_id', name=op.f('uq_graduate_plans_user_id'))
    )
    with op.batch_alter_table('graduate_plans', schema=None) as batch_op:
        batch_op.create_index('ix_graduate_plans_district_year', ['district', 'graduation_year'], unique=False)

    op.create_table('employers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('org_type', sa.String(length=20), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('district', sa.String(length=20), nullable=False),
    sa.Column('contact_name', sa.String(length=50), nullable=False),
    sa.Column('contact_phone', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('licence_evidence_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('staff_count', sa.Integer(), nullable=True),
    sa.Column('disabled_staff', sa.Integer(), nullable=True),
    sa.Column('numbers_corrected_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['licence_evidence_id'], ['evidence.id'], name=op.f('fk_employers_licence_evidence_id_evidence')),
    sa.ForeignKeyConstraint(['numbers_corrected_by_id'], ['users.id'], name=op.f('fk_employers_numbers_corrected_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_employers_user_id_users')),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_employers_verified_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employers')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_employers_credit_code')),
    sa.UniqueConstraint('user_id', name=op.f('uq_employers_user_id'))
    )
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.create_index('ix_employers_district_status', ['district', 'status'], unique=False)
        batch_op.create_index('ix_employers_status_created', ['status', 'created_at'], unique=False)

    op.create_table('fair_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('support', sa.JSON(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['fair_id'], ['fairs.id'], name=op.f('fk_fair_registrations_fair_id_fairs')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_fair_registrations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fair_registrations')),
    sa.UniqueConstraint('fair_id', 'user_id', name='uq_fair_registrations_pair')
    )
    with op.batch_alter_table('fair_registrations', schema=None) as batch_op:
        batch_op.create_index('ix_fair_registrations_user', ['user_id'], unique=False)

    op.create_table('plan_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['graduate_plans.id'], name=op.f('fk_plan_actions_plan_id_graduate_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_actions'))
    )
    with op.batch_alter_table('plan_actions', schema=None) as batch_op:
        batch_op.create_index('ix_plan_actions_due_done', ['due_on', 'done_on'], unique=False)
        batch_op.create_index('ix_plan_actions_plan_due', ['plan_id', 'due_on'], unique=False)

    op.create_table('plan_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_plan_contacts_by_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['graduate_plans.id'], name=op.f('fk_plan_contacts_plan_id_graduate_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_contacts'))
    )
    with op.batch_alter_table('plan_contacts', schema=None) as batch_op:
        batch_op.create_index('ix_plan_contacts_plan_at', ['plan_id', 'at'], unique=False)

    op.create_table('fair_employers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_fair_employers_employer_id_employers')),
    sa.ForeignKeyConstraint(['fair_id'], ['fairs.id'], name=op.f('fk_fair_employers_fair_id_fairs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fair_employers')),
    sa.UniqueConstraint('fair_id', 'employer_id', name='uq_fair_employers_pair')
    )
    with op.batch_alter_table('fair_employers', schema=None) as batch_op:
        batch_op.create_index('ix_fair_employers_employer', ['employer_id'], unique=False)

    op.create_table('fair_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['fair_id'], ['fairs.id'], name=op.f('fk_fair_jobs_fair_id_fairs')),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_fair_jobs_opportunity_id_opportunities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fair_jobs')),
    sa.UniqueConstraint('fair_id', 'opportunity_id', name='uq_fair_jobs_pair')
    )
    with op.batch_alter_table('fair_jobs', schema=None) as batch_op:
        batch_op.create_index('ix_fair_jobs_opportunity', ['opportunity_id'], unique=False)

    op.create_table('follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_follow_ups_application_id_applications')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_follow_ups_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups')),
    sa.UniqueConstraint('application_id', 'month', name='uq_follow_ups_application_month')
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_follow_ups_due_done', ['due_on', 'done_on'], unique=False)

    op.create_table('interviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('arrangements', sa.Text(), nullable=True),
    sa.Column('interpreter_requested', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_interviews_application_id_applications')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_interviews_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interviews'))
    )
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.create_index('ix_interviews_application_at', ['application_id', 'at'], unique=False)

    op.create_table('shared_passports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('share_accommodations', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('share_preferences', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('share_training', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('share_assessment', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('share_category', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_shared_passports_application_id_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_passports')),
    sa.UniqueConstraint('application_id', name=op.f('uq_shared_passports_application_id'))
    )
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('employer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('job_kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('pay_min', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('pay_max', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('duties', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('suits', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('accommodations', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('for_graduates', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('state_reserved', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('unpublished_reason', sa.Text(), nullable=True))
        batch_op.create_index('ix_opportunities_employer_created', ['employer_id', 'created_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_opportunities_employer_id_employers'), 'employers', ['employer_id'], ['id'])



def downgrade():
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_opportunities_employer_id_employers'), type_='foreignkey')
        batch_op.drop_index('ix_opportunities_employer_created')
        batch_op.drop_column('unpublished_reason')
        batch_op.drop_column('state_reserved')
        batch_op.drop_column('for_graduates')
        batch_op.drop_column('accommodations')
        batch_op.drop_column('suits')
        batch_op.drop_column('duties')
        batch_op.drop_column('pay_max')
        batch_op.drop_column('pay_min')
        batch_op.drop_column('job_kind')
        batch_op.drop_column('employer_id')

    op.drop_table('shared_passports')
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_index('ix_interviews_application_at')

    op.drop_table('interviews')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_due_done')

    op.drop_table('follow_ups')
    with op.batch_alter_table('fair_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_fair_jobs_opportunity')

    op.drop_table('fair_jobs')
    with op.batch_alter_table('fair_employers', schema=None) as batch_op:
        batch_op.drop_index('ix_fair_employers_employer')

    op.drop_table('fair_employers')
    with op.batch_alter_table('plan_contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_plan_contacts_plan_at')

    op.drop_table('plan_contacts')
    with op.batch_alter_table('plan_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_plan_actions_plan_due')
        batch_op.drop_index('ix_plan_actions_due_done')

    op.drop_table('plan_actions')
    with op.batch_alter_table('fair_registrations', schema=None) as batch_op:
        batch_op.drop_index('ix_fair_registrations_user')

    op.drop_table('fair_registrations')
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.drop_index('ix_employers_status_created')
        batch_op.drop_index('ix_employers_district_status')

    op.drop_table('employers')
    with op.batch_alter_table('graduate_plans', schema=None) as batch_op:
        batch_op.drop_index('ix_graduate_plans_district_year')

    op.drop_table('graduate_plans')
    with op.batch_alter_table('fairs', schema=None) as batch_op:
        batch_op.drop_index('ix_fairs_status_date')
        batch_op.drop_index('ix_fairs_district_date')

    op.drop_table('fairs')
    with op.batch_alter_table('employment_records', schema=None) as batch_op:
        batch_op.drop_index('ix_employment_records_user_since')

    op.drop_table('employment_records')
