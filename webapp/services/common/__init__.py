"""What every domain shares: domain errors, who is acting, paging, dates, phone numbers, names, SMS."""
