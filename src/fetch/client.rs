//! The HTTP client: the only code in mtlint that touches the network.
//!
//! A batch of thousands of page pairs meets every failure the web has: slow
//! servers, 503s, rate limits, redirect loops, a 2 GB video behind an
//! article URL. Each one must end as an error for that page, quickly and
//! with a reason, never as a hang, an out-of-memory crash or a silent skip.
//! So: http/https only, a per-request timeout, a deadline per page across
//! all retries, bounded retries with exponential backoff on timeouts,
//! connection errors, 429 and 5xx, a redirect limit, and a cap on the body
//! size that is enforced while reading.

use crate::error::{Error, Result};
use reqwest::{header, StatusCode, Url};
use std::sync::Once;
use std::time::Duration;
use tokio::time::{sleep, timeout, Instant};

/// Limits for fetching. The defaults suit news pages on the open web.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Pages fetched at the same time.
    pub jobs: usize,
    /// Time allowed for one request, body included.
    pub timeout: Duration,
    /// Time allowed for one page across all its attempts.
    pub deadline: Duration,
    /// Extra attempts after a retryable failure.
    pub retries: u32,
    /// Wait before the first retry; doubles each time.
    pub backoff: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: usize,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            jobs: 8,
            timeout: Duration::from_secs(20),
            deadline: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_millis(250),
            max_bytes: 5 << 20,
            max_redirects: 10,
        }
    }
}

/// A fetched page: final URL (after redirects), body and declared type.
#[derive(Debug, Clone)]
pub struct Page {
    pub url: String,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
}

/// The longest `Retry-After` we honour; longer ones count as failure.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);

const USER_AGENT: &str = concat!("mtlint/", env!("CARGO_PKG_VERSION"), " (translation checker)");

/// Why one attempt failed, and whether another might succeed.
enum Failure {
    Retryable { message: String, wait: Option<Duration> },
    Final(String),
}

/// An HTTP client with mtlint's limits.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    options: FetchOptions,
}

impl Client {
    pub fn new(options: FetchOptions) -> Result<Self> {
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| Error::fetch("(client)", format!("cannot build the HTTP client: {e}")))?;
        Ok(Client { http, options })
    }

    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// Fetches `url`, retrying what may be transient, within the deadline.
    pub async fn get(&self, url: &str) -> Result<Page> {
        let parsed = web_url(url)?;
        match timeout(self.options.deadline, self.get_with_retries(parsed)).await {
            Ok(result) => result.map_err(|message| Error::fetch(url, message)),
            Err(_) => Err(Error::fetch(url, format!("gave up after the {:?} deadline", self.options.deadline))),
        }
    }

    async fn get_with_retries(&self, url: Url) -> std::result::Result<Page, String> {
        let started = Instant::now();
        let mut backoff = self.options.backoff;
        let mut attempt = 0;
        loop {
            match self.attempt(url.clone()).await {
                Ok(page) => return Ok(page),
                Err(Failure::Final(message)) => return Err(message),
                Err(Failure::Retryable { message, wait }) => {
                    attempt += 1;
                    if attempt > self.options.retries {
                        return Err(format!("{message} (after {attempt} attempts)"));
                    }
                    let wait = wait.unwrap_or(backoff);
                    if started.elapsed() + wait >= self.options.deadline {
                        return Err(format!("{message} (no time left to retry)"));
                    }
                    sleep(wait).await;
                    backoff *= 2;
                }
            }
        }
    }

    async fn attempt(&self, url: Url) -> std::result::Result<Page, Failure> {
        let mut response = self.http.get(url).send().await.map_err(classify)?;
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            let wait = retry_after(&response);
            if wait.is_some_and(|w| w > MAX_RETRY_AFTER) {
                return Err(Failure::Final(format!("HTTP {status}, and the server asks to wait too long")));
            }
            return Err(Failure::Retryable { message: format!("HTTP {status}"), wait });
        }
        if !status.is_success() {
            return Err(Failure::Final(format!("HTTP {status}")));
        }
        let max = self.options.max_bytes;
        if response.content_length().is_some_and(|len| len > max as u64) {
            return Err(Failure::Final(format!("the page is larger than the {max}-byte limit")));
        }
        let content_type =
            response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
        let final_url = response.url().to_string();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if body.len() + chunk.len() > max {
                return Err(Failure::Final(format!("the page is larger than the {max}-byte limit")));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Page { url: final_url, body, content_type })
    }
}

/// Parses `url` and refuses anything but http and https: `file:` would
/// read the local disk, `ftp:` and friends are not pages.
pub fn web_url(url: &str) -> Result<Url> {
    let parsed = Url::parse(url).map_err(|e| Error::fetch(url, format!("not a valid URL: {e}")))?;
    match parsed.scheme() {
        "http" | "https" => Ok(parsed),
        other => Err(Error::fetch(url, format!("refusing the `{other}:` scheme: only http and https are fetched"))),
    }
}

fn classify(err: reqwest::Error) -> Failure {
    let message = describe(&err);
    if err.is_redirect() {
        Failure::Final(message)
    } else if err.is_timeout() || err.is_connect() || err.is_request() || err.is_body() {
        Failure::Retryable { message, wait: None }
    } else {
        Failure::Final(message)
    }
}

/// reqwest's message plus its causes ("error sending request: connection refused").
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "timed out".to_string();
    }
    if err.is_redirect() {
        return "too many redirects (or a redirect loop)".to_string();
    }
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// `Retry-After: <seconds>` (the HTTP-date form is treated as absent).
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response.headers().get(header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// rustls needs one process-wide crypto provider; we ship `ring`
/// (smaller and quicker to build than aws-lc-rs).
fn install_crypto_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Err means another part of the process installed one first: fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_schemes_are_fetched() {
        assert!(web_url("https://example.org/a").is_ok());
        assert!(web_url("http://127.0.0.1:8080/").is_ok());
        for bad in ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"] {
            let err = web_url(bad).unwrap_err().to_string();
            assert!(err.contains("only http and https"), "{err}");
        }
        assert!(web_url("not a url").unwrap_err().to_string().contains("not a valid URL"));
    }
}
