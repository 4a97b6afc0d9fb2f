// A loopback webhook receiver for bench/stream.sh: answers 200 to every POST, counts events
// (lines), prints "URL http://..." once listening and the totals when stdin closes.
import http from 'node:http';
let events = 0;
let requests = 0;
const server = http.createServer((req, res) => {
  let lines = 0;
  req.on('data', (c) => { for (const b of c) if (b === 10) lines += 1; });
  req.on('end', () => { events += lines; requests += 1; res.writeHead(200); res.end(); });
});
server.listen(0, '127.0.0.1', () => console.log(`URL http://127.0.0.1:${server.address().port}/hook`));
process.stdin.resume();
process.stdin.on('end', () => { console.log(`received ${events} events in ${requests} requests`); process.exit(0); });
