import type { Request } from 'express';

/** Where absolute media links point: `PUBLIC_URL` when configured, else the request's own (checked) host. */
export function mediaUrlBase(req: Request, publicUrl: string | undefined): string {
  return (publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/$/, '');
}
