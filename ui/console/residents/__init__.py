"""The parts of the console's residents page (ui.console.pages.residents): the results
model, the search box, a resident's record, and the edit, merge and erase panels."""
