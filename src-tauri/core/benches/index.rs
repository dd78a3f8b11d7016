//! Indexing a large workspace: `Workspace::scan` of 10,000 posts against the I/O floor of
//! reading the first 4 KB of each file, and `refresh` of one changed post.

use criterion::{criterion_group, criterion_main, Criterion};
use draftsmith_core::workspace::Workspace;
use std::fs;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};

// The allocator the app runs with (src-tauri/src/main.rs), so the bench measures its code as it runs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const POSTS: usize = 10_000;
const POSTS_PER_FOLDER: usize = 100;

/// A post of a few hundred words with the usual front matter; varied enough that no two
/// files are alike.
fn post_text(n: usize) -> String {
    let day = n % 28 + 1;
    let month = n % 12 + 1;
    let draft = n.is_multiple_of(7);
    let mut text = format!(
        "---\ntitle: \"Field note number {n}\"\ndate: 2024-{month:02}-{day:02}T09:{min:02}:00-05:00\ndraft: {draft}\ntags: [\"notes\", \"tag{tag}\"]\ncategories: [\"Journal\"]\n---\n\n## Section\n\n",
        min = n % 60,
        tag = n % 40,
    );
    for paragraph in 0..6 {
        for word in 0..60 {
            text.push_str(
                ["river", "stone", "maple", "lantern", "orbit"][(n + paragraph + word) % 5],
            );
            text.push(' ');
        }
        text.push_str("\n\n");
    }
    text
}

fn write_site(root: &Path) -> Vec<PathBuf> {
    (0..POSTS)
        .map(|n| {
            let folder = root.join(format!("posts/batch-{:03}", n / POSTS_PER_FOLDER));
            fs::create_dir_all(&folder).expect("create a folder in the temp dir");
            let path = folder.join(format!("note-{n:05}.md"));
            fs::write(&path, post_text(n)).expect("write a post in the temp dir");
            path
        })
        .collect()
}

/// The floor any index has to pay: open each file and read its first 4 KB.
fn read_heads(paths: &[PathBuf]) -> usize {
    let mut buffer = vec![0u8; 4096];
    paths
        .iter()
        .filter_map(|path| fs::File::open(path).ok())
        .filter_map(|mut file| file.read(&mut buffer).ok())
        .sum()
}

fn index(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let paths = write_site(dir.path());
    let mut group = c.benchmark_group("index_10k_posts");
    group.sample_size(10);

    group.bench_function("baseline_read_first_4k", |b| {
        b.iter(|| black_box(read_heads(&paths)))
    });
    group.bench_function("workspace_scan", |b| {
        b.iter(|| black_box(Workspace::scan(dir.path()).expect("scan the temp dir")))
    });

    let mut workspace = Workspace::scan(dir.path()).expect("scan the temp dir");
    let changed = "posts/batch-042/note-04242.md";
    fs::write(dir.path().join(changed), post_text(1) + "One more line.\n").expect("edit a post");
    group.bench_function("refresh_one_changed_post", |b| {
        b.iter(|| black_box(workspace.refresh(changed)))
    });
    group.finish();
}

criterion_group!(benches, index);
criterion_main!(benches);
