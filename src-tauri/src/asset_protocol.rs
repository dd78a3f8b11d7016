//! The preview's pictures: `asset://localhost/<percent-encoded path>`, the URL Tauri's
//! `convertFileSrc` makes (`commands::editing` gives a post's images this base). Tauri's own
//! asset protocol serves whatever its scope allows, and a scope only ever grows: every folder
//! opened in a session stayed readable to the posts of the next one (a post names any file by
//! its `asset:` URL, or climbs to it with `../`). This one serves files of the workspace open
//! now only, confined as every path from the page is (no `..` out, no symlink out), and no
//! hidden file or folder (`.git`, `.env`), which Tauri's scope kept out too.

use crate::state::AppState;
use draftsmith_core::paths;
use std::path::{Path, PathBuf};
use tauri::http::{header, Method, Request, Response, StatusCode};
use tauri::utils::mime_type::MimeType;
use tauri::{Builder, Manager, Runtime};

pub const SCHEME: &str = "asset";

/// The biggest file served: a picture is a few megabytes, and a file is read whole.
const MAX_PICTURE_BYTES: u64 = 256 * 1024 * 1024;

pub fn register<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.register_asynchronous_uri_scheme_protocol(SCHEME, |ctx, request, responder| {
        let respond = answer(&ctx.app_handle().state::<AppState>(), &request);
        // A big picture is read off the shell's main loop.
        tauri::async_runtime::spawn_blocking(move || responder.respond(respond()));
    })
}

/// Reads one request against the workspace open now; the returned closure reads the file
/// and makes the response.
pub fn answer(state: &AppState, request: &Request<Vec<u8>>) -> impl FnOnce() -> Response<Vec<u8>> + Send + 'static {
    let file = match (request.method(), state.root()) {
        (&Method::GET, Ok(root)) => served_file(&root, request.uri().path()).ok_or(StatusCode::FORBIDDEN),
        (&Method::GET, Err(_)) => Err(StatusCode::FORBIDDEN),
        _ => Err(StatusCode::METHOD_NOT_ALLOWED),
    };
    move || {
        let read = file.and_then(|file| {
            // The size is checked before reading: the file is read whole.
            match std::fs::metadata(&file) {
                Ok(meta) if meta.len() > MAX_PICTURE_BYTES => return Err(StatusCode::PAYLOAD_TOO_LARGE),
                Ok(_) => {}
                Err(_) => return Err(StatusCode::NOT_FOUND),
            }
            std::fs::read(&file).map(|bytes| (file, bytes)).map_err(|_| StatusCode::NOT_FOUND)
        });
        let response = match read {
            Ok((file, bytes)) => Response::builder()
                .header(header::CONTENT_TYPE, MimeType::parse(&bytes, &file.to_string_lossy()))
                .body(bytes),
            Err(status) => Response::builder().status(status).body(Vec::new()),
        };
        response.unwrap_or_default()
    }
}

/// The file a request's path names (percent-decoded, as `convertFileSrc` encoded it) when it
/// is a file inside `root` and nothing on the way is hidden.
fn served_file(root: &Path, uri_path: &str) -> Option<PathBuf> {
    let encoded = uri_path.strip_prefix('/').unwrap_or(uri_path);
    let decoded = percent_encoding::percent_decode_str(encoded).decode_utf8().ok()?;
    let path = Path::new(decoded.as_ref());
    // A relative one would be looked up from the folder the app was started in.
    if !path.is_absolute() {
        return None;
    }
    let rel = paths::relative(root, path)?;
    if rel.is_empty() || rel.split('/').any(|name| name.starts_with('.')) {
        return None;
    }
    let file = paths::resolve(root, &rel).ok()?;
    file.is_file().then_some(file)
}

#[cfg(test)]
mod tests {
    use super::answer;
    use crate::dialogs::Dialogs;
    use crate::state::{AppState, OpenWorkspace};
    use draftsmith_core::workspace::Workspace;
    use std::path::Path;
    use tauri::http::{Method, Request, StatusCode};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn open(state: &AppState, root: &Path) {
        let workspace = Workspace::scan(root).unwrap();
        state.replace(OpenWorkspace { workspace, own_writes: Default::default(), watcher: Err(String::new()), watch_failed: Default::default() });
    }

    /// The URL the preview gives a file, as `convertFileSrc` encodes it.
    fn url_of(file: &Path) -> String {
        let encoded = percent_encoding::utf8_percent_encode(file.to_str().unwrap(), percent_encoding::NON_ALPHANUMERIC);
        format!("asset://localhost/{encoded}")
    }

    fn get(state: &AppState, url: &str) -> (StatusCode, Vec<u8>) {
        let request = Request::builder().method(Method::GET).uri(url).body(Vec::new()).unwrap();
        let response = answer(state, &request)();
        (response.status(), response.body().clone())
    }

    #[test]
    fn only_the_open_workspace_is_served_and_nothing_leads_out_of_it() {
        let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (first, second) = (first.path().canonicalize().unwrap(), second.path().canonicalize().unwrap());
        for root in [&first, &second] {
            std::fs::create_dir_all(root.join("posts/.git")).unwrap();
            std::fs::write(root.join("posts/a.md"), "---\ntitle: A\n---\n").unwrap();
            std::fs::write(root.join("posts/pic.png"), PNG).unwrap();
            std::fs::write(root.join("posts/.git/config"), "[remote]").unwrap();
        }
        let state = AppState::new(Dialogs::Native, None);
        assert_eq!(get(&state, &url_of(&first.join("posts/pic.png"))).0, StatusCode::FORBIDDEN, "no folder open");
        open(&state, &first);
        open(&state, &second);
        let (status, body) = get(&state, &url_of(&second.join("posts/pic.png")));
        assert_eq!((status, body.as_slice()), (StatusCode::OK, PNG));
        let request = Request::builder().uri(url_of(&second.join("posts/pic.png"))).body(Vec::new()).unwrap();
        let response = answer(&state, &request)();
        assert_eq!(response.headers()["content-type"], "image/png");

        #[cfg(unix)]
        std::os::unix::fs::symlink(first.join("posts/pic.png"), second.join("posts/link.png")).unwrap();
        let escapes = [
            // The folder open before.
            url_of(&first.join("posts/pic.png")),
            // Climbing out of the one open now, spelt in the path or encoded.
            format!("{}/..%2F..%2F..%2F{}", url_of(&second.join("posts")), url_of(&first.join("posts/pic.png")).trim_start_matches("asset://localhost/%2F")),
            #[cfg(unix)]
            url_of(&second.join("posts/link.png")),
            // Hidden files, the folder itself, files that are not there.
            url_of(&second.join("posts/.git/config")),
            url_of(&second.join("posts")),
            url_of(&second.join("posts/missing.png")),
        ];
        for url in escapes {
            assert_ne!(get(&state, &url).0, StatusCode::OK, "{url}");
        }
        let post = Request::builder().method(Method::POST).uri(url_of(&second.join("posts/pic.png"))).body(Vec::new()).unwrap();
        assert_eq!(answer(&state, &post)().status(), StatusCode::METHOD_NOT_ALLOWED);
    }

    /// A path that is not absolute (a picture's `../` climbing above the folder's URL) names
    /// no file: it was looked up from the folder the app was started in, which served another
    /// picture of the workspace when the app was started in it.
    #[test]
    fn a_path_that_is_not_absolute_is_not_taken_from_where_the_app_started() {
        let root = std::env::current_dir().unwrap().canonicalize().unwrap();
        assert!(root.join("Cargo.toml").is_file(), "tests run in the package's folder");
        assert!(super::served_file(&root, &url_of(&root.join("Cargo.toml")).replace("asset://localhost", "")).is_some());
        assert_eq!(super::served_file(&root, "/Cargo.toml"), None);
    }

    /// A file far too big for a picture (a video, a disk image named in a post) is refused
    /// unread: read whole, it took that much memory on every render that showed it.
    #[test]
    fn a_file_too_big_for_a_picture_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.md"), "![disk](disk.png)\n").unwrap();
        std::fs::File::create(root.join("disk.png")).unwrap().set_len(super::MAX_PICTURE_BYTES + 1).unwrap();
        let state = AppState::new(Dialogs::Native, None);
        open(&state, &root);
        assert_eq!(get(&state, &url_of(&root.join("disk.png"))).0, StatusCode::PAYLOAD_TOO_LARGE);
    }
}
