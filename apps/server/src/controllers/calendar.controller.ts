import {
  CalendarEventDto,
  CalendarEventInput,
  CalendarEventParams,
  CalendarEventPatch,
  CalendarEventsResponse,
  DdayDto,
  DdayInput,
  DdayParams,
  DdaysResponse,
  ErrorBody,
  NoContent,
  PinInput,
  PinnedDday,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import type { CalendarService } from '../services/calendar.service.js';

const tags = ['calendar'];
const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody };
const withNotFound = { ...errors, 404: ErrorBody };

/** The couple's shared calendar and D-days. */
export function calendarController(app: FastifyInstance, calendar: CalendarService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/calendar/events',
    {
      schema: {
        tags,
        summary: "All of the couple's calendar events",
        response: { 200: CalendarEventsResponse, ...errors },
      },
    },
    async (req) => calendar.events(requireAuth(req)),
  );

  r.post(
    '/api/calendar/events',
    {
      schema: {
        tags,
        summary: 'Add an event to the shared calendar',
        body: CalendarEventInput,
        response: { 201: CalendarEventDto, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await calendar.createEvent(requireAuth(req), req.body)),
  );

  r.patch(
    '/api/calendar/events/:id',
    {
      schema: {
        tags,
        summary: 'Change some fields of an event (the result must still be a valid event)',
        params: CalendarEventParams,
        body: CalendarEventPatch,
        response: { 200: CalendarEventDto, ...withNotFound },
      },
    },
    async (req) => calendar.updateEvent(requireAuth(req), req.params.id, req.body),
  );

  r.delete(
    '/api/calendar/events/:id',
    {
      schema: {
        tags,
        summary: 'Delete an event',
        params: CalendarEventParams,
        response: { 204: NoContent, ...withNotFound },
      },
    },
    async (req, reply) => {
      await calendar.deleteEvent(requireAuth(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/ddays',
    {
      schema: {
        tags,
        summary: "The couple's D-days, what is pinned, the start date, and today in their zone",
        response: { 200: DdaysResponse, ...errors },
      },
    },
    async (req) => calendar.ddays(requireAuth(req)),
  );

  r.post(
    '/api/ddays',
    {
      schema: {
        tags,
        summary: 'Add a D-day',
        body: DdayInput,
        response: { 201: DdayDto, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await calendar.createDday(requireAuth(req), req.body)),
  );

  r.delete(
    '/api/ddays/:id',
    {
      schema: {
        tags,
        summary: 'Delete a D-day (unpinning it if it was pinned)',
        params: DdayParams,
        response: { 204: NoContent, ...withNotFound },
      },
    },
    async (req, reply) => {
      await calendar.deleteDday(requireAuth(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/ddays/pin',
    {
      schema: {
        tags,
        summary: 'Pin a D-day, the next milestone, or nothing to the top of the chat',
        body: PinInput,
        response: { 200: PinnedDday, ...withNotFound },
      },
    },
    async (req) => calendar.pin(requireAuth(req), req.body),
  );
}
