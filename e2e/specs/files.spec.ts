import { expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { connectedCouple, dictionaries, fill } from '../support/ui.js';

const ko = dictionaries.ko;
const en = dictionaries.en;

const PDF_NAME = '여행 계획.pdf';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A photo as a phone would send it: a JPEG with its camera and location in the EXIF. */
function photo(background: string) {
  return sharp({ create: { width: 900, height: 600, channels: 3, background } })
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { Make: 'E2EPhone' }, IFD3: { GPSLatitudeRef: 'N' } })
    .toBuffer();
}

/** The images of the sent bundle that have finished loading in this page. */
async function loadedPictures(page: Page) {
  return page
    .locator('img.picture-img')
    .evaluateAll(
      (imgs) =>
        imgs.filter(
          (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
        ).length,
    );
}

test('A sends three photos and a PDF; B sees them live, opens the lightbox, downloads the PDF by name; the drawer lists them; deleting removes them for B', async ({
  browser,
}) => {
  const { a, b } = await connectedCouple(browser);
  const photos = await Promise.all(['#e0806a', '#6a9fe0', '#7ac47a'].map(photo));

  // Slow the uploads down a little so their progress can be seen.
  await a.page.route('**/api/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });

  // A: paperclip → Files → three photos and a PDF, a caption, send.
  await a.page.getByRole('button', { name: ko.files.attach, exact: true }).click();
  const chooser = a.page.waitForEvent('filechooser');
  await a.page.getByRole('menuitem', { name: ko.files.pick.files }).click();
  await (await chooser).setFiles([
    ...photos.map((buffer, i) => ({ name: `사진${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })),
    { name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF },
  ]);
  await expect(a.page.getByText(fill(ko.files.trayCount, { count: 4, max: 30 }))).toBeVisible();
  const input = a.page.getByRole('textbox', { name: ko.chat.input, exact: true });
  await input.fill('이번 여행 사진이랑 계획표');
  await input.press('Enter');
  // While uploading: a progress bar per file.
  await expect(
    a.page.getByRole('progressbar', { name: fill(ko.files.uploadingName, { name: PDF_NAME }) }),
  ).toBeVisible();

  // B: the message arrives live, with thumbnails and the file card.
  await expect(b.page.getByText('이번 여행 사진이랑 계획표')).toBeVisible();
  await expect.poll(() => loadedPictures(b.page)).toBe(3);
  const download = b.page.getByRole('link', {
    name: fill(en.files.downloadName, { name: PDF_NAME }),
  });
  await expect(download).toBeVisible();
  await expect(a.page.getByRole('progressbar')).toHaveCount(0);

  // B opens the first photo in the lightbox and moves to the next one.
  await b.page
    .getByRole('button', { name: fill(en.files.openItem, { index: 1, count: 3 }) })
    .click();
  const lightbox = b.page.getByRole('dialog', { name: en.lightbox.title });
  await expect(lightbox).toBeVisible();
  await expect(
    lightbox.getByText(fill(en.lightbox.position, { index: 1, count: 3 })),
  ).toBeVisible();
  await b.page.keyboard.press('ArrowRight');
  await expect(
    lightbox.getByText(fill(en.lightbox.position, { index: 2, count: 3 })),
  ).toBeVisible();
  await b.page.keyboard.press('Escape');
  await expect(lightbox).toBeHidden();

  // B downloads the PDF: it arrives under its Korean name, byte for byte.
  const [file] = await Promise.all([b.page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toBe(PDF_NAME);
  const saved = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of saved) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).equals(PDF)).toBe(true);

  // Both find them in the drawer.
  for (const [page, t] of [
    [a.page, ko],
    [b.page, en],
  ] as const) {
    await page.getByRole('link', { name: t.chat.drawer }).click();
    await expect(page).toHaveURL(/\/drawer$/);
    await expect(page.locator('img.picture-img')).toHaveCount(3);
    await page.getByRole('link', { name: t.drawer.tabs.files, exact: true }).click();
    await expect(page.getByText(PDF_NAME)).toBeVisible();
  }
  const photoUrl = await b.page
    .getByRole('link', { name: en.drawer.tabs.media, exact: true })
    .click()
    .then(() => b.page.locator('img.picture-img').first().getAttribute('src'));
  expect(photoUrl).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}\/thumb$/);
  // No camera or location left in what B was served.
  const served = await b.page.request.get((photoUrl as string).replace(/thumb$/, 'original'));
  expect(served.status()).toBe(200);
  expect((await served.body()).includes(Buffer.from('E2EPhone'))).toBe(false);

  // A deletes the message; for B the files are gone from the drawer and from the server.
  await a.page.getByRole('link', { name: ko.drawer.back }).click();
  const sent = a.page.getByRole('listitem').filter({ hasText: '이번 여행 사진이랑 계획표' });
  await sent.getByText('이번 여행 사진이랑 계획표').click({ button: 'right' });
  await a.page.getByRole('menuitem', { name: ko.chat.delete }).click();
  const confirm = a.page.getByRole('dialog', { name: ko.chat.deleteTitle });
  await confirm.getByRole('button', { name: ko.chat.deleteConfirm, exact: true }).click();
  await expect(a.page.getByText(ko.chat.deleted)).toBeVisible();
  await expect(b.page.getByText(en.drawer.empty.media)).toBeVisible();
  expect((await b.page.request.get(photoUrl as string)).status()).toBe(404);

  await a.close();
  await b.close();
});
