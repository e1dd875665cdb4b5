import { Readable } from 'node:stream';
import { readBoundedBody } from './read-bounded-body.util';

const stream = (...chunks: string[]): Readable => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

describe('readBoundedBody', () => {
  it.each<[string, string[], number, string, boolean]>([
    ['empty body', [], 8, '', true],
    ['fits', ['ab', 'cd'], 8, 'abcd', true],
    ['exactly the limit', ['abcd', 'efgh'], 8, 'abcdefgh', true],
    ['one byte over', ['abcd', 'efghi'], 8, 'abcdefgh', false],
    ['limit reached, then another chunk', ['abcdefgh', 'i'], 8, 'abcdefgh', false],
    ['limit 0 with a body', ['a'], 0, '', false],
  ])('%s', async (_label, chunks, limit, text, complete) => {
    const body = stream(...chunks);
    const read = await readBoundedBody(body, limit);
    expect({ text: read.bytes.toString(), complete: read.complete }).toEqual({ text, complete });
    if (!complete) expect(body.destroyed).toBe(true);
  });

  it('stops reading an endless body at the limit', async () => {
    const endless = new Readable({ read() { this.push(Buffer.alloc(1000, 0x61)); } });
    const read = await readBoundedBody(endless, 4096);
    expect(read).toEqual({ bytes: Buffer.alloc(4096, 0x61), complete: false });
    expect(endless.destroyed).toBe(true);
  });

  it('rejects when the stream fails', async () => {
    const failing = new Readable({ read() { this.destroy(new Error('aborted')); } });
    await expect(readBoundedBody(failing, 10)).rejects.toThrow('aborted');
  });
});
