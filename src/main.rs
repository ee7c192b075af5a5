//! The `mtlint` binary: parse arguments, run, map the outcome to an exit
//! code (0 clean, 1 findings at or above `--fail-on`, 2 the run failed).

mod cli;
mod cli_documents;

use anyhow::{bail, Context};
use clap::Parser;
use cli::{CheckArgs, Cli, Command, ConfigArgs, EvalArgs, InputFormatArg};
use mtlint::baseline::{Baseline, Recorder};
use mtlint::config::Config;
use mtlint::input::{self, InputFormat, Records};
use mtlint::report::{self, AtomicFile, Options, Summary};
use mtlint::{detect, eval, Linter, Severity};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// mimalloc instead of the system allocator: the rules allocate small,
/// short-lived vectors and strings for every pair, and glibc's malloc/free
/// took about a tenth of `check`'s time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader went away (`mtlint rules | head`): stop quietly, as Unix tools do.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mtlint: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Align(args) => cli_documents::align(args),
        Command::Eval(args) => run_eval(args),
        Command::Rules { markdown } => {
            if markdown {
                write!(io::stdout(), "{}", detect::markdown_table())?;
            } else {
                print_rules()?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Config { show, config } => show_config(&config, show),
        Command::Explain { rule } => match detect::find_meta(&rule) {
            Some(meta) => {
                writeln!(
                    io::stdout(),
                    "{} ({}, {})\n\n{}",
                    meta.id,
                    meta.default_severity,
                    meta.category,
                    meta.explain_text()
                )?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let known: Vec<&str> = detect::all_meta().iter().map(|m| m.id).collect();
                bail!("unknown rule `{rule}`; known rules: {}", known.join(", "))
            }
        },
    }
}

/// The configuration file in force: `--config`, else the nearest
/// mtlint.toml, else none (`--no-config`, or nothing found).
fn config_path(args: &ConfigArgs) -> anyhow::Result<Option<PathBuf>> {
    if args.no_config {
        return Ok(None);
    }
    if let Some(path) = &args.config {
        return Ok(Some(path.clone()));
    }
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    Ok(Config::discover(&cwd))
}

/// The configuration with the command line's overrides applied.
fn load_config(args: &ConfigArgs) -> anyhow::Result<Config> {
    let mut config = match config_path(args)? {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    };
    if let Some(glossary) = &args.glossary {
        config.glossary.load_tsv(glossary)?;
    }
    for warning in config.warnings() {
        eprintln!("mtlint: warning: {warning}");
    }
    config.fail_on = args.fail_on.or(config.fail_on);
    config.min_severity = args.min_severity.or(config.min_severity);
    Ok(config)
}

fn show_config(args: &ConfigArgs, show: bool) -> anyhow::Result<ExitCode> {
    let path = config_path(args)?;
    let config = load_config(args)?;
    if show {
        let from = path.as_deref().map_or("no configuration file: defaults".to_string(), |p| p.display().to_string());
        write!(io::stdout(), "# effective mtlint configuration ({from})\n{}", config.resolved().to_toml())?;
    } else {
        match path {
            Some(p) => writeln!(io::stdout(), "{}", p.display())?,
            None => {
                writeln!(io::stdout(), "no mtlint.toml found (defaults apply); `mtlint config --show` prints them")?
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_rules() -> io::Result<()> {
    let mut builder = tabled::builder::Builder::default();
    builder.push_record(["rule", "severity", "category", "what it catches"]);
    for meta in detect::all_meta() {
        builder.push_record([meta.id, meta.default_severity.as_str(), meta.category.as_str(), meta.summary()]);
    }
    let mut table = builder.build();
    table.with(tabled::settings::Style::rounded());
    writeln!(io::stdout(), "{table}")
}

/// True when the inputs are one English and one German document rather
/// than batch files.
fn is_document_pair(inputs: &[String], format: Option<InputFormat>) -> bool {
    inputs.len() == 2 && format.is_none() && inputs.iter().all(|p| p != "-" && InputFormat::from_path(p).is_none())
}

/// All input records as one stream: a document pair, or the batch files
/// one after another (each opened only when its turn comes).
fn records(args: &CheckArgs) -> anyhow::Result<Records> {
    let format = args.input_format.map(|f| match f {
        InputFormatArg::Jsonl => InputFormat::Jsonl,
        InputFormatArg::Tsv => InputFormat::Tsv,
        InputFormatArg::Xliff => InputFormat::Xliff,
        InputFormatArg::Tmx => InputFormat::Tmx,
    });
    let documents = is_document_pair(&args.inputs, format).then(|| (args.inputs[0].as_str(), args.inputs[1].as_str()));
    if let Some(specs) = args.documents.pair_specs(documents)? {
        let options = args.documents.options(args.jobs.unwrap_or(8))?;
        return Ok(cli_documents::records(specs, &options));
    }
    let paths = args.inputs.clone();
    let batches = paths.into_iter().flat_map(move |path| match input::read_batch(&path, format) {
        Ok(records) => records,
        Err(err) => Box::new(std::iter::once(Err(err))),
    });
    Ok(Box::new(batches))
}

/// Loads the Ding dictionary before the stream starts, when a rule in force
/// reads it, and hands the memory the load used and freed back to the
/// system. Parsing the file (on a first run, without a cached copy: see
/// `text::ding`) peaks at ~50 MB of short-lived maps; left to the
/// allocator, those pages stayed resident beside the stream's buffers and
/// peak RSS varied from 72 to 97 MB over 200k pairs; handed back, it stays
/// at the load's own peak (~67 MB).
fn preload_dictionary(linter: &Linter) {
    let reads_dictionary = linter.detectors().iter().any(|d| d.reads_dictionary());
    if reads_dictionary && mtlint::text::ding::get().is_some() {
        // SAFETY: mi_collect only returns mimalloc's own free pages; no
        // pointer of ours is touched.
        unsafe { libmimalloc_sys::mi_collect(true) };
    }
}

fn linter_for(rules: &[String]) -> anyhow::Result<Linter> {
    if rules.is_empty() {
        Ok(Linter::all())
    } else {
        Linter::only(rules).map_err(anyhow::Error::msg)
    }
}

fn run_eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let linter = linter_for(&args.rules)?;
    let gold = eval::gold::read(&args.gold).context("cannot read the annotated file")?;
    let options = eval::Options { min_severity: args.min_severity, seed: args.seed };
    let evaluation = eval::evaluate(&linter, &gold, &options);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    eval::report::write(&mut out, args.format, &args.gold, &evaluation)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let config = load_config(&args.config)?;
    let linter = Linter::configured(&config, &args.rules).map_err(anyhow::Error::msg)?;
    let fail_on = config.fail_on.unwrap_or(Severity::Major);
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global().context("cannot start worker threads")?;
    }
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::load(&path.display().to_string())?),
        None => None,
    };
    let mut recorder = args.write_baseline.as_ref().map(|_| Recorder::default());
    // `--output -` is standard output, like any input `-`.
    let output_path = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let options = Options {
        min_severity: config.min_severity.unwrap_or(Severity::Minor),
        top: args.top,
        color: args.format == report::Format::Table
            && output_path.is_none()
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        fail_on,
    };
    let records = records(&args)?;
    preload_dictionary(&linter);
    let mut output = match output_path {
        Some(path) => Some(AtomicFile::create(path).with_context(|| format!("cannot write {}", path.display()))?),
        None => None,
    };
    let mut emitter = report::emitter(args.format, &options);
    let stdout = io::stdout();
    let sink: Box<dyn Write + '_> = match output.as_mut() {
        Some(file) => Box::new(file.writer()),
        None => Box::new(stdout.lock()),
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, sink);
    let mut summary = Summary::default();
    linter.check_stream(records, |result| -> anyhow::Result<()> {
        match result {
            Ok(mut report) => {
                if let Some(recorder) = recorder.as_mut() {
                    recorder.add(&report);
                }
                if let Some(baseline) = &baseline {
                    summary.suppressed += baseline.suppress(&mut report);
                }
                summary.add(&report);
                emitter.pair(&mut out, report)?;
            }
            Err(err @ mtlint::Error::Record { .. }) if args.keep_going => {
                eprintln!("mtlint: rejected: {err}");
                summary.reject();
                emitter.rejected(&mut out, &err)?;
            }
            Err(err) => return Err(err).context("cannot read input"),
        }
        Ok(())
    })?;
    emitter.finish(&mut out, &summary)?;
    out.flush()?;
    drop(out);
    if let (Some(file), Some(path)) = (output, output_path) {
        file.commit().with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let (Some(recorder), Some(path)) = (recorder, &args.write_baseline) {
        let recorded = recorder.len();
        write_baseline(recorder, path)?;
        if !args.quiet {
            eprintln!("mtlint: recorded {recorded} findings in the baseline {}", path.display());
        }
    }
    if !args.quiet {
        eprintln!("mtlint: {} in {:.2}s", summary.line(), started.elapsed().as_secs_f64());
    }
    Ok(if summary.rejected > 0 {
        ExitCode::from(2)
    } else if args.write_baseline.is_some() {
        ExitCode::SUCCESS // the findings were just accepted
    } else if summary.at_least(fail_on) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_baseline(recorder: Recorder, path: &Path) -> anyhow::Result<()> {
    let mut file = AtomicFile::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = io::BufWriter::new(file.writer());
    recorder.write(&mut out)?;
    out.flush()?;
    drop(out);
    file.commit().with_context(|| format!("cannot write {}", path.display()))
}
