//! Writes a generated site for benchmarks: `corpus DIR [POSTS] [SEED]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: corpus DIR [POSTS] [SEED]");
        std::process::exit(2);
    };
    let posts = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let seed = args.next().and_then(|n| n.parse().ok()).unwrap_or(7);
    if let Err(e) = draftsmith_core::corpus::write_site(std::path::Path::new(&dir), posts, seed) {
        eprintln!("corpus: {e}");
        std::process::exit(1);
    }
}
