/** Small local servers for the network-bound tests: an HTTP stub that records requests, and a server that never answers. */
import * as http from 'node:http';
import * as net from 'node:net';

export interface StubServer {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  /** `METHOD url authorization`, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export function stubServer(handler: (req: http.IncomingMessage, res: http.ServerResponse, host: string) => void): Promise<StubServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`.trim());
    handler(req, res, req.headers.host ?? '');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        requests,
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

/** Accepts connections and never sends a byte. */
export function silentServer(): Promise<{ host: string; close(): Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise<void>((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

/** Sends a JSON body with optional headers. */
export function sendJson(res: http.ServerResponse, body: unknown, headers: Record<string, string> = {}, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
