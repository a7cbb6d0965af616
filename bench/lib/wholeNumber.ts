/** A figure for the tables: rounded, with thousands separators (1,234,567). */
export const wholeNumber = (n: number): string => Math.round(n).toLocaleString('en-US');
