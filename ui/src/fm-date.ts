// Front-matter dates <-> the browser's date pickers, keeping what the author wrote: the
// UTC offset, the date/time separator, whether seconds were written, and plain dates.
import type { FmDate } from "./types";

type DateParts = {
  date: string;
  separator: string;
  time: string | null;
  /** The offset as written, with any blanks before it (Jekyll's `" -0500"`). */
  offset: string;
};

const DATE_RE = /^(\d{4}-\d{2}-\d{2})(?:([Tt ])(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(\s*(?:Z|z|[+-]\d{2}(?::?\d{2})?))?)?$/;

export function parseDateParts(text: string): DateParts | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  return { date: m[1], separator: m[2] ?? "T", time: m[3] ?? null, offset: m[4] ?? "" };
}

export type PickerValue = { inputType: "date" | "datetime-local"; value: string; step: string };

/** What to put in the picker for a front-matter date. */
export function toPicker(fmDate: FmDate | null): PickerValue {
  if (!fmDate) return { inputType: "datetime-local", value: "", step: "60" };
  const parts = parseDateParts(fmDate.text);
  if (!parts) return { inputType: "datetime-local", value: "", step: "60" };
  if (fmDate.kind === "date" || parts.time === null) {
    return { inputType: "date", value: parts.date, step: "1" };
  }
  const hasSeconds = parts.time.length > 5;
  const time = pickerTime(parts.time);
  return { inputType: "datetime-local", value: `${parts.date}T${time}`, step: hasSeconds ? "1" : "60" };
}

/**
 * The front-matter date for a picker value, written the way the original was written.
 * Without an original, a new offset date-time in this machine's zone is made.
 */
export function fromPicker(original: FmDate | null, pickerValue: string, now = new Date()): FmDate | null {
  const value = pickerValue.trim();
  if (!value) return null;
  const picked = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2}(?:\.\d+)?))?)?$/.exec(value);
  if (!picked) return null;
  const [, date, hm, seconds] = picked;
  const parts = original ? parseDateParts(original.text) : null;

  if (original && (original.kind === "date" || !parts?.time)) {
    return { text: date, kind: "date" };
  }
  if (!hm) return { text: date, kind: "date" };

  const wroteSeconds = parts ? (parts.time ?? "").length > 5 : true;
  let time = seconds !== undefined || wroteSeconds ? `${hm}:${seconds ?? "00"}` : hm;
  // The time as the picker was given it: the digits it cannot hold are kept (only the day changed).
  if (parts?.time && sameTime(pickerTime(parts.time), time)) time = parts.time;
  if (parts && original) {
    return { text: `${date}${parts.separator}${time}${parts.offset}`, kind: original.kind };
  }
  return { text: `${date}T${time}${localOffset(date, hm, now)}`, kind: "offset_date_time" };
}

/** A time as the picker can hold it: milliseconds at most. */
function pickerTime(time: string): string {
  return time.replace(/(\.\d{1,3})\d*$/, "$1");
}

/** Whether two `HH:MM[:SS[.fff]]` times are the same instant of the day (the picker drops zero
 * seconds and trailing zeros). */
function sameTime(a: string, b: string): boolean {
  const norm = (t: string) => t.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "").replace(/^(\d{2}:\d{2}):00$/, "$1");
  return norm(a) === norm(b);
}

/** This machine's UTC offset at the given local date and time, as "+HH:MM". */
export function localOffset(date: string, hm: string, fallback: Date): string {
  const local = new Date(`${date}T${hm}:00`);
  const minutesEast = -(Number.isNaN(local.getTime()) ? fallback : local).getTimezoneOffset();
  const sign = minutesEast >= 0 ? "+" : "-";
  const abs = Math.abs(minutesEast);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
