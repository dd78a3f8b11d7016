// The point the benchmark times the bare window to: its DOM is ready. The mark is read over
// WebDriver; the title, printed to stdout, when the window is launched directly.
document.addEventListener("DOMContentLoaded", () => {
  performance.mark("ds-ready");
  document.title = `ds-ready ${performance.timeOrigin + performance.getEntriesByName("ds-ready").at(-1).startTime}`;
});
