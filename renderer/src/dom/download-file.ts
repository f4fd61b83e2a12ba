/** Hands a stored label to the browser (or Electron's download handler) as a file. */
export function downloadBase64File(doc: { fileName: string; mime: string; base64: string }): void {
  const binary = atob(doc.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: doc.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = doc.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; keep it a little longer for slow hosts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
