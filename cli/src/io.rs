//! The CLI's edge with the file system: reading documents, writing files
//! atomically. The core never touches files; this module is where it happens.
use isms_core::{Document, Error, Isms};
use std::io::Write;
use std::path::Path;

/// An error that ends a command, with its exit code (1 = problems found,
/// 2 = bad input or usage).
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: u8,
    /// Message for stderr.
    pub message: String,
}

impl Failure {
    /// Bad input or usage (exit code 2).
    pub fn input(message: impl Into<String>) -> Self {
        Self { code: 2, message: message.into() }
    }
}

/// Reads a file as UTF-8 text; `-` reads standard input.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Failure::input(format!("cannot read standard input: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))
}

/// Formats a core error for a person, prefixed with the file name.
pub fn describe(path: &Path, e: &Error) -> String {
    match e {
        Error::Parse { path: json_path, line, column, message } => {
            format!("{}:{line}:{column}: {message} (at {json_path})", path.display())
        }
        Error::Invalid(problems) => {
            let text = isms_core::render::text::problems(problems);
            let text = isms_core::render::escape_terminal(text.trim_end()).into_owned();
            format!("{}: {text}", path.display())
        }
        other => format!("{}: {other}", path.display()),
    }
}

/// Reads and parses a document (structure only; no integrity checks).
pub fn load(path: &Path) -> Result<Document, Failure> {
    let text = read_text(path)?;
    isms_core::json::parse_document(&text).map_err(|e| Failure::input(describe(path, &e)))
}

/// Reads, parses and validates a document into the engine's handle (the
/// one validation of a command); integrity problems are bad input for every
/// command except `validate`, which reports them itself.
pub fn load_isms(path: &Path) -> Result<Isms, Failure> {
    Isms::new(load(path)?).map_err(|e| Failure::input(describe(path, &e)))
}

/// A core error of an operation on the document at `path`, as bad input.
pub fn core(path: &Path) -> impl Fn(Error) -> Failure + '_ {
    move |e| Failure::input(describe(path, &e))
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, flushed and synced, then renamed over the target. On any error
/// the original file is untouched and the temporary file is removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        // Keep the original file's permissions.
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        // Test hook (debug builds only): stop after the temporary file is
        // written, either by failing (`fail`) or by aborting the process
        // (`abort`), to prove the original survives an interrupted write.
        #[cfg(debug_assertions)]
        if let Some(mode) = std::env::var_os("ISMS_TEST_CRASH_BEFORE_RENAME") {
            if mode == "abort" {
                std::process::abort();
            }
            return Err(std::io::Error::other("interrupted before rename (ISMS_TEST_CRASH_BEFORE_RENAME)"));
        }
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Failure { code: 2, message: format!("cannot write {}: {e}; the original is unchanged", path.display()) }
    })
}

/// Writes to a file path atomically, or to stdout when the path is `-`.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(contents).map_err(|e| Failure::input(format!("cannot write standard output: {e}")))?;
        return Ok(());
    }
    write_atomic(path, contents)
}

/// Today's date in UTC: the default `--as-of` of every command. Only the CLI
/// reads the clock; the core takes the date as a parameter.
pub fn today() -> isms_core::model::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let epoch = isms_core::model::Date::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch.checked_add_days(chrono::Days::new(secs / 86_400)).unwrap_or(epoch)
}
