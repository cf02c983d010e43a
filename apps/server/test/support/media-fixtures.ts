import sharp from 'sharp';

/** Where the test photos were "taken": Seoul City Hall. */
const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '37/1 33/1 59/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '126/1 58/1 41/1',
};
/** A maker string written into the EXIF, so a test can look for it in served bytes. */
export const EXIF_MARKER = 'CoupleChatTestPhone';

/** A JPEG photo with EXIF (camera, GPS, optionally a rotation) like a phone writes it. */
export function jpegWithGps(
  width = 640,
  height = 480,
  options: { orientation?: number } = {},
): Promise<Buffer> {
  const photo = sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 60, b: 90 } },
  })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: EXIF_MARKER }, IFD3: GPS });
  // The orientation tag is written by withMetadata (withExif alone leaves it out).
  return (
    options.orientation ? photo.withMetadata({ orientation: options.orientation }) : photo
  ).toBuffer();
}

export function png(width = 320, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: '#3a7bd5' } })
    .png()
    .toBuffer();
}

/** A two-frame animated GIF. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (background: string) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background } })
      .png()
      .toBuffer();
  return sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } })
    .gif({ loop: 0, delay: [200, 200] })
    .toBuffer();
}

/** A small but well-formed PDF. */
export function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/**
 * An MP4 as phones write it, reduced to its boxes: ftyp, moov (mvhd: 2.5 s; a 1280×720 video
 * track; udta with the ©xyz location atom) and mdat. Not playable — the server never decodes video.
 */
export function mp4WithGps(mdatBytes = 4096): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(2500, 16); // duration: 2.5 s
  const tkhd = Buffer.alloc(84);
  tkhd.writeUInt32BE(1280 << 16, 76);
  tkhd.writeUInt32BE(720 << 16, 80);
  const xyz = Buffer.concat([Buffer.from([0, 18, 0x15, 0xc7]), Buffer.from('+37.5665+126.9780/')]);
  const gps = box('\u00a9xyz', xyz);
  return Buffer.concat([
    box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1')),
    box('moov', box('mvhd', mvhd), box('trak', box('tkhd', tkhd)), box('udta', gps)),
    box('mdat', Buffer.alloc(mdatBytes, 7)),
  ]);
}

/** EXIF as a phone writes it: camera, software and where the photo was taken. */
export const PHONE_EXIF = {
  IFD0: { Make: 'PhoneMaker', Model: 'Phone 15', Software: 'Camera 1.0' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '37/1 33/1 59/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '126/1 58/1 40/1',
  },
};

/** XMP carrying a location, as photo editors write it. */
export const XMP_WITH_GPS =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="37,33.98N"/></rdf:RDF></x:xmpmeta>';

/** Whether the bytes hold PHONE_EXIF's latitude 37/1 33/1 59/1 as EXIF rationals, either byte order. */
export function hasGpsValues(bytes: Buffer): boolean {
  const values = [37, 1, 33, 1, 59, 1];
  const be = Buffer.alloc(24);
  const le = Buffer.alloc(24);
  values.forEach((value, i) => {
    be.writeUInt32BE(value, i * 4);
    le.writeUInt32LE(value, i * 4);
  });
  return bytes.includes(be) || bytes.includes(le);
}

/** One JPEG marker segment (APPn, COM, …) with its length. */
export function jpegSegment(marker: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}
