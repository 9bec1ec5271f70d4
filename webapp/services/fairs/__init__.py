"""招聘会: job fairs that staff hold, verified employers join with their jobs, and jobseekers register for."""
