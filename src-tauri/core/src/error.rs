//! One error type for the whole core. Every variant has a stable `kind()` string (the IPC layer
//! and the CLI's `--json` output rely on it) and a message that names the file involved.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not found", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: already exists", path.display())]
    AlreadyExists { path: PathBuf },
    /// The disk (or a quota or file-size limit) ran out while writing.
    #[error("{}: not enough disk space to write it (free some space and try again)", path.display())]
    DiskFull { path: PathBuf },
    #[error("{}: is not UTF-8 text{detail}", path.display())]
    NotUtf8 { path: PathBuf, detail: String },
    /// A listed file whose name is not valid UTF-8 (`path` shows it lossily): the app cannot
    /// name it to open or change it.
    #[error("{}: the file's name is not valid UTF-8; rename the file to use it in Draftsmith", path.display())]
    NameNotUtf8 { path: PathBuf },
    #[error("{}: looks like a binary file, not Markdown", path.display())]
    Binary { path: PathBuf },
    #[error("{}: {size} bytes is more than the {limit}-byte limit", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The front matter could not be split or parsed. `path` is empty when the text did not come
    /// from a file (the editor buffer).
    #[error("{}{message}", display_prefix(path))]
    FrontMatter { path: PathBuf, message: String },
    /// A value given for a key could not be used (CLI `set`, a form edit).
    #[error("{message}")]
    InvalidValue { message: String },
    /// The file on disk is not the revision the caller read: saving would overwrite someone
    /// else's change.
    #[error("{}: changed on disk since it was opened", path.display())]
    Conflict {
        path: PathBuf,
        disk_revision: String,
    },
    /// A path given over IPC or the CLI resolves outside the workspace root.
    #[error("{}: is outside the workspace", path.display())]
    OutsideWorkspace { path: PathBuf },
    #[error("{}: {message}", path.display())]
    Export { path: PathBuf, message: String },
}

fn display_prefix(path: &std::path::Path) -> String {
    if path.as_os_str().is_empty() {
        "front matter: ".to_string()
    } else {
        format!("{}: front matter: ", path.display())
    }
}

impl Error {
    /// A stable, machine-readable name for the kind of error.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::NotFound { .. } => "not_found",
            Error::AlreadyExists { .. } => "already_exists",
            Error::DiskFull { .. } => "disk_full",
            Error::NotUtf8 { .. } | Error::NameNotUtf8 { .. } => "not_utf8",
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too_large",
            Error::FrontMatter { .. } => "front_matter",
            Error::InvalidValue { .. } => "invalid_value",
            Error::Conflict { .. } => "conflict",
            Error::OutsideWorkspace { .. } => "outside_workspace",
            Error::Export { .. } => "export",
        }
    }

    /// An I/O error, turned into `NotFound` or `DiskFull` when that is what it is.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        use std::io::ErrorKind;
        let path = path.into();
        match source.kind() {
            ErrorKind::NotFound => Error::NotFound { path },
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
                Error::DiskFull { path }
            }
            _ => Error::Io { path, source },
        }
    }

    /// Attach a file name to a front-matter error raised on text alone.
    pub fn with_path(self, new_path: impl Into<PathBuf>) -> Self {
        match self {
            Error::FrontMatter { path, message } if path.as_os_str().is_empty() => {
                Error::FrontMatter {
                    path: new_path.into(),
                    message,
                }
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_kinds_are_stable() {
        let e = Error::io(
            "posts/a.md",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(e.kind(), "not_found");
        assert_eq!(e.to_string(), "posts/a.md: not found");
        let e = Error::FrontMatter {
            path: PathBuf::new(),
            message: "bad".into(),
        }
        .with_path("x.md");
        assert_eq!(e.to_string(), "x.md: front matter: bad");
        assert_eq!(e.kind(), "front_matter");
    }

    #[test]
    fn a_full_disk_is_named_as_such() {
        // ENOSPC, EDQUOT and EFBIG (a file-size limit) all mean the write did not fit.
        for errno in [28, 122, 27] {
            let e = Error::io("posts/a.md", std::io::Error::from_raw_os_error(errno));
            assert_eq!(e.kind(), "disk_full", "errno {errno}");
            assert!(
                e.to_string()
                    .starts_with("posts/a.md: not enough disk space"),
                "{e}"
            );
        }
    }
}
