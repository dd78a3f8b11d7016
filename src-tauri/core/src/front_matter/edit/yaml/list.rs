//! A block list edited item by item: the lines of the items that stay (with their comments)
//! and the comment lines between items are kept as written; only the lines of items removed
//! go, and only those of items added are written.

use crate::front_matter::parse::yaml_value;
use crate::front_matter::Value;

/// Past this many item pairs to align, the list is written again whole instead.
const MAX_ALIGNED_PAIRS: usize = 100_000;

/// The lines under the key for the list `items`, given the old lines `below` (items at
/// `indent`, one line each, comment and blank lines between them); `item_line` writes a new
/// item's line without its ending. `None` when the old lines are not such a list.
pub(super) fn merge(
    below: &str,
    indent: &str,
    items: &[Value],
    item_line: impl Fn(&Value) -> String,
    le: &str,
) -> Option<String> {
    let lines: Vec<Line> = below
        .split_inclusive('\n')
        .map(|line| read_line(line, indent))
        .collect::<Option<_>>()?;
    let old: Vec<&Value> = lines.iter().filter_map(|l| l.item.as_ref()).collect();
    if items.is_empty() || old.len().saturating_mul(items.len()) > MAX_ALIGNED_PAIRS {
        return None;
    }
    let kept = aligned(&old, items);
    let mut out = String::with_capacity(below.len());
    let (mut old_index, mut next_new) = (0, 0);
    for line in &lines {
        if line.item.is_none() {
            out.push_str(line.text);
            continue;
        }
        if let Some(new_index) = kept[old_index] {
            // New items that come before this one go in just above it.
            for item in &items[next_new..new_index] {
                out.push_str(&item_line(item));
                out.push_str(le);
            }
            out.push_str(line.text);
            next_new = new_index + 1;
        }
        old_index += 1;
    }
    for item in &items[next_new..] {
        out.push_str(&item_line(item));
        out.push_str(le);
    }
    Some(out)
}

struct Line<'a> {
    text: &'a str,
    /// The item's value; `None` for a comment or blank line.
    item: Option<Value>,
}

/// A line of the list: an item written on one line, or a comment or blank line. `None` for
/// anything else (an item's continuation, a nested block).
fn read_line<'a>(text: &'a str, indent: &str) -> Option<Line<'a>> {
    let content = text.trim_end_matches(['\r', '\n']);
    let body = content.trim_start_matches([' ', '\t']);
    if body.is_empty() || body.starts_with('#') {
        return Some(Line { text, item: None });
    }
    let after_dash = content.strip_prefix(indent)?.strip_prefix('-')?;
    if !(after_dash.is_empty() || after_dash.starts_with([' ', '\t'])) {
        return None;
    }
    let (value, _) = super::split_comment(after_dash);
    let value = value.trim();
    // A nested list or map item, or one that goes on below, is not a one-line item.
    if value.is_empty() || value.starts_with(['-', '|', '>']) || value.contains(": ") {
        return None;
    }
    let item = yaml_value(value).ok()?;
    Some(Line { text, item: Some(item) })
}

/// For each old item, the index of the new item it stays as (a longest common subsequence),
/// or `None` when it is removed.
fn aligned(old: &[&Value], new: &[Value]) -> Vec<Option<usize>> {
    let (n, m) = (old.len(), new.len());
    // common[i][j]: the longest common run of old[i..] and new[j..].
    let mut common = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if *old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut kept = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if *old[i] == new[j] {
            kept[i] = Some(j);
            i += 1;
            j += 1;
        } else if common[i + 1][j] >= common[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}
