"""Moving between districts: when a person's district changes, what the district handles for them
(open applications, the graduates' plan, visits after a hire) goes with them, with a recorded
transfer; the old district keeps read access to what it decided."""
