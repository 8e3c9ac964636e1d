/**
 * A flowchart wider than the page opens where the process starts, not at its left edge: the
 * diagram scrolls sideways so the start node is in view, and is marked scrollable so the page
 * shows the scroll cue. Works for the process page's diagram and for the editor's preview, drawn later.
 */
export function openDiagramsAtStart(root: ParentNode = document): void {
  for (const figure of root.querySelectorAll<HTMLElement>('.hb-figure')) {
    const place = () => {
      const box = figure.querySelector<HTMLElement>('.hb-diagram');
      const start = box?.querySelector('svg [data-kind="start"]');
      if (!box || !start) return false;
      const scrollable = box.scrollWidth > box.clientWidth + 1;
      figure.classList.toggle('hb-scrollable', scrollable);
      if (scrollable) {
        const node = start.getBoundingClientRect();
        const frame = box.getBoundingClientRect();
        box.scrollLeft += node.left + node.width / 2 - (frame.left + frame.width / 2);
      }
      return true;
    };
    if (place()) continue;
    // The editor's preview: place it once the SVG arrives.
    const observer = new MutationObserver(() => {
      if (place()) observer.disconnect();
    });
    observer.observe(figure, { childList: true, subtree: true });
  }
}
