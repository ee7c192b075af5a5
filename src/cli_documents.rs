//! Command-line glue for article pairs: turns `--source/--target`,
//! `--manifest` or two positional documents into [`PairSpec`]s, loads and
//! aligns them through [`mtlint::fetch`] (with a progress bar on a
//! terminal), and prints `mtlint align`'s JSONL. The logic lives in the
//! library; this file only decides what to ask it and how to report.

use crate::cli::{AlignArgs, DocumentArgs};
use anyhow::{bail, Context};
use mtlint::fetch::{self, AlignedDocuments, FetchOptions, PairSpec};
use mtlint::input::Records;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

impl DocumentArgs {
    pub fn options(&self, jobs: usize) -> anyhow::Result<FetchOptions> {
        let seconds = |name: &str, v: f64| -> anyhow::Result<Duration> {
            Duration::try_from_secs_f64(v)
                .ok()
                .filter(|d| !d.is_zero())
                .with_context(|| format!("--{name} must be a positive number of seconds"))
        };
        // Written so that NaN is refused too.
        if !self.max_page_mb.is_finite() || self.max_page_mb <= 0.0 {
            bail!("--max-page-mb must be positive");
        }
        Ok(FetchOptions {
            jobs: jobs.max(1),
            timeout: seconds("timeout", self.timeout)?,
            deadline: seconds("deadline", self.deadline)?,
            max_bytes: (self.max_page_mb * 1024.0 * 1024.0) as usize,
            ..FetchOptions::default()
        })
    }

    /// The article pairs these arguments name, or `None` when they name none
    /// (then the positional inputs are batch files). `documents` holds two
    /// positional inputs that are documents rather than batch files.
    pub fn pair_specs(&self, documents: Option<(&str, &str)>) -> anyhow::Result<Option<Vec<PairSpec>>> {
        if let Some(manifest) = &self.manifest {
            return Ok(Some(fetch::read_manifest(manifest)?));
        }
        let pair = match (&self.source, &self.target) {
            (Some(source), Some(target)) => Some((source.as_str(), target.as_str())),
            _ => documents,
        };
        Ok(pair.map(|(source, target)| vec![PairSpec::new(fetch::document_name(target), source, target)]))
    }
}

/// Loads and aligns every pair, with a progress bar for batches.
fn load_all(specs: Vec<PairSpec>, options: &FetchOptions) -> Vec<mtlint::Result<AlignedDocuments>> {
    let bar = progress_bar(specs.len());
    let ticker = bar.clone();
    let results = fetch::load_pairs(specs, options, move || ticker.inc(1));
    bar.finish_and_clear();
    results
}

/// The aligned pairs of every article pair as `check`'s record stream; a
/// pair that failed to load is one failed record (a manifest row's error).
pub fn records(specs: Vec<PairSpec>, options: &FetchOptions) -> Records {
    Box::new(load_all(specs, options).into_iter().flat_map(|result| match result {
        Ok(docs) => docs.pairs().into_iter().map(Ok).collect::<Vec<_>>(),
        Err(err) => vec![Err(err)],
    }))
}

/// Loads and aligns every pair. A failed pair stops the run, unless
/// `keep_going`, when it is reported and counted.
fn load(
    specs: Vec<PairSpec>,
    options: &FetchOptions,
    keep_going: bool,
) -> anyhow::Result<(Vec<AlignedDocuments>, usize)> {
    let results = load_all(specs, options);
    let mut loaded = Vec::with_capacity(results.len());
    let mut failed = 0;
    for result in results {
        match result {
            Ok(docs) => loaded.push(docs),
            Err(err) if keep_going => {
                eprintln!("mtlint: failed: {err}");
                failed += 1;
            }
            Err(err) => return Err(err).context("cannot load the article pair"),
        }
    }
    Ok((loaded, failed))
}

/// A bar on standard error for batches, hidden when stderr is not a terminal.
fn progress_bar(pairs: usize) -> indicatif::ProgressBar {
    if pairs < 2 || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(pairs as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pairs  {elapsed} (eta {eta})") {
        bar.set_style(style);
    }
    bar
}

/// `mtlint align`: one JSON line per aligned paragraph group.
pub fn align(args: AlignArgs) -> anyhow::Result<ExitCode> {
    let documents = match args.inputs.as_slice() {
        [source, target] => Some((source.as_str(), target.as_str())),
        [] => None,
        _ => bail!("give two documents (English, German), or --source and --target, or --manifest"),
    };
    let Some(specs) = args.documents.pair_specs(documents)? else {
        bail!("give two documents (English, German), or --source and --target, or --manifest");
    };
    let (loaded, failed) = load(specs, &args.documents.options(args.jobs)?, args.keep_going)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for docs in &loaded {
        for (pair, bead) in docs.pairs().into_iter().zip(&docs.beads) {
            let line = serde_json::json!({
                "id": pair.id, "source": pair.source, "target": pair.target,
                "source_paras": bead.source, "target_paras": bead.target,
            });
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
