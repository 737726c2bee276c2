//! SVG and PNG pictures of the graph: the DOT export piped through Graphviz's `dot` program.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// The Graphviz program that lays out and draws the graph.
pub const DOT_PROGRAM: &str = "dot";

const INSTALL_HINT: &str = "Install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: \
brew install graphviz; Windows: winget install graphviz), or write --format dot and render it \
where Graphviz is installed: dot -Tsvg graph.dot > graph.svg";

/// Where `program` is on `PATH`, if it is there.
pub fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let names: Vec<String> = if cfg!(windows) {
        vec![format!("{program}.exe"), program.to_string()]
    } else {
        vec![program.to_string()]
    };
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|candidate| candidate.is_file())
}

/// Fails with a clear message when `dot` is not installed; `purpose` says what needs it
/// (`"--format svg"`). Call it before long work whose result would be rendered.
pub fn require_dot(purpose: &str) -> Result<PathBuf> {
    find_program(DOT_PROGRAM).ok_or_else(|| Error::MissingProgram {
        program: DOT_PROGRAM,
        purpose: purpose.to_string(),
        hint: INSTALL_HINT,
    })
}

/// Renders DOT text with `dot -T<format>` (`svg`, `png`, or any other Graphviz output format).
pub fn render(dot: &str, format: &str) -> Result<Vec<u8>> {
    let purpose = format!("--format {format}");
    let program = require_dot(&purpose)?;
    let mut child = Command::new(&program)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::MissingProgram {
                program: DOT_PROGRAM,
                purpose: purpose.clone(),
                hint: INSTALL_HINT,
            },
            _ => Error::io(&program, e),
        })?;
    // write on another thread: dot may fill its output pipe before it has read all its input
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let input = dot.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|e| Error::io(&program, e))?;
    let written = writer.join().unwrap_or(Ok(()));
    if !output.status.success() {
        return Err(Error::ProgramFailed {
            program: DOT_PROGRAM,
            status: output.status.to_string(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    written.map_err(|e| Error::io(&program, e))?;
    Ok(output.stdout)
}
