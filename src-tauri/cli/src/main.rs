//! `draftsmith-cli`: the headless command line over draftsmith-core.
//!
//! Exit codes: 0 when all went well, 1 for a problem with the input or the posts (reported on
//! stderr as `draftsmith-cli: <message naming the file>`), 2 for usage errors (from clap).

mod create;
mod edit;
mod listing;
mod output;
mod publish;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "draftsmith-cli",
    version,
    about = "Work with a folder of Markdown posts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the posts, newest first.
    List {
        /// The workspace folder (default: the current folder).
        dir: Option<PathBuf>,
        /// Print one JSON array of post summaries.
        #[arg(long)]
        json: bool,
        /// Only drafts (and posts whose front matter cannot be read: they are not published).
        #[arg(long, conflicts_with = "published")]
        drafts: bool,
        /// Only published posts.
        #[arg(long)]
        published: bool,
    },
    /// Create a post and print its path.
    New {
        title: String,
        /// Where to put it (default: content/posts if it exists, else the folder of the newest
        /// post, as the app does).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// The front-matter format (default: the one most posts here use); a site's
        /// archetypes/default.md keeps its own.
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
    /// Mark posts as drafts, published, or flip them.
    Draft {
        #[arg(value_enum)]
        state: DraftState,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Set a front-matter key; VALUE is read as a YAML flow value (true, 3, 2025-09-16, [a, b]).
    Set {
        file: PathBuf,
        key: String,
        /// May start with a hyphen (`weight -1`).
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Remove a front-matter key (a failure when the post has no such key).
    Unset { file: PathBuf, key: String },
    /// Print the front matter (or one key) as JSON.
    Get { file: PathBuf, key: Option<String> },
    /// Print the preview HTML fragment of a post.
    Render { file: PathBuf },
    /// Export a post to a standalone page, or a folder to a site.
    Export {
        /// A post file or a workspace folder.
        source: PathBuf,
        /// The HTML file (for a post) or the output folder (for a folder).
        #[arg(short, long)]
        output: PathBuf,
        /// Include drafts in a site export (a single post is always exported).
        #[arg(long)]
        drafts: bool,
        /// Export a site into a folder holding files no earlier export wrote (pages replace
        /// files of the same name, such as its index.html).
        #[arg(long)]
        force: bool,
    },
    /// Report every post's problems, one per line.
    Check { dir: Option<PathBuf> },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Yaml,
    Toml,
}

#[derive(Clone, Copy, ValueEnum)]
enum DraftState {
    On,
    Off,
    Toggle,
}

/// How a command ended when it did not fail outright.
enum Outcome {
    Done,
    /// Problems were found and already reported (some files failed, `check` found some).
    Problems,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli.command) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::FAILURE,
        Err(error) => {
            output::report(&error);
            ExitCode::FAILURE
        }
    };
    match output::stdout_error() {
        Some(message) => {
            output::report(&message);
            ExitCode::FAILURE
        }
        None => code,
    }
}

fn run(command: Command) -> draftsmith_core::Result<Outcome> {
    let dir_or_here = |dir: Option<PathBuf>| dir.unwrap_or_else(|| PathBuf::from("."));
    match command {
        Command::List {
            dir,
            json,
            drafts,
            published,
        } => {
            let filter = match (drafts, published) {
                (true, _) => listing::Filter::Drafts,
                (_, true) => listing::Filter::Published,
                _ => listing::Filter::All,
            };
            listing::list(&dir_or_here(dir), json, filter)
        }
        Command::New { title, dir, format } => create::new_post(&title, dir.as_deref(), format),
        Command::Draft { state, files } => Ok(edit::draft(state, &files)),
        Command::Set { file, key, value } => edit::set(&file, &key, &value),
        Command::Unset { file, key } => edit::unset(&file, &key),
        Command::Get { file, key } => edit::get(&file, key.as_deref()),
        Command::Render { file } => publish::render(&file),
        Command::Export {
            source,
            output,
            drafts,
            force,
        } => publish::export(&source, &output, drafts, force),
        Command::Check { dir } => listing::check(&dir_or_here(dir)),
    }
}
