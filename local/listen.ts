// Binds a server to loopback, turning "port taken" into an instruction.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalCloudError } from './state';

export function listen(server: http.Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalCloudError(`port ${port} is already in use: stop what uses it, or choose another with \`npm start -- --port N\``)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      resolve(`http://localhost:${address.port}`);
    });
  });
}
