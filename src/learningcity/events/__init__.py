"""Training sessions and attendance, waivers, and presentation-day time slots."""
