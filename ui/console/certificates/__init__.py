"""The sections of the console's certificates page (ui.console.pages.certificates): verify,
print queue, issued certificates, issue to a resident; with the models beside their views."""
