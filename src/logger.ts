import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { Params } from 'nestjs-pino';
import { AppConfig } from './config/app-config';

const REQUEST_ID = /^[\w.-]{1,64}$/;
/** Query parameters whose values are credentials by name. */
const SECRET_PARAM = /token|key|secret|passw|auth|refresh|access|jwt|session|code|sig/i;
/** Values that are credentials by shape: an API key or a JWT. */
const SECRET_VALUE = /^(shk_|eyJ[\w-]*\.)/;

/**
 * The request URL as logged: no credential is accepted in a query string, but clients put them there
 * anyway (`?token=…`), and the URL would carry them into log storage. Values of parameters named like a
 * credential, or shaped like an API key or a JWT, are replaced by `[redacted]`.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      let value = pair.slice(eq + 1);
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        // not valid percent-encoding: judge the raw text
      }
      return SECRET_PARAM.test(name) || SECRET_VALUE.test(value) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/**
 * Structured JSON logs (pino) with a request id per request: the client's `X-Request-Id` when it is a
 * sane token, else a new UUID, echoed back in the response header. Credentials and bodies are never
 * logged: the Authorization and Cookie headers are redacted, credentials in query strings are masked
 * (`redactUrl`), and request bodies are not serialised.
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
            url: redactUrl(req.url),
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
