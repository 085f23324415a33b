//! VK Workspace desktop entry point: hands over to the library's `run`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    vk_workspace_lib::run();
}
