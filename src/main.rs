//! `mattrathan-web`: the browser app. Trunk builds this binary for wasm32 (index.html selects it with `data-bin`);
//! the UI code lives in [`ui`]. On a native target it only says how to run the app.

#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("mattrathan-web is the browser app: build and serve it with `bash .ci/serve` (see README.md).");
    std::process::exit(2);
}
