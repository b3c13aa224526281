"""Writes about events. `registration` holds everything that takes or frees seats;
`events` the organiser's work (the event, agenda, attachments, outcomes, check-in);
`stands` the fair's exhibitors."""
