import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from '../../scripts/flowchart/text.ts';

describe('textWidth', () => {
  it('counts a Chinese character as one em and a Latin one as less', () => {
    expect(textWidth('客户投诉', 16)).toBe(64);
    expect(textWidth('Refund', 16)).toBeLessThan(textWidth('退款申请', 16));
    expect(textWidth('', 16)).toBe(0);
  });
});

describe('wrapText', () => {
  it('keeps text that fits on one line', () => expect(wrapText('投诉接收', 100, 16)).toEqual(['投诉接收']));

  it('breaks Latin text between words and never inside one that fits a line', () => {
    const lines = wrapText('Review the monthly budget report', 120, 16);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Review the monthly budget report');
    for (const line of lines) expect(textWidth(line, 16)).toBeLessThanOrEqual(120);
  });

  it('breaks Chinese text into lines no wider than asked, losing no character', () => {
    const text = '调查与处理产品质量问题并回复客户';
    const lines = wrapText(text, 80, 16);
    expect(lines.join('')).toBe(text);
    for (const line of lines) expect(textWidth(line, 16)).toBeLessThanOrEqual(80);
  });

  it('breaks a word longer than a line between its characters', () => {
    const lines = wrapText('Supercalifragilistic', 60, 16);
    expect(lines.join('')).toBe('Supercalifragilistic');
    for (const line of lines) expect(textWidth(line, 16)).toBeLessThanOrEqual(60);
  });

  it('ends the last allowed line with … when text is left over', () => {
    const lines = wrapText('一二三四五六七八九十一二三四五六七八九十', 48, 16, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(textWidth(lines[1]!, 16)).toBeLessThanOrEqual(48);
  });

  it('keeps a no-break space and folds other runs of white space', () => {
    expect(wrapText('1.\u00a0接收', 200, 16)).toEqual(['1.\u00a0接收']);
    expect(wrapText('a \n\t b', 200, 16)).toEqual(['a b']);
  });
});

describe('balanced lines', () => {
  it('leave no character alone on the last line when the lines can share the text', () => {
    const lines = wrapText('4.\u00a0计划评审与优化', 120, 15);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toBe('4.\u00a0计划评审与优化');
    expect(Math.min(...lines.map((line) => line.length))).toBeGreaterThan(2);
  });
});

describe('punctuation', () => {
  it('never starts a line with closing punctuation', () => {
    for (const width of [60, 70, 80, 90]) {
      const lines = wrapText('条款不合规，退回修改', width, 13);
      expect(lines.join('')).toBe('条款不合规，退回修改');
      for (const line of lines.slice(1)) expect('，。、；：！？）》'.includes(line[0]!), `${width}: ${lines.join('|')}`).toBe(false);
    }
  });
});
