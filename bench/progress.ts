// Progress lines on stderr, written past the harness's output capture (bound before it is installed).
const write = process.stderr.write.bind(process.stderr);
const started = Date.now();

export function progress(line: string): void {
  write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
}
