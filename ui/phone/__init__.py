"""The practice phone: safe copies of real apps, drawn from lessons/screens/*.yaml.

`PracticePhone` is the widget; the element builders, the frame and the style sheet live in
the modules beside it.
"""

from ui.phone.phone import PracticePhone

__all__ = ["PracticePhone"]
