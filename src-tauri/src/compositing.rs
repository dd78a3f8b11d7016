//! WebKit composites the page with OpenGL. On a machine with no GPU (a virtual machine, a remote
//! desktop, a display served by Xvfb) that OpenGL is Mesa's software rasteriser, llvmpipe: the
//! web process then held ~95 MB more with the app's page open (compositing buffers and the
//! rasteriser's state) for a picture that WebKit paints as well on the CPU without compositing.
//! So on such a machine the app asks WebKit to paint without it, as WebKit's own
//! `WEBKIT_DISABLE_COMPOSITING_MODE` does; a machine with a GPU keeps WebKit's default.

use std::path::Path;

/// WebKit reads it when the web view is made; its processes inherit it. Set to `0`, WebKit
/// composites as usual, so a user can still turn compositing back on.
pub const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether `dri` (the system's `/dev/dri`) holds a render node (`renderD128`, ...): the device
/// through which a GPU renders. Display-only devices (`card0`) do not count.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries.flatten().any(|entry| entry.file_name().as_encoded_bytes().starts_with(b"renderD"))
    })
}

/// Whether to turn compositing off: only with no GPU, and never over the user's own choice
/// (the variable already set, to anything).
pub fn should_turn_off(variable_set: bool, has_gpu: bool) -> bool {
    !variable_set && !has_gpu
}

/// Turns compositing off on a machine with no GPU. Called first in `run`, before any thread or
/// web process exists: setting the environment while another thread reads it is a data race.
pub fn turn_off_without_gpu() {
    if cfg!(target_os = "linux")
        && should_turn_off(std::env::var_os(VARIABLE).is_some(), has_render_node(Path::new("/dev/dri")))
    {
        std::env::set_var(VARIABLE, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_render_node_counts_as_a_gpu() {
        let dri = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dri.path()), "an empty folder");
        std::fs::write(dri.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dri.path()), "a display-only device");
        std::fs::write(dri.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dri.path()));
        assert!(!has_render_node(&dri.path().join("missing")), "no /dev/dri at all");
    }

    #[test]
    fn compositing_goes_off_only_without_a_gpu_and_without_the_users_choice() {
        assert!(should_turn_off(false, false));
        assert!(!should_turn_off(false, true), "a GPU keeps WebKit's default");
        assert!(!should_turn_off(true, false), "the user's setting stands");
        assert!(!should_turn_off(true, true));
    }
}
