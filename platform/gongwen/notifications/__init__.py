"""In-app notifications (and their e-mail copy): the bottom layer other packages call."""
