//! Getting documents: from URLs or local files (HTML or plain text) to
//! [`Document`]s, singly or as a batch of article pairs from a manifest,
//! aligned and ready to check.
//!
//! Fetching is the only asynchronous part of mtlint: a batch runs on a
//! small tokio runtime with at most `jobs` pages in flight, and each page is
//! extracted and each pair aligned on tokio's blocking pool as soon as its
//! pages arrive, so a batch never holds more than a few pages' HTML at once.
//! A pair whose page fails is an error for that pair, in input order.

pub mod charset;
pub mod client;
pub mod html;
pub mod manifest;

pub use client::{Client, FetchOptions, Page};
pub use manifest::{read_manifest, PairSpec};

use crate::align::{self, Bead, Document};
use crate::error::{Error, Result};
use crate::input;
use crate::model::Pair;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Two documents and their paragraph alignment.
#[derive(Debug, Clone)]
pub struct AlignedDocuments {
    /// The pair's name, used in pair ids (`<id>:<n>`).
    pub id: String,
    pub source: Document,
    pub target: Document,
    pub beads: Vec<Bead>,
}

impl AlignedDocuments {
    pub fn align(id: String, source: Document, target: Document) -> Self {
        let beads = align::align_documents(&source, &target);
        AlignedDocuments { id, source, target, beads }
    }

    /// One pair per bead, ids `<id>:<n>` (see [`align::pairs_from_beads`]).
    pub fn pairs(&self) -> Vec<Pair> {
        align::pairs_from_beads(&self.id, &self.source, &self.target, &self.beads)
    }
}

/// True when `spec` names something to fetch rather than a local file.
/// Any `scheme:` other than a Windows drive letter counts, so `ftp:` and
/// `file:` reach the client and are refused there with a clear message.
pub fn is_url(spec: &str) -> bool {
    match spec.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1 && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Loads one document (URL or local file, HTML or plain text), fetching on
/// a throwaway runtime. For many documents use [`load_pairs`].
pub fn load_document(spec: &str, options: &FetchOptions) -> Result<Document> {
    if !is_url(spec) {
        return read_local(spec);
    }
    let client = Client::new(options.clone())?;
    let runtime = runtime()?;
    let page = runtime.block_on(client.get(spec))?;
    page_to_document(spec, &page)
}

/// Loads, extracts and aligns every pair of the batch. The result keeps
/// the input order; `on_done` is called once per finished pair (for a
/// progress bar).
pub fn load_pairs(
    specs: Vec<PairSpec>,
    options: &FetchOptions,
    on_done: impl Fn() + Send + Sync + 'static,
) -> Vec<Result<AlignedDocuments>> {
    let needs_network = specs.iter().any(|s| is_url(&s.source) || is_url(&s.target));
    if !needs_network {
        return specs.into_iter().map(|s| load_local_pair(s, &on_done)).collect();
    }
    let (client, runtime) = match Client::new(options.clone()).and_then(|c| Ok((c, runtime()?))) {
        Ok(both) => both,
        Err(err) => {
            let message = err.to_string();
            return specs.iter().map(|s| Err(s.failure(Error::fetch(&s.source, message.clone())))).collect();
        }
    };
    let gate = Arc::new(Semaphore::new(options.jobs.max(1)));
    let on_done = Arc::new(on_done);
    runtime.block_on(async move {
        let tasks: Vec<_> = specs
            .into_iter()
            .map(|spec| {
                let (client, gate, on_done) = (client.clone(), gate.clone(), on_done.clone());
                tokio::spawn(async move {
                    let result = load_pair(&client, &gate, spec).await;
                    on_done();
                    result
                })
            })
            .collect();
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(task.await.unwrap_or_else(|e| Err(Error::fetch("(task)", format!("internal error: {e}")))));
        }
        results
    })
}

fn load_local_pair(spec: PairSpec, on_done: &impl Fn()) -> Result<AlignedDocuments> {
    let documents = read_local(&spec.source).and_then(|source| Ok((source, read_local(&spec.target)?)));
    on_done();
    match documents {
        Ok((source, target)) => Ok(AlignedDocuments::align(spec.id, source, target)),
        Err(err) => Err(spec.failure(err)),
    }
}

async fn load_pair(client: &Client, gate: &Semaphore, spec: PairSpec) -> Result<AlignedDocuments> {
    let (source, target) = tokio::join!(load_async(client, gate, &spec.source), load_async(client, gate, &spec.target));
    let (source, target) = match (source, target) {
        (Ok(source), Ok(target)) => (source, target),
        (Err(err), _) | (_, Err(err)) => return Err(spec.failure(err)),
    };
    let id = spec.id;
    tokio::task::spawn_blocking(move || AlignedDocuments::align(id, source, target))
        .await
        .map_err(|e| Error::fetch("(task)", format!("internal error: {e}")))
}

async fn load_async(client: &Client, gate: &Semaphore, spec: &str) -> Result<Document> {
    let owned = spec.to_string();
    if !is_url(spec) {
        return blocking(move || read_local(&owned)).await;
    }
    let page = {
        let _permit = gate.acquire().await.map_err(|e| Error::fetch(spec, e.to_string()))?;
        client.get(spec).await?
    };
    blocking(move || page_to_document(&owned, &page)).await
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(Error::fetch("(task)", format!("internal error: {e}"))))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::fetch("(runtime)", format!("cannot start the async runtime: {e}")))
}

/// What a document's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Text,
}

/// Turns a fetched page into a document; the content type decides how to
/// read it, and types that are neither HTML nor text are refused.
fn page_to_document(spec: &str, page: &Page) -> Result<Document> {
    let mime = page.content_type.as_deref().map(|ct| ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let kind = match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => Kind::Html,
        Some("text/plain") => Kind::Text,
        None | Some("" | "application/octet-stream") => sniff(&page.body),
        Some(other) => {
            return Err(Error::fetch(spec, format!("unsupported content type `{other}` (expected HTML or plain text)")))
        }
    };
    let (text, _) = charset::decode(&page.body, page.content_type.as_deref(), kind == Kind::Html);
    to_document(spec, &text, kind)
}

/// Reads a local file: HTML by extension or content, else one paragraph a line.
fn read_local(path: &str) -> Result<Document> {
    let extension = Path::new(path).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let is_html_name = matches!(extension.as_deref(), Some("html" | "htm" | "xhtml"));
    if !is_html_name {
        let mut head = [0u8; 512];
        let n = {
            use std::io::Read;
            let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            file.read(&mut head).map_err(|e| Error::io(path, e))?
        };
        if sniff(&head[..n]) == Kind::Text {
            return text_document(path);
        }
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, _) = charset::decode(&bytes, None, true);
    to_document(path, &text, Kind::Html)
}

/// Plain-text files keep their line numbers as paragraph numbers, so pair
/// ids point at the German line.
fn text_document(path: &str) -> Result<Document> {
    let paragraphs = input::text::paragraphs_with_columns(path)?
        .into_iter()
        .map(|(number, column, text)| align::Paragraph { number, text, column: Some(column) })
        .collect();
    Ok(Document { name: input::text::document_name(path), paragraphs, file: Some(path.into()) })
}

fn to_document(spec: &str, text: &str, kind: Kind) -> Result<Document> {
    let paragraphs: Vec<align::Paragraph> = match kind {
        Kind::Html => html::extract_paragraphs(text)
            .into_iter()
            .enumerate()
            .map(|(i, text)| align::Paragraph { number: i + 1, text, column: None })
            .collect(),
        Kind::Text => text
            .lines()
            .enumerate()
            .map(|(i, l)| align::Paragraph { number: i + 1, text: l.trim().to_string(), column: None })
            .filter(|p| !p.text.is_empty())
            .collect(),
    };
    if paragraphs.is_empty() {
        let what = if kind == Kind::Html { "no article text found in the page" } else { "the document is empty" };
        return Err(if is_url(spec) { Error::fetch(spec, what) } else { Error::input(spec, what) });
    }
    Ok(Document { name: document_name(spec), paragraphs, file: None })
}

/// `https://site/news/story-123.html` → `story-123`; files as in
/// [`input::text::document_name`].
pub fn document_name(spec: &str) -> String {
    if !is_url(spec) {
        return input::text::document_name(spec);
    }
    let path = spec.split(['?', '#']).next().unwrap_or(spec);
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("page");
    let name = input::text::document_name(last);
    if name.is_empty() {
        "page".to_string()
    } else {
        name
    }
}

/// HTML when the first non-blank bytes open a tag document.
fn sniff(head: &[u8]) -> Kind {
    let start = String::from_utf8_lossy(&head[..head.len().min(1024)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml")
        || start.contains("<html")
    {
        Kind::Html
    } else {
        Kind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths_are_told_apart() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("ftp://example.org/a"));
        assert!(is_url("file:///tmp/a.html"));
        assert!(!is_url("sample_pairs/seed.en.txt"));
        assert!(!is_url("C:\\docs\\a.html"));
        assert!(!is_url("/tmp/a:b.txt"));
    }

    #[test]
    fn names_from_urls() {
        assert_eq!(document_name("https://site.example/news/story-123.de.html?x=1"), "story-123");
        assert_eq!(document_name("https://site.example/"), "site");
    }

    #[test]
    fn refused_content_type_is_an_error() {
        let page =
            Page { url: "http://x/".into(), body: b"%PDF-1.4".to_vec(), content_type: Some("application/pdf".into()) };
        let err = page_to_document("http://x/a.pdf", &page).unwrap_err().to_string();
        assert!(err.contains("unsupported content type `application/pdf`"), "{err}");
    }

    #[test]
    fn sniffs_html() {
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"Just a line of text.\nAnother."), Kind::Text);
    }
}
