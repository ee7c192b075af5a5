//! The library's error type. Every failure names the file (and line, for a
//! bad record) so that a user can fix the input; the binary maps any of
//! these to exit code 2.

use std::io;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    /// One record (line) of an input file is malformed.
    #[error("{path}:{line}: {message}")]
    Record { path: String, line: usize, message: String },
    /// The input as a whole is unusable (empty, unknown format, …).
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    /// A page could not be fetched (refused scheme, HTTP error, timeout,
    /// too large, unsupported content type, …).
    #[error("{url}: {message}")]
    Fetch { url: String, message: String },
}

impl Error {
    pub fn record(path: &str, line: usize, message: impl Into<String>) -> Self {
        Error::Record { path: path.to_string(), line, message: message.into() }
    }
    pub fn input(path: &str, message: impl Into<String>) -> Self {
        Error::Input { path: path.to_string(), message: message.into() }
    }
    pub fn fetch(url: &str, message: impl Into<String>) -> Self {
        Error::Fetch { url: url.to_string(), message: message.into() }
    }
    pub fn io(path: &str, source: io::Error) -> Self {
        Error::Io { path: path.to_string(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
