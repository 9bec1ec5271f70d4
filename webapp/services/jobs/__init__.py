"""Jobs verified employers post: posting (employers), taking down (admins), finding and fit (jobseekers)."""
