import type restify from 'restify';

/** Ends the response as botbuilder's CloudAdapter does: the status, then the body only when there is one. */
export function end(res: restify.Response, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined && body !== null) res.send(body);
  res.end();
}
