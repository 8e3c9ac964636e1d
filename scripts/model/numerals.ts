/** Small Chinese numerals as process owners write them: 两个工作日, 三天, 十五日, 半年. */
const DIGITS = new Map<string, number>(Object.entries({
  零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}));

export const NUMBER_PATTERN = '(?:\\d+(?:\\.\\d+)?|[零一二两三四五六七八九十]+)';

/** Parses Arabic digits or a Chinese numeral below 100; `undefined` when it is neither. */
export function parseNumber(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (!/^[零一二两三四五六七八九十]+$/.test(text)) return undefined;
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? DIGITS.get(text) : undefined;
  const tens = ten === 0 ? 1 : DIGITS.get(text.slice(0, ten));
  const ones = ten === text.length - 1 ? 0 : DIGITS.get(text.slice(ten + 1));
  if (tens === undefined || ones === undefined || text.length > 3) return undefined;
  return tens * 10 + ones;
}
