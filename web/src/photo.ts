/**
 * A phone photo is several MB; 1600 px on the long side (what the server keeps of evidence photos) at JPEG 0.85
 * uploads quickly on kitchen Wi-Fi. Anything the browser cannot decode is sent as it is: the server decides.
 */
export async function shrinkPhoto(file: File, longSide = 1600): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b ?? file), 'image/jpeg', 0.85));
  } catch {
    return file;
  }
}
