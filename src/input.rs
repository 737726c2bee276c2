//! Inputs: files, directories of `*.txt` (recursively) and standard input, read as checked UTF-8 text.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Default largest input accepted, in bytes (see [`ReadOptions::max_bytes`]).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Where an input's text comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

/// One article to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// Document name: the file stem, or the path below the directory given, without `.txt`
    /// (`sub/article`); `stdin` for standard input.
    pub name: String,
    /// Where the text is.
    pub source: Source,
}

impl Input {
    /// The path to show in messages.
    pub fn display_path(&self) -> PathBuf {
        match &self.source {
            Source::Stdin => PathBuf::from("<stdin>"),
            Source::File(p) => p.clone(),
        }
    }
}

/// How input bytes are turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the input.
    pub lossy_utf8: bool,
    /// Refuse inputs larger than this many bytes.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            lossy_utf8: false,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

fn is_text_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn walk(dir: &Path, root: &Path, out: &mut Vec<Input>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let file_type = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        paths.push((entry.path(), file_type));
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in paths {
        // symbolic links to directories are not followed, so a link cycle cannot trap the walk
        if file_type.is_dir() {
            walk(&path, root, out)?;
        } else if is_text_file(&path) && (file_type.is_file() || path.is_file()) {
            let relative = path.strip_prefix(root).unwrap_or(&path).with_extension("");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push(Input {
                name,
                source: Source::File(path),
            });
        }
    }
    Ok(())
}

/// Expands command-line inputs: `-` is standard input, a directory gives its `*.txt` files
/// (recursively, sorted), a file is itself. No inputs means standard input.
pub fn collect(args: &[PathBuf]) -> Result<Vec<Input>> {
    if args.is_empty() {
        return Ok(vec![Input {
            name: "stdin".into(),
            source: Source::Stdin,
        }]);
    }
    let mut inputs = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            if inputs.iter().any(|i: &Input| i.source == Source::Stdin) {
                return Err(Error::BadInput {
                    path: arg.clone(),
                    message: "standard input is given twice".into(),
                });
            }
            inputs.push(Input {
                name: "stdin".into(),
                source: Source::Stdin,
            });
        } else if arg.is_dir() {
            let before = inputs.len();
            walk(arg, arg, &mut inputs)?;
            if inputs.len() == before {
                return Err(Error::BadInput {
                    path: arg.clone(),
                    message: "directory holds no .txt files".into(),
                });
            }
        } else if arg.exists() {
            let name = arg
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "input".into());
            inputs.push(Input {
                name,
                source: Source::File(arg.clone()),
            });
        } else {
            return Err(Error::BadInput {
                path: arg.clone(),
                message: "no such file or directory".into(),
            });
        }
    }
    Ok(inputs)
}

/// Reads an input's bytes, refusing more than `max_bytes`.
pub fn read_bytes(input: &Input, max_bytes: u64) -> Result<Vec<u8>> {
    let path = input.display_path();
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> = match &input.source {
        Source::Stdin => Box::new(std::io::stdin().lock()),
        Source::File(p) => Box::new(std::fs::File::open(p).map_err(|e| Error::io(p, e))?),
    };
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::BadInput {
            path,
            message: format!(
                "larger than the limit of {max_bytes} bytes (raise it with --max-bytes)"
            ),
        });
    }
    Ok(bytes)
}

/// Turns bytes into text: refuses binary data (NUL bytes) and, unless `lossy_utf8`, invalid
/// UTF-8, naming the line and column of the first bad byte. A UTF-8 byte order mark is dropped.
pub fn decode(bytes: Vec<u8>, path: &Path, options: ReadOptions) -> Result<String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_column(&bytes, at);
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            message: format!(
                "binary data, not text (NUL byte at line {line}, column {column}, byte {at})"
            ),
        });
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if options.lossy_utf8 => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let (line, column) = line_column(e.as_bytes(), at);
            Err(Error::BadInput {
                path: path.to_path_buf(),
                message: format!(
                    "not valid UTF-8 at line {line}, column {column} (byte {at}); convert it to UTF-8 or pass --lossy-utf8"
                ),
            })
        }
    }
}

/// 1-based line and column (in bytes) of byte offset `at`.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, column)
}

/// A buffered reader that remembers where lines start in what has been read through it, so
/// that a streaming parser's byte position can be reported as a line and a column.
#[derive(Debug)]
pub struct LineCounter<R> {
    inner: R,
    /// Bytes consumed so far.
    consumed: u64,
    /// Byte offsets of the line starts after the first (one past each `\n`), in order.
    line_starts: Vec<u64>,
}

impl<R> LineCounter<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        LineCounter {
            inner,
            consumed: 0,
            line_starts: Vec::new(),
        }
    }

    /// 1-based line and column (in bytes) of byte offset `at` of the stream, which must have
    /// been read already.
    pub fn line_column(&self, at: u64) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= at);
        let line_start = if line == 0 {
            0
        } else {
            self.line_starts[line - 1]
        };
        (line + 1, (at - line_start) as usize + 1)
    }
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buffer) = self.inner.fill_buf() {
            let start = self.consumed;
            let seen = &buffer[..amount.min(buffer.len())];
            self.line_starts.extend(
                seen.iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\n')
                    .map(|(i, _)| start + i as u64 + 1),
            );
        }
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}

/// Reads and decodes one input.
pub fn read_text(input: &Input, options: ReadOptions) -> Result<String> {
    let bytes = read_bytes(input, options.max_bytes)?;
    decode(bytes, &input.display_path(), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode(
            b"ok\nab\xFFc".to_vec(),
            Path::new("x.txt"),
            ReadOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("x.txt") && err.contains("line 2, column 3"),
            "{err}"
        );
        let lossy = decode(
            b"ab\xFFc".to_vec(),
            Path::new("x.txt"),
            ReadOptions {
                lossy_utf8: true,
                ..ReadOptions::default()
            },
        )
        .unwrap();
        assert_eq!(lossy, "ab\u{FFFD}c");
    }

    #[test]
    fn binary_and_bom() {
        assert!(
            decode(b"a\0b".to_vec(), Path::new("b"), ReadOptions::default())
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        assert_eq!(
            decode(
                b"\xEF\xBB\xBFhi".to_vec(),
                Path::new("b"),
                ReadOptions::default()
            )
            .unwrap(),
            "hi"
        );
    }

    #[test]
    fn directories_expand_recursively_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("sub/a.TXT"), "a").unwrap();
        std::fs::write(dir.path().join("c.md"), "c").unwrap();
        let inputs = collect(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["b", "sub/a"]);
        let empty = tempfile::tempdir().unwrap();
        assert!(collect(&[empty.path().to_path_buf()])
            .unwrap_err()
            .to_string()
            .contains("no .txt"));
        assert!(collect(&[PathBuf::from("/no/such/file.txt")]).is_err());
    }

    #[test]
    fn line_counter_turns_byte_positions_into_lines_and_columns() {
        use std::io::{BufRead, Read};
        // a small buffer so that lines straddle refills
        let text = b"ab\ncd\n\nefg";
        let mut reader = LineCounter::new(std::io::BufReader::with_capacity(2, &text[..]));
        let mut all = Vec::new();
        reader.read_to_end(&mut all).unwrap();
        assert_eq!(all, text);
        assert_eq!(reader.line_column(0), (1, 1));
        assert_eq!(reader.line_column(2), (1, 3)); // the first newline ends line 1
        assert_eq!(reader.line_column(3), (2, 1));
        assert_eq!(reader.line_column(7), (4, 1));
        assert_eq!(reader.line_column(9), (4, 3));
        for at in 0..text.len() {
            assert_eq!(
                reader.line_column(at as u64),
                line_column(text, at),
                "byte {at}"
            );
        }
        // through BufRead, as XML parsers read
        let mut reader = LineCounter::new(std::io::BufReader::with_capacity(3, &text[..]));
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 {}
        assert_eq!(reader.line_column(8), (4, 2));
    }

    #[test]
    fn too_large_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, "x".repeat(100)).unwrap();
        let input = Input {
            name: "big".into(),
            source: Source::File(p),
        };
        assert!(read_bytes(&input, 99)
            .unwrap_err()
            .to_string()
            .contains("limit"));
        assert_eq!(read_bytes(&input, 100).unwrap().len(), 100);
    }
}
