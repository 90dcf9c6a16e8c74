"""One module per console page; ui.console.window lists them and builds each on first use."""
