//! A fixture for the IPC tests: a temporary workspace, the app on Tauri's mock runtime, and a
//! `call` that goes through the same invoke path the webview uses.

use draftsmith_app::dialogs::Dialogs;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;
use std::time::{Duration, Instant};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::{WebviewWindow, WebviewWindowBuilder};

pub struct Fixture {
    dir: tempfile::TempDir,
    answers: Vec<String>,
}

pub struct Ipc {
    _app: tauri::App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    fixture: Fixture,
}

/// Where the tests' folders go: the build's folder for test files, so runs leave nothing behind
/// in /tmp, and the workspaces and the trash share one file system (a delete is a rename).
fn test_files() -> &'static Path {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
}

/// Keep settings and the trash of the tests inside a temporary folder, not the user's.
fn isolate_user_folders() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let home = test_files().join(format!("ipc-user-folders-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        std::env::set_var("XDG_CONFIG_HOME", home.join("config"));
        std::env::set_var("XDG_DATA_HOME", home.join("data"));
    });
}

impl Fixture {
    pub fn new() -> Self {
        isolate_user_folders();
        Fixture { dir: tempfile::tempdir_in(test_files()).unwrap(), answers: Vec::new() }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    pub fn post(self, rel: &str, text: &str) -> Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Answers the scripted dialogs will give, in order ("" cancels).
    pub fn answers(mut self, answers: &[&str]) -> Self {
        self.answers.extend(answers.iter().map(|s| s.to_string()));
        self
    }

    /// A path outside the workspace for outputs.
    pub fn scratch(&self, rel: &str) -> PathBuf {
        self.dir.path().join("scratch").join(rel)
    }

    /// Start the app with the workspace given on the command line, and open it.
    pub fn start(self) -> Ipc {
        std::fs::create_dir_all(self.root()).unwrap();
        let folder = Some(self.root());
        let ipc = self.launch(folder);
        let ws = ipc.call("get_workspace", serde_json::json!({})).expect("workspace opens");
        assert!(ws.is_object(), "{ws}");
        ipc
    }

    /// Start the app with the workspace on the command line, without the page asking for it.
    /// The mock runtime never runs the event loop, so the setup hook's start-up read is
    /// started here as the hook would.
    pub fn launch_with_folder(self) -> Ipc {
        std::fs::create_dir_all(self.root()).unwrap();
        let folder = Some(self.root());
        let ipc = self.launch(folder);
        draftsmith_app::commands::workspace::open_at_startup(ipc._app.handle());
        ipc
    }

    pub fn start_without_folder(self) -> Ipc {
        self.launch(None)
    }

    fn launch(self, folder: Option<PathBuf>) -> Ipc {
        let answers = self.dir.path().join("answers");
        std::fs::write(&answers, self.answers.join("\n")).unwrap();
        // An identifier of its own gives each app its own settings and journal: the last
        // folder another test opened is not this app's.
        static APPS: AtomicUsize = AtomicUsize::new(0);
        let mut context = mock_context(noop_assets());
        context.config_mut().identifier = format!("app.draftsmith.test{}", APPS.fetch_add(1, Ordering::Relaxed));
        let app = draftsmith_app::build_app(mock_builder(), folder, Dialogs::Scripted(answers))
            .build(context)
            .expect("app builds");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
        Ipc { _app: app, webview, fixture: self }
    }
}

impl Ipc {
    /// Invoke a command with JSON arguments: `Ok(value)` or `Err({ kind, message })`.
    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|body| body.deserialize::<Value>().expect("JSON response"))
    }

    /// Send `body` to the preview's synchronous protocol as the page does: `(status, JSON)`.
    pub fn preview_protocol(&self, method: &str, body: Value) -> (u16, Value) {
        use tauri::Manager;
        let request = tauri::http::Request::builder()
            .method(method)
            .uri("dspreview://localhost/render")
            .body(serde_json::to_vec(&body).unwrap())
            .unwrap();
        let state = self._app.state::<draftsmith_app::state::AppState>();
        let response = draftsmith_app::preview_protocol::answer(&state, &request)();
        assert_eq!(response.headers()["access-control-allow-origin"], "*", "the page's origin is another scheme");
        (response.status().as_u16(), serde_json::from_slice(response.body()).expect("JSON response"))
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.fixture.root().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn scratch(&self, rel: &str) -> PathBuf {
        self.fixture.scratch(rel)
    }

    /// The page's next events (`next_page_events`), once some are waiting: the call itself
    /// would wait for them, and this thread is the one that must go on to cause them.
    pub fn next_page_events(&self) -> Value {
        use tauri::Manager;
        let queue = self._app.state::<draftsmith_app::page_events::PageEventQueue>();
        wait_for(|| queue.has_waiting().then_some(()));
        self.call("next_page_events", serde_json::json!({})).expect("events")
    }

    /// What the scripted dialogs were asked so far (`{ kind, title, message }` each).
    #[allow(dead_code)]
    pub fn dialogs_asked(&self) -> Vec<Value> {
        let log = std::fs::read_to_string(self.fixture.dir.path().join("answers.log")).unwrap_or_default();
        log.lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect()
    }

    /// The app, for a test that runs a command itself, step by step.
    #[allow(dead_code)]
    pub fn app(&self) -> &tauri::App<MockRuntime> {
        &self._app
    }

    #[allow(dead_code)]
    pub fn root(&self) -> &Path {
        self.fixture.dir.path()
    }
}

/// Poll until `f` gives a value; panics after a generous 10 s (the watcher debounces ~200 ms).
pub fn wait_for<T>(mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting");
        std::thread::sleep(Duration::from_millis(50));
    }
}
