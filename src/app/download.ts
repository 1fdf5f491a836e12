/** Saving text as a file the browser downloads (exports). */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Today as `YYYY-MM-DD`, for file names. */
export const dateStamp = (): string => new Date().toISOString().slice(0, 10);
