// Book en plads: availability from occupancy timelines, booking as an enrolment, policy per age band.
import type { FastifyPluginAsync } from 'fastify';
import { bookingCitizenRoutes } from './routes.citizen.js';
import { bookingStaffRoutes } from './routes.staff.js';

export { bookPlace, moveBooking, cancelBooking, NoLongerFree, type OnBehalf } from './service.js';
export { activeBookingsOfChild, bookingOwner } from './queries.js';
export { bookingError } from './contract.js';
export { searchAvailability } from './search.js';
export { roomFor, roomsFor, type RoomLedger } from './capacity.js';
export { lockUnitLoad, unitLoadVersions } from './store.js';
export { withRetry } from './book.js';
export { seedDemoBookings, type DemoBookingWish } from './demo.js';

export const bookingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(bookingCitizenRoutes, { prefix: '/citizen' });
  await app.register(bookingStaffRoutes, { prefix: '/staff' });
};
