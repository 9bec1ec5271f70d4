"""Feedback with a reply clock, ratings of the service and call-backs after a poor rating

Revision ID: b13c5d7e9f02
Revises: b13c5d7e9f03
Create Date: 2026-12-02 17:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b13c5d7e9f02'
down_revision = 'b13c5d7e9f03'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('on_behalf', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('came_from', sa.String(length=200), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.Column('replied_by_id', sa.Integer(), nullable=True),
    sa.Column('reply_working_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_feedback_application_id_applications')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_feedback_created_by_id_users')),
    sa.ForeignKeyConstraint(['replied_by_id'], ['users.id'], name=op.f('fk_feedback_replied_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_feedback_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_replied_due', ['replied_at', 'due_on'], unique=False)
        batch_op.create_index('ix_feedback_user_created', ['user_id', 'created_at'], unique=False)

    op.create_table('ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('on_behalf', sa.Boolean(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('feedback_id', sa.Integer(), nullable=True),
    sa.Column('grade', sa.String(length=8), nullable=False),
    sa.Column('words', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_ratings_application_id_applications')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_ratings_created_by_id_users')),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_ratings_feedback_id_feedback')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ratings_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ratings')),
    sa.UniqueConstraint('application_id', name=op.f('uq_ratings_application_id')),
    sa.UniqueConstraint('feedback_id', name=op.f('uq_ratings_feedback_id'))
    )
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.create_index('ix_ratings_user_created', ['user_id', 'created_at'], unique=False)

    op.create_table('call_backs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rating_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('called_at', sa.DateTime(), nullable=True),
    sa.Column('called_by_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['called_by_id'], ['users.id'], name=op.f('fk_call_backs_called_by_id_users')),
    sa.ForeignKeyConstraint(['rating_id'], ['ratings.id'], name=op.f('fk_call_backs_rating_id_ratings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_backs')),
    sa.UniqueConstraint('rating_id', name=op.f('uq_call_backs_rating_id'))
    )
    with op.batch_alter_table('call_backs', schema=None) as batch_op:
        batch_op.create_index('ix_call_backs_called_created', ['called_at', 'created_at'], unique=False)

    # A notice can now tell a person that their feedback has a reply.
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feedback_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_notices_feedback_id_feedback'), 'feedback', ['feedback_id'], ['id'])


def downgrade():
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notices_feedback_id_feedback'), type_='foreignkey')
        batch_op.drop_column('feedback_id')
    with op.batch_alter_table('call_backs', schema=None) as batch_op:
        batch_op.drop_index('ix_call_backs_called_created')
    op.drop_table('call_backs')
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_index('ix_ratings_user_created')
    op.drop_table('ratings')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_user_created')
        batch_op.drop_index('ix_feedback_replied_due')
    op.drop_table('feedback')
