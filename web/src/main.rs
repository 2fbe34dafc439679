//! The browser front end: mounts the app on the page body. See `lib.rs` for the components.

fn main() {
    yew::Renderer::<talos_ext_web::App>::new().render();
}
