import { PassThrough } from 'node:stream';
import { OutputTail } from './output-tail.util';

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('OutputTail', () => {
  it('joins lines split across chunks and keeps each stream apart', async () => {
    const tail = new OutputTail();
    const out = new PassThrough();
    const err = new PassThrough();
    tail.attach(out);
    tail.attach(err);
    out.write('Server is ');
    err.write('warning: x\n');
    out.write('ready\r\nnext');
    out.end();
    await flush();
    expect(tail.text()).toBe('warning: x\nServer is ready\nnext');
  });

  it('keeps only the last maxLines lines', () => {
    const tail = new OutputTail(2);
    ['a', 'b', 'c'].forEach((line) => tail.addLine(line));
    expect(tail.text()).toBe('b\nc');
  });

  it('watchFor latches on the first matching line even after it scrolls out', () => {
    const tail = new OutputTail(1);
    const ready = tail.watchFor(/ready/);
    tail.addLine('starting');
    expect(ready()).toBe(false);
    tail.addLine('Server is ready');
    tail.addLine('later');
    expect(ready()).toBe(true);
  });
});
