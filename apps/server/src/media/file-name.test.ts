import { describe, expect, it } from 'vitest';
import { contentDisposition, displayName } from './file-name.js';

const codePoints = (text: string) => [...text].length;

describe('displayName', () => {
  it('keeps a Korean name and composes one that macOS sent decomposed', () => {
    expect(displayName('사진 모음.pdf')).toBe('사진 모음.pdf');
    const decomposed = '사진 모음.pdf'.normalize('NFD');
    expect(decomposed).not.toBe('사진 모음.pdf');
    expect(displayName(decomposed)).toBe('사진 모음.pdf');
  });

  it('keeps only the last path segment of either platform', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('C:\\Users\\me\\Desktop\\photo.jpg')).toBe('photo.jpg');
    expect(displayName('dir/sub\\mixed/name.txt')).toBe('name.txt');
  });

  it('removes control characters and reads line breaks as spaces', () => {
    expect(displayName('a\u0000b\u0007c\u007f\u009bd.txt')).toBe('abcd.txt');
    expect(displayName('line 1\r\nline 2\t.txt')).toBe('line 1 line 2 .txt');
  });

  it('removes bidi overrides and invisible characters that disguise a name', () => {
    expect(displayName('evil\u202Egpj.exe')).toBe('evilgpj.exe');
    expect(displayName('\uFEFFa\u200Bb\u200Fc\u2066d\u2069.png')).toBe('abcd.png');
    expect(displayName('x\u061Cy.txt')).toBe('xy.txt');
  });

  it('trims and collapses whitespace', () => {
    expect(displayName('   my    holiday\u00a0\u3000photo.jpg  ')).toBe('my holiday photo.jpg');
  });

  it('names what is left of nothing, dots or a path "file"', () => {
    for (const raw of ['', '   ', '..', '.', '...', '../..', 'a/', '\u202E\u200B', '\u0000']) {
      expect(displayName(raw)).toBe('file');
    }
    expect(displayName('.bashrc')).toBe('.bashrc');
  });

  it('cuts long names to 200 code points and keeps the extension', () => {
    const cut = displayName(`${'a'.repeat(300)}.pdf`);
    expect(codePoints(cut)).toBe(200);
    expect(cut).toBe(`${'a'.repeat(196)}.pdf`);

    const korean = displayName(`${'가'.repeat(250)}.hwp`);
    expect(korean).toBe(`${'가'.repeat(196)}.hwp`);

    expect(displayName('x'.repeat(500))).toBe('x'.repeat(200));
    // Something after a dot that is too long to be an extension is cut like the rest.
    expect(displayName(`${'a'.repeat(150)}.${'b'.repeat(100)}`)).toBe(
      `${'a'.repeat(150)}.${'b'.repeat(49)}`,
    );
  });

  it('never cuts a character or an emoji flag in half', () => {
    const flags = displayName(`${'🇰🇷'.repeat(150)}.jpg`);
    expect(codePoints(flags)).toBe(200);
    expect(flags.endsWith('.jpg')).toBe(true);
    expect(flags.slice(0, -4)).toBe('🇰🇷'.repeat(98));

    const faces = displayName('😀'.repeat(250));
    expect(faces).toBe('😀'.repeat(200));
  });

  it('is stable when applied twice', () => {
    for (const raw of [
      '사진 모음.pdf'.normalize('NFD'),
      'evil\u202Egpj.exe',
      `${'a'.repeat(300)}.pdf`,
    ]) {
      const once = displayName(raw);
      expect(displayName(once)).toBe(once);
    }
  });
});

describe('contentDisposition', () => {
  it('sends a plain ASCII name both ways', () => {
    expect(contentDisposition('inline', 'report.pdf')).toBe(
      `inline; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
  });

  it('sends a Korean name as UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('attachment', '사진 모음.pdf')).toBe(
      `attachment; filename="__ __.pdf"; filename*=UTF-8''%EC%82%AC%EC%A7%84%20%EB%AA%A8%EC%9D%8C.pdf`,
    );
  });

  it('cannot be broken out of, whatever the name', () => {
    const name = 'a"b\\c\r\nSet-Cookie: x=1;.txt';
    const header = contentDisposition('attachment', name);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a_b_c__Set-Cookie: x=1;.txt"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%3B.txt`,
    );
  });

  it('percent-encodes everything but RFC 5987 attr-chars, and decodes back to the name', () => {
    const name = "50% off (final)*'draft' 😀 [v2]{x}.txt";
    const header = contentDisposition('attachment', name);
    const encoded = header.slice(header.indexOf("UTF-8''") + 7);
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(encoded)).toBe(name);
    // One emoji is one replacement character in the fallback.
    expect(header).toContain(`filename="50% off (final)*'draft' _ [v2]{x}.txt"`);
  });
});
