import { createServer } from 'node:net';

/**
 * A TCP port free right now on 127.0.0.1. telegram-test-api turns port 0 into 9000, so each
 * test file asks the OS for a port first and hands the number over.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
