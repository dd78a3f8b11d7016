//! The preview's synchronous channel: a custom URI scheme the page calls with a synchronous
//! XMLHttpRequest while it handles a keystroke, when the last render was cheap. The answer is
//! then patched in before the webview paints that keystroke, so the editor and the preview
//! change in the same frame. Through the asynchronous `render_preview` command the answer
//! arrived while the webview was painting the keystroke (slow software painting here), and it
//! showed one or two frames later. Requests and answers are those of `render_preview`, but a
//! render that would not be quick is refused with kind `not_quick`.

use crate::commands::editing::PreviewRequest;
use crate::error::{CommandError, CommandResult};
use crate::preview::PreviewUpdate;
use crate::state::AppState;
use tauri::http::{header, Method, Request, Response, StatusCode};
use tauri::{Builder, Manager, Runtime};

/// The page reaches it at `dspreview://localhost/` (`http://dspreview.localhost/` on Windows).
pub const SCHEME: &str = "dspreview";

pub fn register<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.register_asynchronous_uri_scheme_protocol(SCHEME, |ctx, request, responder| {
        // Only quick renders are done here (a slower one is refused, and the window asks the
        // usual way), so they run on the shell's main loop: handing them to other threads
        // and back cost more than the render.
        let render = answer(&ctx.app_handle().state::<AppState>(), &request);
        responder.respond(render());
    })
}

/// Reads one request; the returned closure renders (only quickly) and makes the response.
pub fn answer(state: &AppState, request: &Request<Vec<u8>>) -> impl FnOnce() -> Response<Vec<u8>> + Send + 'static {
    let render = if request.method() == Method::POST {
        serde_json::from_slice::<PreviewRequest>(request.body())
            .map_err(|e| CommandError::new("invalid_value", format!("not a preview request: {e}")))
            .map(|r| r.prepare(state, true))
    } else {
        Err(CommandError::new("invalid_value", "the preview protocol takes POST requests"))
    };
    move || response(render.and_then(|render| render()))
}

fn response(result: CommandResult<PreviewUpdate>) -> Response<Vec<u8>> {
    let (status, body) = match result {
        Ok(update) => (StatusCode::OK, serde_json::to_vec(&update)),
        Err(e) if e.kind == "internal" => (StatusCode::INTERNAL_SERVER_ERROR, serde_json::to_vec(&e)),
        Err(e) => (StatusCode::BAD_REQUEST, serde_json::to_vec(&e)),
    };
    let body = body.unwrap_or_default();
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        // The page's origin is tauri://localhost, not this scheme's.
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(body)
        .unwrap_or_else(|_| Response::new(Vec::new()))
}
