"""What every blueprint shares on the request side: who is acting, access checks, the client's
address, form pages, htmx, preferences, security headers and template helpers."""
