/**
 * One clipboard write as Electron's `ClipboardItem` takes it: the text, and each raw OS format
 * under Electron's name for raw formats, so text and markers land together in one write (two
 * writes would each replace the clipboard, leaving the secret unmarked).
 */
export function clipboardEntries(
  text: string,
  markers: Record<string, Uint8Array>,
): Record<string, string | Blob> {
  const entries: Record<string, string | Blob> = { 'text/plain': text };
  for (const [format, bytes] of Object.entries(markers)) {
    entries[`electron application/osclipboard;format="${format}"`] = new Blob([bytes]);
  }
  return entries;
}
