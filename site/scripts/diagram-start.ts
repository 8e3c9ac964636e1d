/**
 * A flowchart wider than the page opens where the process starts, not at its left edge: the
 * diagram scrolls sideways so the start node is in view, and is marked scrollable so the page
 * shows the scroll cue. The diagram is in the page as built, so this runs once.
 */
export function openDiagramsAtStart(root: ParentNode = document): void {
  for (const figure of root.querySelectorAll<HTMLElement>('.hb-figure')) {
    const box = figure.querySelector<HTMLElement>('.hb-diagram');
    const start = box?.querySelector('svg [data-kind="start"]');
    if (!box || !start) continue;
    const scrollable = box.scrollWidth > box.clientWidth + 1;
    figure.classList.toggle('hb-scrollable', scrollable);
    if (!scrollable) continue;
    const node = start.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    box.scrollLeft += node.left + node.width / 2 - (frame.left + frame.width / 2);
  }
}
