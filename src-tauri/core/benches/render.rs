//! Rendering a 1 MB generated post: pulldown-cmark alone (the baseline), our full pipeline
//! cold, and the incremental `Renderer` after a one-character edit.

use criterion::{criterion_group, criterion_main, Criterion};
use draftsmith_core::corpus;
use draftsmith_core::render::{render, RenderOptions, Renderer};
use std::hint::black_box;
use std::time::Duration;

// The allocator the app runs with (src-tauri/src/main.rs), so the bench measures its code as it runs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn one_char_edits(text: &str) -> [String; 2] {
    let at = text.len() / 2;
    let at = (at..text.len()).find(|&i| text[i..].starts_with(' ')).unwrap_or(at);
    let mut a = text.to_string();
    a.insert(at, 'x');
    let mut b = text.to_string();
    b.insert(at, 'y');
    [a, b]
}

fn bench_render(c: &mut Criterion) {
    let text = corpus::post(42, 1_000_000);
    let mut group = c.benchmark_group("render_1mb");
    group.sample_size(10).measurement_time(Duration::from_secs(3));

    group.bench_function("pulldown_cmark_push_html", |b| {
        b.iter(|| {
            let parser = pulldown_cmark::Parser::new_ext(black_box(&text), pulldown_cmark::Options::all());
            let mut html = String::with_capacity(text.len() * 2);
            pulldown_cmark::html::push_html(&mut html, parser);
            html
        })
    });

    group.bench_function("render_cold", |b| b.iter(|| render(black_box(&text))));

    let edits = one_char_edits(&text);
    let opts = RenderOptions::default();
    let mut renderer = Renderer::new();
    renderer.render_with(&edits[0], &opts);
    let mut turn = 0;
    group.bench_function("renderer_after_one_char_edit", |b| {
        b.iter(|| {
            turn ^= 1;
            renderer.render_with(black_box(&edits[turn]), &opts)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
