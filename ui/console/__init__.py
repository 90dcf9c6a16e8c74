"""The staff console: PIN sign-in, then pages for residents, certificates, reports,
settings and staff, each shown only to the roles allowed to use it (kiosk.staff)."""
