-- Bookings on a family's behalf (issue 16): the casework log names them. The booking is in details.bookingId, not a
-- placement reference: cancelling a booking deletes its placement, and the log must keep the row.
ALTER TABLE casework_action DROP CONSTRAINT casework_action_action_check;
ALTER TABLE casework_action ADD CONSTRAINT casework_action_action_check CHECK (action IN (
  'apply', 'change', 'flags', 'enrol', 'transfer', 'withdraw', 'hours', 'book', 'move-booking', 'cancel-booking'));
ALTER TABLE casework_action ADD CONSTRAINT casework_action_booking_check
  CHECK ((action IN ('book', 'move-booking', 'cancel-booking')) = (details ? 'bookingId'));
