//! Writing results: standard output, or files written beside their target and renamed into place.
//!
//! Nothing kgforge writes is ever half-written, and an old result is never lost to a failed run:
//!
//! - One file: the bytes go to a temporary file in the target's directory (`.kgforge-*.tmp`),
//!   which is synced and then renamed over the target. A reader sees the old file or the new
//!   one, whole.
//! - A directory of files (CSV tables, `neo4j-admin` import files): every file goes into a
//!   temporary sibling directory (`.NAME.kgforge-*.tmp`), which then takes the target's place
//!   in one step (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere the old directory is first
//!   renamed aside, so that a crash in between leaves it whole under `.NAME.kgforge-old-*`).
//!   The tables of one graph therefore always come from the same run. So that no user file is
//!   lost, an existing target directory is only replaced when it holds nothing but files this
//!   format writes; otherwise the run stops with an error before writing anything.
//! - An error removes the temporary file or directory. Ctrl-C (SIGINT) and SIGTERM remove
//!   them too, then kgforge exits with [`super::exit::INTERRUPTED`]. Only SIGKILL or a power
//!   cut can leave a `.kgforge-*` temporary behind, never a damaged target.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use kgforge::export::Exported;

/// Temporary files and directories being written now, removed if the process is interrupted.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Registers a temporary path for removal on interruption, for as long as the guard lives.
struct InFlight(PathBuf);

impl InFlight {
    fn new(path: &Path) -> Self {
        if let Ok(mut list) = IN_FLIGHT.lock() {
            list.push(path.to_path_buf());
        }
        InFlight(path.to_path_buf())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Ok(mut list) = IN_FLIGHT.lock() {
            if let Some(i) = list.iter().rposition(|p| *p == self.0) {
                list.swap_remove(i);
            }
        }
    }
}

/// Removes every temporary path still being written (called on SIGINT/SIGTERM).
pub fn remove_in_flight() {
    // try_lock: a writer holding the lock is between two quick list updates; never block here
    let paths = match IN_FLIGHT.try_lock() {
        Ok(list) => list.clone(),
        Err(_) => return,
    };
    for path in paths {
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, synced, then
/// renamed over the target, so that a failure never leaves a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_of(path);
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create directory", dir.display()))?;
    if path.is_dir() {
        anyhow::bail!("{}: is a directory; name a file", path.display());
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".kgforge-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    let _guard = InFlight::new(tmp.path());
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    fail_point("write")?;
    // the temporary file is private (0600); give the result the target's permissions, or the
    // usual ones for a new file
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(false),
    };
    tmp.as_file()
        .set_permissions(permissions)
        .with_context(|| format!("{}: cannot set permissions", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    sync_dir(dir);
    Ok(())
}

/// Writes the named files as the whole content of directory `dir`, atomically (see the module
/// documentation).
pub fn write_dir_atomic(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    if dir.is_file() {
        anyhow::bail!(
            "{}: is a file; this format writes several files into a directory",
            dir.display()
        );
    }
    let existing = dir.is_dir();
    if existing {
        check_replaceable(dir, files)?;
    }
    let parent = parent_of(dir);
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{}: cannot create directory", parent.display()))?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.kgforge-"))
        .suffix(".tmp")
        .tempdir_in(parent)
        .with_context(|| format!("{}: cannot create a temporary directory", parent.display()))?;
    let _guard = InFlight::new(tmp.path());
    for (file, bytes) in files {
        let path = tmp.path().join(file);
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
            .with_context(|| format!("{}: cannot write", dir.join(file).display()))?;
        std::fs::set_permissions(&path, default_permissions(false))
            .with_context(|| format!("{}: cannot set permissions", dir.join(file).display()))?;
    }
    fail_point("write")?;
    let permissions = match std::fs::metadata(dir) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(true),
    };
    std::fs::set_permissions(tmp.path(), permissions)
        .with_context(|| format!("{}: cannot set permissions", dir.display()))?;
    sync_dir(tmp.path());
    if existing {
        replace_dir(tmp.path(), dir)?;
        // the old content is now at the temporary path; the guard of `tmp` removes it
    } else {
        let kept = tmp.keep();
        std::fs::rename(&kept, dir)
            .with_context(|| {
                format!(
                    "{}: cannot move the new directory into place",
                    dir.display()
                )
            })
            .inspect_err(|_| {
                let _ = std::fs::remove_dir_all(&kept);
            })?;
    }
    sync_dir(parent);
    Ok(())
}

/// Refuses to replace a directory that holds anything but files named in `files`.
fn check_replaceable(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
    let mut foreign = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot read", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if !is_file || !files.iter().any(|(f, _)| *f == name) {
            foreign.push(name);
        }
    }
    if !foreign.is_empty() {
        foreign.sort();
        anyhow::bail!(
            "{}: holds other files than this format writes ({}); kgforge replaces the whole \
             directory so that its files always belong together. Name a new or empty directory",
            dir.display(),
            foreign.join(", ")
        );
    }
    Ok(())
}

/// Puts the directory `new` in the place of the existing directory `target`; the old content
/// ends up at `new`'s path.
#[cfg(target_os = "linux")]
fn replace_dir(new: &Path, target: &Path) -> Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // file systems without RENAME_EXCHANGE
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
            replace_dir_in_two_steps(new, target)
        }
        Err(e) => Err(std::io::Error::from(e)).with_context(|| {
            format!(
                "{}: cannot move the new directory into place",
                target.display()
            )
        }),
    }
}

#[cfg(not(target_os = "linux"))]
fn replace_dir(new: &Path, target: &Path) -> Result<()> {
    replace_dir_in_two_steps(new, target)
}

/// The old directory is renamed aside, the new one into place, the old one to `new`'s path.
fn replace_dir_in_two_steps(new: &Path, target: &Path) -> Result<()> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let aside = parent_of(target).join(format!(".{name}.kgforge-old-{}", std::process::id()));
    std::fs::rename(target, &aside)
        .with_context(|| format!("{}: cannot move the old directory aside", target.display()))?;
    if let Err(e) = std::fs::rename(new, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(e).with_context(|| {
            format!(
                "{}: cannot move the new directory into place",
                target.display()
            )
        });
    }
    std::fs::rename(&aside, new)
        .with_context(|| format!("{}: cannot remove the old directory", aside.display()))
}

/// Makes a rename durable; a failure only weakens durability, so it is ignored.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Faults injected for tests through `KGFORGE_FAIL_AT`, at the point where a write's data is
/// complete but not yet renamed into place (where a full disk, a crash or Ctrl-C hurts most):
/// `write` makes the write fail; `pause` announces `kgforge: paused before rename` on standard
/// error and waits 60 s, so that a test can send a signal at exactly that point.
fn fail_point(at: &str) -> Result<()> {
    match std::env::var("KGFORGE_FAIL_AT").as_deref() {
        Ok(v) if v == at => anyhow::bail!("simulated failure (KGFORGE_FAIL_AT={at})"),
        Ok("pause") => {
            eprintln!("kgforge: paused before rename");
            std::thread::sleep(std::time::Duration::from_secs(60));
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn default_permissions(directory: bool) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(if directory { 0o755 } else { 0o644 })
}

#[cfg(not(unix))]
fn default_permissions(_directory: bool) -> std::fs::Permissions {
    let dir = std::env::temp_dir();
    let mut permissions = std::fs::metadata(&dir)
        .map(|m| m.permissions())
        .expect("temp dir exists");
    permissions.set_readonly(false);
    permissions
}

/// Writes an export to `path` (a file, or a directory for multi-file formats) or to standard output.
pub fn write_export(exported: &Exported, path: Option<&Path>) -> Result<()> {
    match (exported, path) {
        (Exported::File(bytes), Some(path)) => write_atomic(path, bytes),
        (Exported::File(bytes), None) => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|_| out.flush())
                .context("standard output")
        }
        (Exported::Directory(files), Some(dir)) => write_dir_atomic(dir, files),
        (Exported::Directory(_), None) => {
            anyhow::bail!("this format writes several files; name a directory with -o DIR")
        }
    }
}

/// Whether an error is a closed standard output (`kgforge ... | head`), which is not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(tag: &str) -> Vec<(String, Vec<u8>)> {
        ["nodes.csv", "edges.csv"]
            .iter()
            .map(|f| (f.to_string(), format!("{tag} {f}").into_bytes()))
            .collect()
    }

    fn content(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_directory_is_created_then_replaced_whole() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("tables");
        write_dir_atomic(&target, &files("old")).unwrap();
        assert_eq!(
            content(&target),
            [
                ("edges.csv".into(), "old edges.csv".into()),
                ("nodes.csv".into(), "old nodes.csv".into())
            ]
        );
        write_dir_atomic(&target, &files("new")).unwrap();
        assert_eq!(content(&target)[0].1, "new edges.csv");
        // nothing but the target is left in the parent: no temporary, no old copy
        let names: Vec<String> = content(root.path()).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["tables"]);
    }

    #[test]
    fn a_directory_with_other_files_is_not_replaced() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("mine");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("notes.txt"), "keep me").unwrap();
        let err = write_dir_atomic(&target, &files("new"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("notes.txt") && err.contains("other files"),
            "{err}"
        );
        assert_eq!(content(&target), [("notes.txt".into(), "keep me".into())]);
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_empty_directory_is_filled() {
        let root = tempfile::tempdir().unwrap();
        write_dir_atomic(root.path(), &files("new")).unwrap();
        assert_eq!(content(root.path()).len(), 2);
    }

    #[test]
    fn the_two_step_replacement_keeps_the_old_content_at_the_temporary_path() {
        let root = tempfile::tempdir().unwrap();
        let (old, new) = (root.path().join("old"), root.path().join("new"));
        std::fs::create_dir(&old).unwrap();
        std::fs::create_dir(&new).unwrap();
        std::fs::write(old.join("a"), "old").unwrap();
        std::fs::write(new.join("a"), "new").unwrap();
        replace_dir_in_two_steps(&new, &old).unwrap();
        assert_eq!(std::fs::read_to_string(old.join("a")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(new.join("a")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_file_is_replaced_and_no_temporary_is_left() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("g.json");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(content(root.path()), [("g.json".into(), "new".into())]);
        let err = write_atomic(root.path(), b"x").unwrap_err().to_string();
        assert!(err.contains("is a directory"), "{err}");
    }
}
