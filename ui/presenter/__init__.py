"""Presenter mode: a team member shows lessons to a room on a projector.

- `deck`: the slides of a session (each lesson's title and steps, then the group check),
  plain data without widgets.
- `stage`: a widget laid out at a fixed logical size and drawn scaled to its screen, so
  the kiosk's own step widgets read from the back of a room at any resolution.
- `audience`: what the room sees (a slide, its answer on demand, a black screen).
- `control`: what the team member sees (current and next step, notes, timer, roster).
- `roster` and `models`: checking people in, and the group check's ticks.
- `keys`: what a presentation clicker and a learner-card scanner type.
- `controller`: one session's state, and the windows placed on the screens.
"""
