//! `mattrathan-xlsx-worker`: the spreadsheet worker (`ui::xlsx`), the one wasm that carries the spreadsheet crates
//! (`calamine`, `rust_xlsxwriter`). Not a page: built beside each page that imports or exports an `.xlsx`
//! (`Bundle::WORKERS`, a `data-type="worker"` link in its HTML) and loaded only when a workbook is read or written.
#[cfg(target_arch = "wasm32")]
fn main() {
    mattrathan::ui::serve_xlsx_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This binary is the browser app's spreadsheet worker (see README.md).");
    std::process::exit(2);
}
