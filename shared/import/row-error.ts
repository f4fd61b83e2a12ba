// One problem found in one row of an imported file. `line` is the physical line where the
// row starts (line 1 is the first line of the file, normally the header), so a person can
// open the file and find it. A quoted CSV field may hold newlines, so rows and lines differ.
export type RowError = {
  line: number;
  code: string;
  message: string;
  column?: string;
  orderId?: string;
};
