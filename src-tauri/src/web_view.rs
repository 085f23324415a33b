//! How the window's web view paints on Linux: without GPU compositing, unless `VK_WORKSPACE_GPU=1` asks for it.
//!
//! WebKitGTK's accelerated compositing costs this app about 80 MB of memory (measured under Xvfb: 512 MB idle with
//! it, 427 MB without; see docs/performance.md) and, on some GPU drivers and virtual machines, leaves the window
//! blank. These screens are forms, lists and text with no animation: software painting keeps them smooth, the
//! large-answer tree included.

pub fn configure(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    if std::env::var_os("VK_WORKSPACE_GPU").is_none() {
        window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        })?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
    Ok(())
}
