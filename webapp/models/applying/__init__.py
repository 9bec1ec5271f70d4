"""What people apply for and what follows: opportunities, applications and their events, evidence,
subsidy awards, feedback, and moves between districts."""
