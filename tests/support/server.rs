//! A real HTTP server on 127.0.0.1 for tests and the evaluation example:
//! each request is answered by a closure on its own thread, so a slow
//! answer never holds up the others. The server lives until the process
//! ends (tests are short-lived).

#![allow(dead_code)]

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
        Reply { status, headers: vec![("Content-Type".into(), content_type.into())], body: body.into(), delay: Duration::ZERO }
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
    let http = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = http.server_addr().to_ip().expect("an IP address");
    let server = Server { base: format!("http://{addr}"), hits: Arc::default() };
    let hits = server.hits.clone();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for request in http.incoming_requests() {
            let path = request.url().to_string();
            let seen = {
                let mut hits = hits.lock().unwrap();
                let n = hits.entry(path.clone()).or_insert(0);
                *n += 1;
                *n - 1
            };
            let answer = answer.clone();
            std::thread::spawn(move || {
                let reply = answer(&path, seen);
                std::thread::sleep(reply.delay);
                let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                for (name, value) in &reply.headers {
                    if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                        response = response.with_header(header);
                    }
                }
                let _ = request.respond(response);
            });
        }
    });
    server
}

/// The shared evaluation folder (`../shared` next to the repository, or an
/// ancestor's `shared/`), absent in a fresh clone.
pub fn shared_dir() -> Option<std::path::PathBuf> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().map(|a| a.join("shared")).find(|p| p.join("eval").is_dir())
}
