//! Writing results: standard output, or files written beside their target and renamed into place.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use kgforge::export::Exported;

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, synced, then
/// renamed over the target, so that a failure never leaves a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create directory", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kgforge-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    // the temporary file is private (0600); give the result the target's permissions, or the
    // usual ones for a new file
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(),
    };
    tmp.as_file()
        .set_permissions(permissions)
        .with_context(|| format!("{}: cannot set permissions", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
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
        (Exported::Directory(files), Some(dir)) => {
            if dir.is_file() {
                anyhow::bail!(
                    "{}: is a file; this format writes several files into a directory",
                    dir.display()
                );
            }
            for (name, bytes) in files {
                write_atomic(&dir.join(name), bytes)?;
            }
            Ok(())
        }
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
