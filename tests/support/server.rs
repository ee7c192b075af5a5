//! A real HTTP server (hyper) on 127.0.0.1 for tests and the evaluation
//! example: each request is answered by a closure, on a runtime of its own
//! in a background thread, so a slow answer never holds up the others. The server lives until the process
//! ends (tests are short-lived).

#![allow(dead_code)]

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server sends back.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }
    pub fn html(body: impl Into<Vec<u8>>) -> Self {
        Reply::new(200, "text/html; charset=utf-8", body)
    }
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A running server: its base URL and how often each path was requested.
#[derive(Clone)]
pub struct Server {
    pub base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

/// Starts a server; `answer(path, n)` gets the path and how many times it
/// was requested before (0 on the first request).
pub fn serve(answer: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking listener");
    let server =
        Server { base: format!("http://{}", listener.local_addr().expect("an address")), hits: Arc::default() };
    let hits = server.hits.clone();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (hits, answer) = (hits.clone(), answer.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let path = request.uri().path().to_string();
                        let seen = {
                            let mut hits = hits.lock().unwrap();
                            let n = hits.entry(path.clone()).or_insert(0);
                            *n += 1;
                            *n - 1
                        };
                        let reply = answer(&path, seen);
                        async move {
                            tokio::time::sleep(reply.delay).await;
                            let mut response = Response::builder().status(reply.status);
                            for (name, value) in &reply.headers {
                                response = response.header(name.as_str(), value.as_str());
                            }
                            response.body(Full::new(Bytes::from(reply.body)))
                        }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
    });
    server
}

/// The shared evaluation folder (`../shared` next to the repository, or an
/// ancestor's `shared/`), absent in a fresh clone.
pub fn shared_dir() -> Option<std::path::PathBuf> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().map(|a| a.join("shared")).find(|p| p.join("eval").is_dir())
}

/// `eval/pages-dev/` served on 127.0.0.1 as `text/html` without a charset
/// (so the windows-1252 German pages must be read from their `<meta>`),
/// and one pair spec per row of its `index.jsonl`. `None` when absent.
pub fn serve_pages_dev(shared: &std::path::Path) -> Option<(Server, Vec<mtlint::fetch::PairSpec>)> {
    let pages = shared.join("eval/pages-dev");
    let index = std::fs::read_to_string(pages.join("index.jsonl")).ok()?;
    let server = serve(move |path, _| match std::fs::read(pages.join(path.trim_start_matches('/'))) {
        Ok(body) => Reply::new(200, "text/html", body),
        Err(_) => Reply::new(404, "text/plain", "no such page"),
    });
    let specs = index
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|row| {
            let field = |name: &str| row[name].as_str().unwrap_or_default().to_string();
            let (en, de) = (server.url(&format!("/{}", field("en"))), server.url(&format!("/{}", field("de"))));
            mtlint::fetch::PairSpec::new(field("id"), en, de)
        })
        .collect();
    Some((server, specs))
}
