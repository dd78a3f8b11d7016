//! Writes generated posts for benchmarks:
//! `corpus DIR [POSTS] [SEED]` a site of POSTS posts under DIR/posts/;
//! `corpus --post FILE BYTES [SEED]` one post of at least BYTES bytes (the typing benchmarks).

use std::path::Path;

const USAGE: &str = "usage: corpus DIR [POSTS] [SEED] | corpus --post FILE BYTES [SEED]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: u64| args.get(i).and_then(|n| n.parse().ok()).unwrap_or(default);
    let result = match args.first().map(String::as_str) {
        None => fail(USAGE),
        Some("--post") => {
            let Some(file) = args.get(1) else { fail(USAGE) };
            let bytes = number(2, 100_000) as usize;
            std::fs::write(file, draftsmith_core::corpus::post(number(3, 7), bytes))
                .map_err(|e| format!("{file}: {e}"))
        }
        Some(dir) => draftsmith_core::corpus::write_site(
            Path::new(dir),
            number(1, 1000) as usize,
            number(2, 7),
        )
        .map(|_| ())
        .map_err(|e| e.to_string()),
    };
    if let Err(e) = result {
        fail(&format!("corpus: {e}"));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2);
}
