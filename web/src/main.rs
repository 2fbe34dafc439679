//! The browser front end: installs the panic hook (`crash.rs`), then mounts the app on the page body. See `lib.rs` for the components.

fn main() {
    talos_ext_web::crash::install();
    yew::Renderer::<talos_ext_web::App>::new().render();
}
