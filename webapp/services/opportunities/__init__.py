"""What the city publishes (courses, stall openings, welfare posts): the form rules, publishing,
the admin list, finding them, and saved items."""
