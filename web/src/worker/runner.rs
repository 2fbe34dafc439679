//! Runs the analysis of the session: small sessions right away on the page's thread, large ones in a web worker
//! (`web/worker.js`, the same wasm module) so that the page never freezes, with the size shown while it works.
//!
//! Every run gets a number; only the newest run's report is shown, so a stale result never overwrites a newer one.
//! While the worker is busy, further requests wait in a one-place queue (a newer one replaces an older one). If the
//! worker cannot start or fails, the analysis falls back to the page's thread and says so.

use std::cell::RefCell;
use std::rc::Rc;

use talos_ext_analyzer::{analyze, Options, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::prelude::*;

use super::{api, wire};
use crate::browser::later;
use crate::model::session::Session;

/// Sessions of at least this many bytes are analysed in the worker (a 2,000-node table is about 440 KB).
pub const WORKER_MIN_BYTES: usize = 256 * 1024;

/// Said when the worker cannot be used.
pub const FALLBACK_NOTE: &str =
    "The background analyser could not start: large inputs are analysed on the page and may freeze it briefly.";

// The views take the report as an `Rc<Report>` prop, and Yew compares props on every render of their parent. `Rc`'s
// `==` checks the pointer first only when the type is `Eq`; otherwise it compared whole reports (10,000 nodes) each
// time. This stops the build if the report ever loses `Eq`.
const _: fn() = || {
    fn pointer_first<T: Eq>() {}
    pointer_first::<Report>();
};

/// The analysis as the views see it.
#[derive(Clone, PartialEq)]
pub struct Analysis {
    /// The newest finished report.
    pub report: Rc<Report>,
    /// The size in bytes of the session being analysed in the worker, while it works.
    pub busy: Option<usize>,
    /// Set when the worker could not be used.
    pub note: Option<&'static str>,
}

/// Once the browser is idle after the first paint, analyses nothing, for the browser to compile the analysis
/// (it compiles each function of the wasm on its first call): the first paste then need not wait for it.
fn warm_up() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let analyse_nothing = Closure::once_into_js(|| {
        analyze(&[], &Options::default());
    });
    // Without idle callbacks (Safari) the first analysis compiles it, as before.
    let _ = window.request_idle_callback(analyse_nothing.unchecked_ref());
}

/// The setters the worker's answers reach.
#[derive(Clone)]
struct Setters {
    report: UseStateSetter<Rc<Report>>,
    /// The session the report is of.
    analysed: UseStateSetter<Session>,
    busy: UseStateSetter<Option<usize>>,
    note: UseStateSetter<Option<&'static str>>,
}

#[derive(Default)]
struct Runner {
    worker: Option<Worker>,
    failed: bool,
    /// The number of the newest run.
    newest: u64,
    /// The run the worker is working on.
    in_flight: Option<(u64, Session)>,
    /// The run waiting for the worker.
    queued: Option<(u64, Session)>,
    /// Kept alive as long as the worker.
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    /// The first render analysed the session already (a small one): the first effect has nothing to do.
    analysed_first: bool,
}

type Shared = Rc<RefCell<Runner>>;

/// The analysis of `session`, rerun whenever it changes.
#[hook]
pub fn use_analysis(session: &Session) -> Analysis {
    // A small session (a restored one, or empty) is analysed for the first render itself; a large one starts from
    // the empty report and goes to the worker in the effect, so that the page shows before it is done.
    let small = session.size() < WORKER_MIN_BYTES;
    let report = use_state({
        let session = session.clone();
        move || {
            Rc::new(if small {
                session.analyse()
            } else {
                Session::default().analyse()
            })
        }
    });
    let analysed = use_state(|| {
        if small {
            session.clone()
        } else {
            Session::default()
        }
    });
    let busy = use_state(|| None);
    let note = use_state(|| None);
    let runner: Shared = use_mut_ref(|| Runner {
        analysed_first: small,
        ..Runner::default()
    });
    let setters = Setters {
        report: report.setter(),
        analysed: analysed.setter(),
        busy: busy.setter(),
        note: note.setter(),
    };
    // An empty page did not run the analysis for its first render (see `Session::analyse`): compile it while the user reads.
    let empty_start = small && session.is_empty();
    use_effect_with((), move |_| {
        if empty_start {
            warm_up();
        }
    });
    // Only what the analysis reads: a change of the view settings (group by) is no reason to analyse again.
    {
        let session = session.clone();
        use_effect_with(
            (session.inputs.clone(), session.talos_version.clone()),
            move |_| run(&runner, &setters, &session),
        );
    }
    // Between a change and the effect that sends it to the worker, the views already have the new session: the
    // report is then not of it, and they must not say it is.
    let pending = (!same_analysis(&analysed, session) && session.size() >= WORKER_MIN_BYTES)
        .then(|| session.size());
    Analysis {
        report: (*report).clone(),
        busy: busy.or(pending),
        note: *note,
    }
}

/// Whether the analysis of `a` is the analysis of `b` (the same inputs and Talos version).
fn same_analysis(a: &Session, b: &Session) -> bool {
    a.inputs == b.inputs && a.talos_version == b.talos_version
}

fn run(runner: &Shared, setters: &Setters, session: &Session) {
    let mut r = runner.borrow_mut();
    if std::mem::take(&mut r.analysed_first) {
        return;
    }
    r.newest += 1;
    let id = r.newest;
    r.queued = None;
    let small = session.size() < WORKER_MIN_BYTES;
    if small || r.failed || !ensure_worker(&mut r, runner, setters) {
        let failed = r.failed;
        drop(r);
        if failed && !small {
            setters.note.set(Some(FALLBACK_NOTE));
        }
        setters.busy.set(None);
        setters.report.set(Rc::new(session.analyse()));
        setters.analysed.set(session.clone());
        return;
    }
    if r.in_flight.is_some() {
        r.queued = Some((id, session.clone()));
    } else if !post(&mut r, id, session.clone()) {
        drop(r);
        failed(runner, setters);
        return;
    }
    drop(r);
    setters.busy.set(Some(session.size()));
}

/// Starts the worker if it is not running; false when it cannot be started.
fn ensure_worker(r: &mut Runner, runner: &Shared, setters: &Setters) -> bool {
    if r.worker.is_some() {
        return true;
    }
    let Some(worker) = start_worker() else {
        give_up(r);
        return false;
    };
    let on_message = {
        let runner = runner.clone();
        let setters = setters.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            answered(&runner, &setters, e.unchecked_ref())
        })
    };
    let on_error = {
        let runner = runner.clone();
        let setters = setters.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| failed(&runner, &setters))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    r.handlers = vec![on_message, on_error];
    r.worker = Some(worker);
    true
}

/// Starts `worker.js` (beside `boot.js`) and tells it where the glue and the wasm are (the boot script's tag knows).
fn start_worker() -> Option<Worker> {
    let document = web_sys::window()?.document()?;
    let tag = document
        .query_selector("script[data-js][data-wasm]")
        .ok()??;
    let src = tag.get_attribute("src")?;
    let url = format!("{}worker.js", src.strip_suffix("boot.js")?);
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options).ok()?;
    let init = js_sys::Object::new();
    for key in ["js", "wasm"] {
        let value = tag.get_attribute(&format!("data-{key}"))?;
        js_sys::Reflect::set(&init, &key.into(), &value.into()).ok()?;
    }
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"init".into(), &init).ok()?;
    worker.post_message(&message).ok()?;
    Some(worker)
}

/// Sends run `id` to the worker; false when it could not be sent.
fn post(r: &mut Runner, id: u64, session: Session) -> bool {
    let message = js_sys::Object::new();
    let (request, buffers) = api::request(&session);
    let ok = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from_f64(id as f64)).is_ok()
        && js_sys::Reflect::set(&message, &"request".into(), &request).is_ok()
        && r.worker
            .as_ref()
            .is_some_and(|w| w.post_message_with_transfer(&message, &buffers).is_ok());
    r.in_flight = Some((id, session));
    ok
}

/// The worker answered `{ id, report }` (or `{ failed }` when it could not load the module).
fn answered(runner: &Shared, setters: &Setters, e: &MessageEvent) {
    let data = e.data();
    let field = |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let gave_up = runner.borrow().failed;
    if !field("failed").is_undefined() || gave_up {
        failed(runner, setters);
        return;
    }
    let id = field("id").as_f64().unwrap_or(0.0) as u64;
    let answer = field("report")
        .dyn_into::<js_sys::Uint8Array>()
        .map(|bytes| bytes.to_vec())
        .unwrap_or_default();
    let mut r = runner.borrow_mut();
    let finished = r.in_flight.take();
    if let Some((next, session)) = r.queued.take() {
        if !post(&mut r, next, session) {
            drop(r);
            failed(runner, setters);
            return;
        }
    }
    if id != r.newest {
        return; // stale: a newer run is queued or was analysed on this thread
    }
    drop(r);
    let session = finished.map(|(_, session)| session);
    read_report(runner.clone(), setters.clone(), id, session, answer);
}

/// Nodes of the worker's report read per task: a 10,000-node report read at once held the page for about 50 ms.
const NODES_PER_TASK: usize = 2_000;

/// Reads the worker's report across tasks (its nodes [`NODES_PER_TASK`] at a time), then shows it in a task of its
/// own; gives up as soon as a newer run started. A report that cannot be read is made again on this thread.
fn read_report(
    runner: Shared,
    setters: Setters,
    id: u64,
    session: Option<Session>,
    bytes: Vec<u8>,
) {
    let show = move |runner: &Shared, report: Option<Report>| {
        if runner.borrow().newest != id {
            return;
        }
        let report = report.or_else(|| session.as_ref().map(Session::analyse));
        if let (Some(report), Some(session)) = (report, session) {
            setters.report.set(Rc::new(report));
            setters.analysed.set(session);
        }
        setters.busy.set(None);
    };
    let Some(decoder) = wire::Decoder::start(bytes) else {
        return show(&runner, None);
    };
    read_nodes(runner, decoder, Box::new(show), id);
}

type Show = Box<dyn FnOnce(&Shared, Option<Report>)>;

fn read_nodes(runner: Shared, mut decoder: wire::Decoder, show: Show, id: u64) {
    if runner.borrow().newest != id {
        return;
    }
    match decoder.nodes(NODES_PER_TASK) {
        Some(false) => later(move || read_nodes(runner, decoder, show, id)),
        // The rest of the report in one task, the drawing of the results in the next.
        Some(true) => later(move || {
            let report = decoder.finish();
            later(move || show(&runner, report));
        }),
        None => show(&runner, None),
    }
}

/// The worker failed: stop using it and analyse the newest pending run here.
fn failed(runner: &Shared, setters: &Setters) {
    let mut r = runner.borrow_mut();
    let newest = r.newest;
    let pending = [r.queued.take(), r.in_flight.take()]
        .into_iter()
        .flatten()
        .find(|(id, _)| *id == newest);
    give_up(&mut r);
    drop(r);
    setters.note.set(Some(FALLBACK_NOTE));
    if let Some((_, session)) = pending {
        setters.report.set(Rc::new(session.analyse()));
        setters.analysed.set(session);
    }
    setters.busy.set(None);
}

/// Stops using the worker for good (the caller says so in the note).
fn give_up(r: &mut Runner) {
    r.failed = true;
    if let Some(worker) = r.worker.take() {
        worker.terminate();
    }
}
