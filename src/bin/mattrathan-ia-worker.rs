//! `mattrathan-ia-worker`: the item-analysis page's import worker (`ia.html` builds it with a `data-type="worker"`
//! link; `ui::item_analysis::worker`). Not a page: loaded by `ia.html` when a file is imported.
#[cfg(target_arch = "wasm32")]
fn main() {
    mattrathan::ui::serve_ia_import_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This binary is the item-analysis page's import worker, part of the browser app (see README.md).");
    std::process::exit(2);
}
