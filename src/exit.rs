//! The exit status of every command, decided here and nowhere else.
//!
//! 0: every document has a current record (warnings allowed); 1: a document
//! failed (more of them than `--max-failures` tolerates, in a batch);
//! 2: the command could not run (bad usage, an unwritable output folder, a
//! folder locked by another run). A broken pipe on stdout is not an error.
//! `diff` speaks like diff(1) instead ([`ExitStatus::of_diff`]).

/// Exit status of a command; the worse of two wins ([`ExitStatus::merge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: every document has a current record (warnings allowed).
    Ok = 0,
    /// 1: documents failed (more than tolerated).
    SomeFailed = 1,
    /// 2: the command could not run.
    Fatal = 2,
}

impl ExitStatus {
    /// The worse of two statuses.
    pub fn merge(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }

    /// `SomeFailed` when more than `tolerated` documents failed.
    pub fn from_failures(failed: usize, tolerated: usize) -> ExitStatus {
        if failed > tolerated {
            ExitStatus::SomeFailed
        } else {
            ExitStatus::Ok
        }
    }

    /// The status of `diff`, as diff(1) gives it: 0 nothing changed in
    /// substance, 1 something did, 2 a record could not be read.
    pub fn of_diff(substance: bool, unreadable: usize) -> ExitStatus {
        if unreadable > 0 {
            ExitStatus::Fatal
        } else if substance {
            ExitStatus::SomeFailed
        } else {
            ExitStatus::Ok
        }
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(s.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus::*;
    use super::*;

    #[test]
    fn the_worse_status_wins() {
        assert_eq!(Ok.merge(SomeFailed), SomeFailed);
        assert_eq!(Fatal.merge(Ok), Fatal);
        assert_eq!(SomeFailed.merge(Fatal).code(), 2);
        assert_eq!(Ok.merge(Ok).code(), 0);
        assert_eq!(ExitStatus::from_failures(1, 0), SomeFailed);
        assert_eq!(ExitStatus::from_failures(1, 1), Ok);
        assert_eq!(ExitStatus::of_diff(false, 0).code(), 0);
        assert_eq!(ExitStatus::of_diff(true, 0).code(), 1);
        assert_eq!(ExitStatus::of_diff(true, 1).code(), 2);
    }
}
