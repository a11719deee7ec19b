import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attendanceInput,
  attendanceView,
  bookingInput,
  bookingView,
  confirmInput,
  eventInput,
  eventPatch,
  eventView,
  occupancyView,
  prospectCancelInput,
  prospectInput,
  publicEventView,
  publicOfficeView,
  registrationStatuses,
  spaceInput,
  spacePatch,
  spaceView,
} from '../../domain/community/schemas.ts';
import type { Deps } from '../context.ts';
import { type RateLimit, rateLimitHook } from '../http/rate-limit.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const instant = z.iso.datetime({ offset: true });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const feed = z.object({ url: z.string() });

export const communityRoutes =
  (deps: Deps, o: { publicLimit: RateLimit }) => async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['community'];
    const publicTags = ['community (public)'];
    // Public operations send e-mails or read the database without a session: buckets per address and operation.
    const limited = () => rateLimitHook(o.publicLimit, deps.clock);

    // ——— Events ———
    app.get(
      '/api/v1/events',
      {
        schema: {
          tags,
          summary: 'Upcoming events of the offices (mine=true: those I am registered to or waiting for)',
          querystring: z.object({
            officeId: z.uuid().optional(),
            from: instant.optional(),
            to: instant.optional(),
            mine: bool,
            includeCancelled: bool,
          }),
          response: { 200: items(eventView) },
        },
      },
      (req) => service.listEvents(contextOf(deps, req), req.query),
    );
    app.post(
      '/api/v1/events',
      {
        schema: {
          tags,
          summary:
            'Create an event, or a series of sessions from a weekly or monthly rule (staff of the office)',
          body: eventInput,
          response: { 201: items(eventView) },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createEvents(contextOf(deps, req), req.body)),
    );
    app.get(
      '/api/v1/events/:id',
      { schema: { tags, params: idParams, response: { 200: eventView } } },
      (req) => service.getEvent(contextOf(deps, req), req.params.id),
    );
    app.patch(
      '/api/v1/events/:id',
      {
        schema: {
          tags,
          summary: 'Change an event (a larger capacity lets the waiting list in)',
          params: idParams,
          body: eventPatch,
          response: { 200: eventView },
        },
      },
      (req) => service.updateEvent(contextOf(deps, req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/events/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel an event and tell the registered people',
          params: idParams,
          response: { 200: eventView },
        },
      },
      (req) => service.cancelEvent(contextOf(deps, req), req.params.id),
    );
    app.put(
      '/api/v1/events/:id/registration',
      {
        schema: {
          tags,
          summary:
            'Register myself (a place, or the waiting list when full); confirmation e-mail with an .ics file',
          params: idParams,
          response: { 200: eventView },
        },
      },
      (req) => service.register(contextOf(deps, req), req.params.id),
    );
    app.delete(
      '/api/v1/events/:id/registration',
      {
        schema: {
          tags,
          summary: 'Unregister myself; the first person waiting gets the place',
          params: idParams,
          response: { 200: eventView },
        },
      },
      (req) => service.unregister(contextOf(deps, req), req.params.id),
    );
    app.get(
      '/api/v1/events/:id/attendance',
      {
        schema: {
          tags,
          summary: 'Registrants and attendance (staff of the office)',
          params: idParams,
          response: { 200: attendanceView },
        },
      },
      (req) => service.attendance(contextOf(deps, req), req.params.id),
    );
    app.put(
      '/api/v1/events/:id/attendance',
      {
        schema: {
          tags,
          summary: 'Record who attended',
          params: idParams,
          body: attendanceInput,
          response: { 200: attendanceView },
        },
      },
      (req) => service.recordAttendance(contextOf(deps, req), req.params.id, req.body.marks),
    );
    app.get(
      '/api/v1/events/:id/attendance.pdf',
      {
        schema: {
          tags,
          summary: 'Attendance sheet to sign, as PDF',
          params: idParams,
          produces: ['application/pdf'],
          response: { 200: z.any().describe('PDF') },
        },
      },
      async (req, reply) => {
        const bytes = await service.attendancePdf(contextOf(deps, req), req.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="emargement-${req.params.id.slice(0, 8)}.pdf"`)
          .send(Buffer.from(bytes));
      },
    );
    app.get(
      '/api/v1/calendar-feed',
      {
        schema: {
          tags,
          summary: 'The secret address of my calendar feed (iCalendar)',
          response: { 200: feed },
        },
      },
      (req) => service.myFeed(contextOf(deps, req)),
    );
    app.post(
      '/api/v1/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Replace my calendar feed address (the old one stops working)',
          response: { 200: feed },
        },
      },
      (req) => service.myFeed(contextOf(deps, req), true),
    );

    // ——— Public: the office's page, prospects, calendar feeds ———
    app.get(
      '/api/v1/public/offices/:code',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary: 'An office and its upcoming events open to prospects and the public (no account)',
          security: [],
          params: z.object({ code: z.string().min(1).max(40) }),
          response: { 200: publicOfficeView },
        },
      },
      (req) => service.publicOffice(deps, req.params.code),
    );
    app.post(
      '/api/v1/public/events/:id/registrations',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary: 'A prospect registers with a name and an e-mail; a link to confirm is e-mailed (24 hours)',
          security: [],
          params: idParams,
          body: prospectInput,
          response: { 202: z.object({ status: z.literal('pending') }) },
        },
      },
      async (req, reply) =>
        reply.code(202).send(await service.registerProspect(deps, req.params.id, req.body)),
    );
    app.post(
      '/api/v1/public/registrations/confirm',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary: 'Confirm a prospect’s registration with the e-mailed token',
          security: [],
          body: confirmInput,
          response: {
            200: z.object({
              status: z.enum(registrationStatuses),
              waitlistPosition: z.number().int().nullable(),
              event: publicEventView,
            }),
          },
        },
      },
      (req) => service.confirmProspect(deps, req.body.token),
    );
    app.post(
      '/api/v1/public/registrations/cancel',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary:
            'A prospect gives up their place or rank by the link of their e-mails; the first person waiting gets the place',
          security: [],
          body: prospectCancelInput,
          response: {
            200: z.object({ status: z.literal('cancelled'), event: publicEventView }),
          },
        },
      },
      (req) => service.cancelProspect(deps, req.body.registrationId, req.body.token),
    );
    app.get(
      '/api/v1/public/calendars/:file',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary: 'A member’s calendar feed (the secret token is the address)',
          security: [],
          params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{32,100}\.ics$/) }),
          produces: ['text/calendar'],
          response: { 200: z.string() },
        },
      },
      async (req, reply) =>
        reply
          .type('text/calendar; charset=utf-8')
          .send(await service.feedCalendar(deps, req.params.file.replace(/\.ics$/, ''))),
    );

    // ——— Spaces ———
    app.get(
      '/api/v1/spaces',
      {
        schema: {
          tags,
          summary: 'Spaces of the offices',
          querystring: z.object({ officeId: z.uuid().optional(), includeInactive: bool }),
          response: { 200: items(spaceView) },
        },
      },
      (req) => service.listSpaces(contextOf(deps, req), req.query),
    );
    app.post(
      '/api/v1/spaces',
      {
        schema: {
          tags,
          summary: 'Add a space to an office (staff of the office)',
          body: spaceInput,
          response: { 201: spaceView },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createSpace(contextOf(deps, req), req.body)),
    );
    app.get(
      '/api/v1/spaces/:id',
      { schema: { tags, params: idParams, response: { 200: spaceView } } },
      (req) => service.getSpace(contextOf(deps, req), req.params.id),
    );
    app.patch(
      '/api/v1/spaces/:id',
      { schema: { tags, params: idParams, body: spacePatch, response: { 200: spaceView } } },
      (req) => service.updateSpace(contextOf(deps, req), req.params.id, req.body),
    );
    app.get(
      '/api/v1/spaces/:id/bookings',
      {
        schema: {
          tags,
          summary: 'Bookings of a space over a period (others’ bookings show as busy)',
          params: idParams,
          querystring: z.object({ from: instant, to: instant }),
          response: { 200: items(bookingView) },
        },
      },
      (req) => service.spaceBookings(contextOf(deps, req), req.params.id, req.query.from, req.query.to),
    );
    app.post(
      '/api/v1/spaces/:id/bookings',
      {
        schema: {
          tags,
          summary: 'Book a slot; overlapping bookings are refused by the database (409 booking.overlap)',
          params: idParams,
          body: bookingInput,
          response: { 201: bookingView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.book(contextOf(deps, req), req.params.id, req.body)),
    );
    app.get(
      '/api/v1/space-bookings',
      { schema: { tags, summary: 'My bookings', response: { 200: items(bookingView) } } },
      (req) => service.myBookings(contextOf(deps, req)),
    );
    app.post(
      '/api/v1/space-bookings/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a booking: free (charge reversed) until the space’s delay, charged after',
          params: idParams,
          response: { 200: bookingView },
        },
      },
      (req) => service.cancelBooking(contextOf(deps, req), req.params.id),
    );
    app.get(
      '/api/v1/offices/:id/occupancy',
      {
        schema: {
          tags,
          summary: 'Occupancy of the office’s spaces over a month (staff of the office)',
          params: idParams,
          querystring: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
          response: { 200: occupancyView },
        },
      },
      (req) => service.officeOccupancy(contextOf(deps, req), req.params.id, req.query.month),
    );
  };
