import { describe, expect, it } from "vitest";
import { fromPicker, localOffset, toPicker } from "./fm-date";
import type { FmDate } from "./types";

const offsetDate: FmDate = { text: "2025-09-16T09:00:00-05:00", kind: "offset_date_time" };

describe("front-matter dates in the picker", () => {
  it("keeps the offset when the time is edited", () => {
    const picker = toPicker(offsetDate);
    expect(picker).toEqual({ inputType: "datetime-local", value: "2025-09-16T09:00:00", step: "1" });
    // The browser drops zero seconds from the picker's value.
    expect(fromPicker(offsetDate, "2025-09-16T10:30")).toEqual({
      text: "2025-09-16T10:30:00-05:00",
      kind: "offset_date_time",
    });
  });

  it("keeps Z, a space separator and the absence of seconds", () => {
    expect(fromPicker({ text: "2024-01-02T03:04Z", kind: "offset_date_time" }, "2024-01-03T05:06")?.text).toBe(
      "2024-01-03T05:06Z",
    );
    expect(fromPicker({ text: "2024-01-02 03:04:05", kind: "local_date_time" }, "2024-01-02T03:04:59")).toEqual({
      text: "2024-01-02 03:04:59",
      kind: "local_date_time",
    });
  });

  it("keeps the space before an offset (Jekyll's date format)", () => {
    const jekyll: FmDate = { text: "2025-09-16 09:00:00 -0500", kind: "offset_date_time" };
    expect(toPicker(jekyll).value).toBe("2025-09-16T09:00:00");
    expect(fromPicker(jekyll, "2025-09-17T09:00")).toEqual({ text: "2025-09-17 09:00:00 -0500", kind: "offset_date_time" });
  });

  it("keeps digits of a second past the picker's milliseconds when only the day changes", () => {
    const nano: FmDate = { text: "2025-09-16T09:00:00.123456789-05:00", kind: "offset_date_time" };
    const picker = toPicker(nano);
    expect(picker.value).toBe("2025-09-16T09:00:00.123");
    expect(fromPicker(nano, picker.value.replace("16T", "17T"))?.text).toBe("2025-09-17T09:00:00.123456789-05:00");
    // A time picked anew is written as picked.
    expect(fromPicker(nano, "2025-09-16T09:00:01.123")?.text).toBe("2025-09-16T09:00:01.123-05:00");
  });

  it("keeps a plain date plain", () => {
    const plain: FmDate = { text: "2024-05-06", kind: "date" };
    expect(toPicker(plain)).toEqual({ inputType: "date", value: "2024-05-06", step: "1" });
    expect(fromPicker(plain, "2024-05-07")).toEqual({ text: "2024-05-07", kind: "date" });
  });

  it("makes a new offset date-time when the post had none", () => {
    const made = fromPicker(null, "2025-01-01T12:00", new Date());
    expect(made?.kind).toBe("offset_date_time");
    expect(made?.text).toMatch(/^2025-01-01T12:00:00[+-]\d{2}:\d{2}$/);
    expect(made?.text.endsWith(localOffset("2025-01-01", "12:00", new Date()))).toBe(true);
  });

  it("clears on an empty picker and ignores junk", () => {
    expect(fromPicker(offsetDate, "")).toBeNull();
    expect(fromPicker(offsetDate, "tomorrow")).toBeNull();
    expect(toPicker({ text: "not a date", kind: "date" }).value).toBe("");
  });
});
