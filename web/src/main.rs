//! The browser front end: installs the panic hook (`crash.rs`) and mounts the app on the page body (not in the
//! analysis worker). See `lib.rs` for the components.

fn main() {
    // The analysis worker (web/worker.js) loads this same module: it has no window, and renders nothing.
    if web_sys::window().is_some() {
        talos_ext_web::crash::install();
        yew::Renderer::<talos_ext_web::App>::new().render();
    }
}
