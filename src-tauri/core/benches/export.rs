//! Exporting a generated site of 1,000 posts.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use draftsmith_core::corpus;
use draftsmith_core::export::{export_site, SiteOptions};
use std::time::Duration;

fn bench_export(c: &mut Criterion) {
    let site = tempfile::tempdir().expect("tempdir");
    corpus::write_site(site.path(), 1_000, 7).expect("generate site");
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("export_site_1000_posts", |b| {
        // Creating and deleting the output folder is setup, not export: keep it out of the timing.
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |out| {
                let report = export_site(
                    site.path(),
                    out.path(),
                    &SiteOptions::default(),
                    &mut |_, _| {},
                )
                .expect("export");
                (out, report)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
