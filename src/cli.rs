//! Command-line options (clap derive: the doc comments are the `--help`).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Turn Chinese government policy notices (HTML, PDF, text) into
/// schema-validated JSON records.
///
/// Exit status: 0 success; 1 a document could not be extracted (one line on
/// stderr names the file and the reason); 2 bad usage or the run could not
/// proceed.
#[derive(Debug, Parser)]
#[command(name = "notice-extract", version, about, long_about)]
pub struct Opts {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one notice file and print its JSON record on stdout.
    ///
    /// The format (HTML, PDF, plain text) is told from the content. Exit 0
    /// on success, 1 when the document could not be extracted.
    Extract {
        /// The notice: an HTML page, a PDF or a text file.
        file: PathBuf,
        /// Print the record on one line (NDJSON) instead of pretty JSON.
        #[arg(long, conflicts_with = "outline")]
        compact: bool,
        /// Print a readable outline (one line per section, clause and
        /// figure) instead of JSON.
        #[arg(long)]
        outline: bool,
    },
    /// Read text lines on stdin; print one JSON object per line with the
    /// amounts and percentages found in it (spans relative to the line).
    Entities,
}
