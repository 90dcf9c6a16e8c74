"""The resident's screens, one module each. Screens emit signals; ui.flow wires them."""
