import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { Params } from 'nestjs-pino';
import { AppConfig } from './config/app-config';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * Structured JSON logs (pino) with a request id per request: the client's `X-Request-Id` when it is a
 * sane token, else a new UUID, echoed back in the response header. Credentials and bodies are never
 * logged: the Authorization and Cookie headers are redacted, and request bodies are not serialised.
 */
export function loggerOptions(config: AppConfig): Params {
  const destination = config.logFile
    ? pino.destination({ dest: config.logFile, sync: false, mkdir: true })
    : undefined;
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const given = req.headers['x-request-id'];
          const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          censor: '[redacted]',
        },
        serializers: {
          req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
            id: req.id,
            method: req.method,
            url: req.url,
            headers: { authorization: req.headers.authorization, 'user-agent': req.headers['user-agent'] },
          }),
        },
        customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
          err || res.statusCode >= 500 ? 'error' : 'info',
      },
      destination as never,
    ],
  };
}
