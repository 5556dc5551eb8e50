//! The CLI's edge with the file system: reading documents, writing files
//! atomically. The core never touches files; this module is where it happens.
use isms_core::{Document, Error, Isms};
use std::io::Write;
use std::path::{Path, PathBuf};

/// An error that ends a command, with its exit code (1 = problems found,
/// 2 = bad input or usage, 3 = the document changed since it was read).
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: u8,
    /// Message for stderr.
    pub message: String,
    /// The core error behind it, if one: what `--json` prints (schema
    /// `error`) instead of the message.
    pub error: Option<Box<Error>>,
    /// The file of a folder ISMS the error is in: given to each of the
    /// report's problems (`"file"`), as the message names it.
    pub file: Option<String>,
}

impl Failure {
    /// Bad input or usage (exit code 2).
    pub fn input(message: impl Into<String>) -> Self {
        Self { code: 2, message: message.into(), error: None, file: None }
    }

    /// A failure with an exit code and a message, no core error.
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), error: None, file: None }
    }

    /// A core error on the document at `path`, as bad input (exit code 2).
    pub fn core(path: &Path, e: Error) -> Self {
        Self { code: 2, message: describe(path, &e), error: Some(Box::new(e)), file: None }
    }

    /// What `--json` prints for this failure: the core error's report, or
    /// for a failure of the command line itself (an unreadable file, a
    /// write refused) an `invalid_argument` report carrying the message.
    pub fn report_json(&self) -> String {
        match &self.error {
            Some(e) if self.file.is_some() => {
                let mut report = e.report();
                for p in &mut report.problems {
                    p.file = p.file.take().or_else(|| self.file.clone());
                }
                isms_core::json::to_json(&report)
            }
            Some(e) => isms_core::engine::error_json(e),
            None => {
                let mut report = Error::invalid_argument("$", self.message.clone()).report();
                report.message.clone_from(&self.message);
                report.problems.iter_mut().for_each(|p| p.message.clone_from(&self.message));
                isms_core::json::to_json(&report)
            }
        }
    }
}

/// Whether failures are printed as JSON on standard output (`--json`):
/// set by the commands that have the switch, read by `main`.
static JSON_ERRORS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks for failures as JSON on standard output (a command run with `--json`).
pub fn json_errors(on: bool) {
    if on {
        JSON_ERRORS.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Whether failures are printed as JSON.
pub fn wants_json_errors() -> bool {
    JSON_ERRORS.load(std::sync::atomic::Ordering::Relaxed)
}

/// The largest input accepted, in bytes: `ISMS_MAX_DOCUMENT_BYTES` from the
/// environment, else the core's default (256 MiB).
pub fn max_document_bytes() -> Result<usize, Failure> {
    match std::env::var("ISMS_MAX_DOCUMENT_BYTES") {
        Ok(v) => v
            .trim()
            .parse::<usize>()
            .map_err(|_| Failure::input(format!("ISMS_MAX_DOCUMENT_BYTES must be a number of bytes, got {v:?}"))),
        Err(_) => Ok(isms_core::json::DEFAULT_MAX_DOCUMENT_BYTES),
    }
}

/// Reads a file as UTF-8 text; `-` reads standard input. Inputs larger than
/// [`max_document_bytes`] are refused before they are read whole.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let max = max_document_bytes()?;
    let too_big = |what: &str, e: Error| Failure::input(format!("{what}: {e}"));
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
        std::io::Read::read_to_end(&mut std::io::Read::take(std::io::stdin(), limit), &mut bytes)
            .map_err(|e| Failure::input(format!("cannot read standard input: {e}")))?;
        isms_core::json::check_document_size(bytes.len(), max).map_err(|e| too_big("standard input", e))?;
        return utf8(path, bytes);
    }
    if let Some(m) = std::fs::metadata(path).ok().filter(|m| m.is_file()) {
        let len = usize::try_from(m.len()).unwrap_or(usize::MAX);
        isms_core::json::check_document_size(len, max).map_err(|e| too_big(&path.display().to_string(), e))?;
    }
    let bytes = std::fs::read(path).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    isms_core::json::check_document_size(bytes.len(), max).map_err(|e| too_big(&path.display().to_string(), e))?;
    let text = utf8(path, bytes)?;
    // Remembered so that a later `write_atomic` can tell whether another
    // writer changed the document in between (FIFOs and devices are not).
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        remember(path, text.as_bytes());
    }
    Ok(text)
}

/// The bytes as text, or a parse error naming the byte order mark or the
/// offset of the first invalid byte.
fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Failure> {
    isms_core::json::text_from_bytes(&bytes).map_err(|e| Failure::core(path, e))?;
    String::from_utf8(bytes).map_err(|_| Failure::input(format!("{}: invalid UTF-8", path.display())))
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

/// Whether `path` names a YAML file (`.yaml`, `.yml`); any other path,
/// standard input (`-`) included, is JSON.
pub fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// A document as read: its text and, for YAML, where each value is. It
/// places a JSON Pointer of the document on a line of the file
/// ([`isms_core::source::Locate`]): what problems, parse errors and the
/// SARIF, GitHub and JUnit formats are located with.
#[derive(Debug)]
pub enum Loaded {
    /// A JSON file's text.
    Json(String),
    /// A YAML file's position map (built once per load).
    Yaml(isms_core::yaml::YamlMap),
    /// A folder's files merged: where each section came from.
    Folder(isms_core::folder::FolderMap),
}

impl isms_core::source::Locate for Loaded {
    fn place(&self, pointer: &str) -> Option<isms_core::source::Place<'_>> {
        match self {
            Loaded::Json(t) => isms_core::json::locate(t, pointer).map(|(line, column)| isms_core::source::Place {
                file: None,
                line,
                column,
            }),
            Loaded::Yaml(map) => map.place(pointer),
            Loaded::Folder(map) => map.place(pointer),
        }
    }
}

/// Parses a document's text by the format its path names (YAML for
/// `.yaml`/`.yml`, else JSON), structure only.
pub fn parse(path: &Path, text: String) -> Result<(Document, Loaded), Failure> {
    if is_yaml(path) {
        let (doc, map) = isms_core::yaml::parse_document(&text).map_err(|e| Failure::core(path, e))?;
        return Ok((doc, Loaded::Yaml(map)));
    }
    let doc = isms_core::json::parse_document(&text).map_err(|e| Failure::core(path, e))?;
    Ok((doc, Loaded::Json(text)))
}

/// A document's canonical text in the format its path names: canonical
/// JSON, or its canonical YAML.
pub fn canonical_text(path: &Path, canonical_json: String) -> Result<String, Failure> {
    if is_yaml(path) {
        return isms_core::yaml::to_yaml(&canonical_json).map_err(|e| Failure::core(path, e));
    }
    Ok(canonical_json)
}

/// Reads and parses a document (structure only; no integrity checks),
/// in JSON or YAML by its extension ([`is_yaml`]), also returning what was
/// read (to locate problems in it).
pub fn load_with_text(path: &Path) -> Result<(Document, Loaded), Failure> {
    if path.is_dir() {
        let files = read_folder(path)?;
        let (doc, map) = isms_core::folder::merge(&files).map_err(|e| {
            let shown = e.file.as_ref().map_or_else(|| path.to_owned(), PathBuf::from);
            Failure { file: e.file, ..Failure::core(&shown, e.error) }
        })?;
        return Ok((doc, Loaded::Folder(map)));
    }
    let text = read_text(path)?;
    parse(path, text)
}

/// The files of a folder ISMS, as `(path, text)`: the root part
/// (`isms.yaml`, `isms.yml` or `isms.json`, exactly one) first, then every
/// other `*.yaml`, `*.yml` and `*.json` below the folder, sorted by path;
/// hidden files and folders (`.name`) are skipped. Each name is the path
/// as the user wrote the folder joined with the file's relative path.
pub fn read_folder(dir: &Path) -> Result<Vec<(String, String)>, Failure> {
    let roots: Vec<PathBuf> =
        ["isms.yaml", "isms.yml", "isms.json"].iter().map(|n| dir.join(n)).filter(|p| p.is_file()).collect();
    let root = match roots.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(Failure::input(format!(
                "{}: a folder ISMS needs its root part, isms.yaml or isms.json (version, organization, settings)",
                dir.display()
            )));
        }
        many => {
            let names: Vec<String> = many.iter().map(|p| p.display().to_string()).collect();
            return Err(Failure::input(format!("{}: more than one root part: {}", dir.display(), names.join(", "))));
        }
    };
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| Failure::input(format!("cannot read {}: {e}", d.display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| Failure::input(format!("cannot read {}: {e}", d.display())))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let p = entry.path();
            let ft = entry.file_type().map_err(|e| Failure::input(format!("cannot read {}: {e}", p.display())))?;
            if ft.is_dir() {
                pending.push(p);
            } else if p != root
                && p.extension().is_some_and(|e| ["yaml", "yml", "json"].iter().any(|x| e.eq_ignore_ascii_case(x)))
            {
                found.push(p);
            }
        }
    }
    found.sort();
    let mut files = Vec::with_capacity(found.len() + 1);
    for p in std::iter::once(root).chain(found) {
        let text = read_text(&p)?;
        files.push((p.display().to_string(), text));
    }
    Ok(files)
}

/// Reads, parses and validates a document into the engine's handle (the
/// one validation of a command); integrity problems are bad input (exit 2)
/// for every command, `validate` included, each with its line and column.
pub fn load_isms(path: &Path) -> Result<Isms, Failure> {
    Ok(load_isms_with_text(path)?.0)
}

/// [`load_isms`], also returning what was read (for the formats that
/// locate findings in it: SARIF, JUnit, GitHub annotations).
pub fn load_isms_with_text(path: &Path) -> Result<(Isms, Loaded), Failure> {
    let (doc, loaded) = load_with_text(path)?;
    let isms = Isms::new(doc).map_err(|e| Failure::core(path, e.located_by(&loaded)))?;
    Ok((isms, loaded))
}

/// A core error of an operation on the document at `path`, as bad input.
pub fn core(path: &Path) -> impl Fn(Error) -> Failure + '_ {
    move |e| Failure::core(path, e)
}

// ---------------------------------------------------------------------------
// Writes.
//
// Why it is shaped so (issue 11, "Writes"):
// - A rewrite is a read-modify-write, and two of them on one file at once must
//   not lose either change. `update_text`/`update_document` hold an advisory
//   lock (flock) on the document from the read to the rename. A command that
//   reads with `load` and writes later with `write_atomic` is guarded too: the
//   content it read is remembered (length and hash), and `write_atomic` takes
//   the same lock and refuses with `EXIT_CONFLICT` if the file no longer holds
//   it. So a writer either gets its change in, or fails saying why.
// - The lock is on the document's inode, which the rename replaces: whoever
//   waited on the old inode sees that the path now names another one and locks
//   again (`lock_current`).
// - The temporary file is created with O_EXCL under a random name
//   (`tempfile`), so nothing planted beside the target can be followed.
// - The target is what the path names after symlinks; a hard-linked, a
//   read-only or a non-regular file is refused rather than silently split,
//   overridden or replaced. An output (`--out`) to a FIFO or a device is
//   written in place instead: `/dev/null` stays `/dev/null`.
// ---------------------------------------------------------------------------

/// Exit code of a write refused because the file changed since the command
/// read it (another writer got there first); nothing was written.
pub const EXIT_CONFLICT: u8 = 3;

/// How long a writer waits for another one's lock before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// What a document held when this process read it: enough to tell, at write
/// time, whether someone else changed it in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    fn of(bytes: &[u8]) -> Self {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Self { len: bytes.len(), hash: h.finish() }
    }
}

/// The documents this process has read, by canonical path.
static SEEN: std::sync::Mutex<Vec<(PathBuf, Fingerprint)>> = std::sync::Mutex::new(Vec::new());

fn remember(path: &Path, bytes: &[u8]) {
    let Ok(key) = std::fs::canonicalize(path) else { return };
    let mut seen = SEEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    seen.retain(|(p, _)| *p != key);
    seen.push((key, Fingerprint::of(bytes)));
}

fn seen(path: &Path) -> Option<Fingerprint> {
    let key = std::fs::canonicalize(path).ok().or_else(|| {
        let parent = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(parent).ok()?.join(path.file_name()?))
    })?;
    let seen = SEEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    seen.iter().find(|(p, _)| *p == key).map(|(_, f)| *f)
}

/// Whether the target is a document (always replaced atomically) or an
/// output, which a FIFO or a device takes in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Document,
    Output,
}

/// Where a write goes.
enum Target {
    /// Replace this regular file (symlinks already followed); `None` when it
    /// does not exist yet.
    Replace(PathBuf, Option<std::fs::Metadata>),
    /// Open and write this FIFO or device as it is.
    InPlace(PathBuf),
}

fn kind_of(ft: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_dir() {
        "a directory"
    } else if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Decides where a write to `path` goes, or refuses it with a message that
/// names the path.
fn resolve(path: &Path, role: Role) -> Result<Target, Failure> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let shown = path.display();
    let refuse = |why: String| Failure::input(format!("refusing to write {shown}: {why}"));
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Replace(path.to_owned(), None)),
        Err(e) => return Err(Failure::input(format!("cannot write {shown}: {e}"))),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refuse("it is a symbolic link to a file that does not exist".into()));
        }
        Err(e) => return Err(Failure::input(format!("cannot write {shown}: {e}"))),
    };
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(refuse("it is a directory".into()));
    }
    let special = !ft.is_file();
    // `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N` are links to whatever the
    // descriptor is, often a regular file the shell opened: write that in
    // place too (a plain file under /dev/shm is still replaced atomically).
    let device_path = link.file_type().is_symlink() && (path.starts_with("/dev") || path.starts_with("/proc"));
    if role == Role::Output && (special || device_path) {
        return Ok(Target::InPlace(path.to_owned()));
    }
    if special {
        return Err(refuse(format!(
            "it is not a regular file ({}); a document must be one (`--out` may name a FIFO or a device)",
            kind_of(ft)
        )));
    }
    if meta.nlink() > 1 {
        return Err(refuse(format!(
            "it has {} hard links, and replacing it would leave the other names with the old content",
            meta.nlink()
        )));
    }
    if meta.permissions().mode() & 0o222 == 0 {
        return Err(refuse(format!(
            "it is read-only (mode {:04o}); make it writable first if the change is intended",
            meta.permissions().mode() & 0o7777
        )));
    }
    let real = if link.file_type().is_symlink() {
        std::fs::canonicalize(path).map_err(|e| Failure::input(format!("cannot write {shown}: {e}")))?
    } else {
        path.to_owned()
    };
    Ok(Target::Replace(real, Some(meta)))
}

/// Opens `path` and takes its exclusive lock, making sure the lock is on the
/// file the path names now (a writer that waited may find it was replaced).
/// `Ok(None)`: there is no file. Opened non-blocking, so a FIFO swapped in
/// meanwhile cannot hang the command.
fn lock_current(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    use rustix::fs::FlockOperation;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let start = std::time::Instant::now();
    loop {
        let file = match std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
            .open(path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        if !file.metadata()?.is_file() {
            return Err(std::io::Error::other("it is no longer a regular file"));
        }
        loop {
            match rustix::fs::flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => break,
                Err(rustix::io::Errno::WOULDBLOCK | rustix::io::Errno::INTR) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Err(rustix::io::Errno::WOULDBLOCK) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::WouldBlock,
                        format!("another writer has held its lock for over {}s", LOCK_WAIT.as_secs()),
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        let (held, now) = (file.metadata()?, std::fs::metadata(path));
        match now {
            Ok(now) if (now.dev(), now.ino()) == (held.dev(), held.ino()) => return Ok(Some(file)),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        }
    }
}

/// How `replace` makes sure it does not undo another writer's change.
enum Guard {
    /// The caller holds the target's lock since it read it.
    Held,
    /// Lock at rename time; if the document was read by this process, refuse
    /// unless it still holds what was read.
    Check(Option<Fingerprint>),
}

/// A failed write: says the original is unchanged, which holds for every
/// error before the rename.
fn write_failure(shown: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::input(format!("cannot write {}: {e}; the original is unchanged", shown.display()))
}

fn conflict(shown: &Path) -> Failure {
    Failure::new(
        EXIT_CONFLICT,
        format!(
            "{} changed since it was read (another writer got there first); nothing written, run the command again",
            shown.display()
        ),
    )
}

/// Replaces the regular file `target` with `contents`: an exclusive temporary
/// file in its directory, owner, group and mode copied, synced, renamed over
/// it, directory synced. The temporary file is removed on every error.
fn replace(
    shown: &Path,
    target: &Path,
    existing: Option<&std::fs::Metadata>,
    contents: &[u8],
    guard: Guard,
) -> Result<(), Failure> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let prefix = format!(".{name}.tmp-");
    // A new file gets 0666 less the umask, as `File::create` would give it.
    let mode = existing.map_or(0o666, |m| m.permissions().mode() & 0o7777);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(&dir)
        .map_err(|e| write_failure(shown, e))?;
    (|| -> std::io::Result<()> {
        tmp.write_all(contents)?;
        if let Some(m) = existing {
            let mine = tmp.as_file().metadata()?;
            if (mine.uid(), mine.gid()) != (m.uid(), m.gid()) {
                std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid()))
                    .map_err(|e| std::io::Error::new(e.kind(), format!("cannot keep its owner and group: {e}")))?;
            }
            // After chown, which may clear set-id bits; and past the umask.
            tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        tmp.as_file().sync_all()
    })()
    .map_err(|e| write_failure(shown, e))?;
    // Test hook (debug builds only): stop after the temporary file is
    // written, either by failing (`fail`) or by aborting the process
    // (`abort`), to prove the original survives an interrupted write.
    #[cfg(debug_assertions)]
    if let Some(mode) = std::env::var_os("ISMS_TEST_CRASH_BEFORE_RENAME") {
        if mode == "abort" {
            std::process::abort();
        }
        return Err(write_failure(shown, "interrupted before rename (ISMS_TEST_CRASH_BEFORE_RENAME)"));
    }
    let _lock = match guard {
        Guard::Held => None,
        Guard::Check(expected) => {
            let lock = lock_current(target).map_err(|e| write_failure(shown, e))?;
            if let Some(expected) = expected {
                let Some(file) = &lock else { return Err(conflict(shown)) };
                let mut now = Vec::new();
                std::io::Read::read_to_end(&mut &*file, &mut now).map_err(|e| write_failure(shown, e))?;
                if Fingerprint::of(&now) != expected {
                    return Err(conflict(shown));
                }
            }
            lock
        }
    };
    tmp.persist(target).map_err(|e| write_failure(shown, e.error))?;
    // What this process now expects the file to hold, should it write again.
    remember(target, contents);
    std::fs::File::open(&dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Failure::input(format!("wrote {} but could not sync its directory: {e}", shown.display())))?;
    Ok(())
}

/// Writes a FIFO or device as it is (opening a FIFO waits for its reader).
fn write_in_place(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(regular)
        .open(path)
        .and_then(|mut f| f.write_all(contents).and_then(|()| f.flush()))
        .map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))
}

/// Writes `contents` to the document `path` atomically: see `replace`. If
/// this process read the document, the write is refused (`EXIT_CONFLICT`)
/// when another writer changed it meanwhile. On any error the original file
/// is untouched and the temporary file is removed.
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "the guard for a command that reads and writes apart; all writers now use update_*")
)]
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    match resolve(path, Role::Document)? {
        Target::Replace(real, meta) => replace(path, &real, meta.as_ref(), contents, Guard::Check(seen(path))),
        Target::InPlace(_) => Err(Failure::input(format!("refusing to write {}: not a regular file", path.display()))),
    }
}

/// Writes an output (`--out`, `--html`, `--ics`): stdout when the path is
/// `-`, a FIFO or device in place, any other path atomically.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(contents).map_err(|e| Failure::input(format!("cannot write standard output: {e}")))?;
        return Ok(());
    }
    match resolve(path, Role::Output)? {
        Target::Replace(real, meta) => replace(path, &real, meta.as_ref(), contents, Guard::Check(seen(path))),
        Target::InPlace(p) => write_in_place(&p, contents),
    }
}

/// Read-modify-write of a document's text under its lock, held from the read
/// to the rename, so concurrent updates are applied one after the other and
/// none is lost. `change` returns the new text, or `None` to leave the file
/// as it is. Returns whether the file was rewritten.
pub fn update_text(path: &Path, change: impl FnOnce(&str) -> Result<Option<String>, Failure>) -> Result<bool, Failure> {
    if path.as_os_str() == "-" {
        return Err(Failure::input("this command rewrites the document: give a file path, not `-`"));
    }
    let Target::Replace(real, Some(_)) = resolve(path, Role::Document)? else {
        return Err(Failure::input(format!("cannot read {}: No such file or directory", path.display())));
    };
    let lock = lock_current(&real)
        .map_err(|e| Failure::input(format!("cannot lock {}: {e}", path.display())))?
        .ok_or_else(|| Failure::input(format!("cannot read {}: No such file or directory", path.display())))?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut &lock, &mut text)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    let Some(new) = change(&text)? else { return Ok(false) };
    // Fresh metadata from the locked file: owner and mode as they are now.
    let meta = lock.metadata().map_err(|e| write_failure(path, e))?;
    replace(path, &real, Some(&meta), new.as_bytes(), Guard::Held)?;
    drop(lock);
    Ok(true)
}

/// Read-modify-write of a document: parsed and validated as `load_valid`
/// does, changed by `change`, written back under the lock (see
/// `update_text`). Returns the new document.
pub fn update_document(path: &Path, change: impl FnOnce(Isms) -> Result<Isms, Failure>) -> Result<Isms, Failure> {
    let mut out = None;
    update_text(path, |text| {
        let (doc, loaded) = parse(path, text.to_owned())?;
        let isms = Isms::new(doc).map_err(|e| Failure::core(path, e.located_by(&loaded)))?;
        let new = change(isms)?;
        let written = canonical_text(path, new.canonical_json())?;
        out = Some(new);
        Ok(Some(written))
    })?;
    out.ok_or_else(|| Failure::input("internal error: update produced no document"))
}

/// Today's date in UTC: the default `--as-of` of every command. Only the CLI
/// reads the clock; the core takes the date as a parameter.
pub fn today() -> isms_core::model::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let epoch = isms_core::model::Date::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch.checked_add_days(chrono::Days::new(secs / 86_400)).unwrap_or(epoch)
}
/// Streams a text file line by line (1-based line numbers), holding one
/// line at a time; `-` reads standard input. Errors: unreadable file, a
/// line that is not UTF-8 (named by its number), or what `f` returns.
pub fn for_each_line(path: &Path, mut f: impl FnMut(u64, &str) -> Result<(), Failure>) -> Result<(), Failure> {
    use std::io::BufRead;
    let shown = path.display().to_string();
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| Failure::input(format!("cannot read {shown}: {e}")))?;
        Box::new(std::io::BufReader::with_capacity(1 << 16, file))
    };
    let mut reader = reader;
    let mut buf = Vec::with_capacity(1024);
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| Failure::input(format!("cannot read {shown}: {e}")))?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let text = std::str::from_utf8(&buf)
            .map_err(|e| Failure::input(format!("{shown}: line {line_no}: invalid UTF-8 ({e})")))?;
        let text = if line_no == 1 { text.strip_prefix('\u{feff}').unwrap_or(text) } else { text };
        f(line_no, text)?;
    }
}

/// Whether a file's first non-blank byte is `[` (a JSON array rather than
/// NDJSON). Reads at most the first 4 KiB.
pub fn starts_with_bracket(path: &Path) -> Result<bool, Failure> {
    use std::io::Read;
    if path.as_os_str() == "-" {
        return Ok(false);
    }
    let mut head = [0u8; 4096];
    let mut f =
        std::fs::File::open(path).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    let n = f.read(&mut head).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
    Ok(head[..n].iter().find(|b| !b.is_ascii_whitespace() && **b != 0xef && **b != 0xbb && **b != 0xbf) == Some(&b'['))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("isms-io-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Threads of one process take the lock through separate opens, as
    /// processes do: every increment survives.
    #[test]
    fn concurrent_updates_are_serialised() {
        let f = dir("counter").join("n.txt");
        std::fs::write(&f, "0").unwrap();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let f = f.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        update_text(&f, |t| Ok(Some((t.parse::<u32>().unwrap() + 1).to_string()))).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "100");
    }

    #[test]
    fn update_document_validates_and_rewrites() {
        let d = dir("doc");
        let f = d.join("isms.json");
        let text = r#"{"schema_version": "1.0", "organization": {"name": "Acme", "headcount": 3}}"#;
        std::fs::write(&f, text).unwrap();
        let new = update_document(&f, |isms| {
            let mut doc = isms.into_document();
            doc.organization.name = "Acme Ltd".into();
            Isms::new(doc).map_err(|e| Failure::input(e.to_string()))
        })
        .unwrap();
        assert_eq!(new.document().organization.name, "Acme Ltd");
        assert_eq!(load_isms(&f).unwrap().document().organization.name, "Acme Ltd");
        // A failing change writes nothing.
        let before = std::fs::read(&f).unwrap();
        assert!(update_document(&f, |_| Err(Failure::input("no"))).is_err());
        assert_eq!(std::fs::read(&f).unwrap(), before);
        let names: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["isms.json"]);
    }

    /// `load` then `write_atomic`, with another writer in between: refused.
    #[test]
    fn write_after_someone_else_changed_the_file_is_a_conflict() {
        let f = dir("conflict").join("x.txt");
        std::fs::write(&f, "one").unwrap();
        read_text(&f).unwrap();
        std::fs::write(&f, "two").unwrap();
        let e = write_atomic(&f, b"three").unwrap_err();
        assert_eq!(e.code, EXIT_CONFLICT, "{}", e.message);
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "two");
        read_text(&f).unwrap();
        write_atomic(&f, b"three").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "three");
    }
}
