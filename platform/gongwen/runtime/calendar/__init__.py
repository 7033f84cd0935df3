"""The working-time calendar: holidays, 调休 working days, working hours, deadline arithmetic."""
