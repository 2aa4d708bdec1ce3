import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

/** An RFC 9457 problem details object. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Extension member: one entry per invalid input, for 400 responses. */
  errors?: { location: string; message: string }[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A problem whose type is `about:blank`, so its title is the HTTP status phrase (RFC 9457, section 4.2.1). */
export function problem(status: number, detail?: string, extensions: Partial<Problem> = {}): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail === undefined ? {} : { detail }),
    ...extensions,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}
