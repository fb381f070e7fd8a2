import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app';

const BOUNDARY = 'ivy-test-boundary';

function multipart(parts: { name: string; filename?: string; content: string }[]) {
  const body = parts
    .map(
      (part) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}\r\n` +
        `${part.filename ? 'Content-Type: text/csv\r\n' : ''}\r\n${part.content}\r\n`,
    )
    .join('');
  return {
    payload: `${body}--${BOUNDARY}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe.each(testDatabaseTargets())('POST /people/import on $label', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(target);
  });
  afterAll(() => t.close());

  async function total() {
    return (await t.request({ method: 'GET', url: '/people/leads' })).json().total as number;
  }

  async function upload(csv: string, query = '', mapping?: string) {
    const parts = [
      ...(mapping ? [{ name: 'mapping', content: mapping }] : []),
      { name: 'file', filename: 'people.csv', content: csv },
    ];
    return t.request({ method: 'POST', url: `/people/import${query}`, ...multipart(parts) });
  }

  it('imports rows whose headers are Ivy fields and reports the invalid ones by row', async () => {
    const response = await upload(
      'first_name,last_name,email,lifecycle_stage,consent_email\n' +
        'Ada,Lovelace,ada@example.ac.uk,applicant,yes\n' +
        'Bad,Email,not-an-email,enquirer,no\n' +
        'Alan,Turing,alan@example.ac.uk,prospect,no\n',
    );
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ rows: 3, created: 1, rejected: 2, dry_run: false, aborted: false });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'email' }),
        expect.objectContaining({ row: 4, field: 'lifecycle_stage' }),
      ]),
    );
    const page = (await t.request({ method: 'GET', url: '/people/leads?q=ada@example' })).json();
    expect(page.items[0]).toMatchObject({ first_name: 'Ada', lifecycle_stage: 'applicant' });
  });

  it('writes nothing with on_invalid=abort when a row is invalid, nor on a dry run', async () => {
    const before = await total();
    const aborted = await upload('email\nnew1@example.ac.uk\nbroken\n', '?on_invalid=abort');
    expect(aborted.json()).toMatchObject({ aborted: true, created: 0 });
    const dry = await upload('email\nnew2@example.ac.uk\n', '?dry_run=true');
    expect(dry.json()).toMatchObject({ dry_run: true, created: 1 });
    expect(await total()).toBe(before);
  });

  it('answers a malformed file with a problem+json 400 naming the row, and writes nothing', async () => {
    const before = await total();
    const response = await upload('email,first_name\nok@example.ac.uk,Ok\n"unclosed@example.ac.uk,Oops\n');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/row \d+/);
    expect(await total()).toBe(before);
  });

  it('rejects an invalid mapping with the path of the mistake', async () => {
    const response = await upload(
      'Email\nx@example.ac.uk\n',
      '',
      JSON.stringify({ fields: { emial: { column: 'Email' } } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toMatch(/^body\.mapping\.fields/);
  });

  it('applies a mapping sent before the file', async () => {
    const mapping = JSON.stringify({ fields: { email: { column: 'E-mail' }, first_name: { column: 'Given name' } } });
    const response = await upload('Given name,E-mail\nGrace,grace@example.ac.uk\n', '', mapping);
    expect(response.json()).toMatchObject({ created: 1, rejected: 0 });
  });

  it('requires a file', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/people/import',
      ...multipart([{ name: 'note', content: 'x' }]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.file');
  });
});
