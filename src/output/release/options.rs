//! The release's options: the package's `created` time stamp, from
//! `SOURCE_DATE_EPOCH` or given, and its check.

use std::sync::LazyLock;

use regex::Regex;

use super::ReleaseError;

/// Options of the release step, built once by the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseOptions {
    /// `created` of `datapackage.json`, RFC 3339 (`2025-02-28T00:00:00Z`).
    /// Default `None`: the property is left out, keeping the package
    /// reproducible. [`ReleaseOptions::from_env`] sets it from
    /// `SOURCE_DATE_EPOCH`.
    pub created: Option<String>,
}

impl ReleaseOptions {
    /// Options with `created` from a `SOURCE_DATE_EPOCH` value (seconds
    /// since 1970-01-01 UTC, as `date +%s` prints), or none when unset.
    ///
    /// # Errors
    /// [`ReleaseError::BadSourceDateEpoch`] when the value is not a
    /// non-negative whole number: the reproducible-builds spec asks tools to
    /// fail rather than silently fall back to the clock.
    ///
    /// # Example
    /// ```
    /// use notice_extract::output::release::ReleaseOptions;
    /// let opts = ReleaseOptions::from_source_date_epoch(Some("1740700800")).unwrap();
    /// assert_eq!(opts.created.as_deref(), Some("2025-02-28T00:00:00Z"));
    /// ```
    pub fn from_source_date_epoch(value: Option<&str>) -> Result<Self, ReleaseError> {
        let created = match value {
            None => None,
            Some(v) => {
                let secs: u64 = v
                    .trim()
                    .parse()
                    .map_err(|_| ReleaseError::BadSourceDateEpoch {
                        value: v.to_string(),
                    })?;
                Some(
                    rfc3339_utc(secs).ok_or_else(|| ReleaseError::BadSourceDateEpoch {
                        value: v.to_string(),
                    })?,
                )
            }
        };
        Ok(ReleaseOptions { created })
    }

    /// Options from the environment: `SOURCE_DATE_EPOCH` if set.
    ///
    /// # Errors
    /// As [`ReleaseOptions::from_source_date_epoch`].
    pub fn from_env() -> Result<Self, ReleaseError> {
        let value = std::env::var("SOURCE_DATE_EPOCH").ok();
        Self::from_source_date_epoch(value.as_deref())
    }
}

pub(super) fn check_created(opts: &ReleaseOptions) -> Result<(), ReleaseError> {
    match &opts.created {
        // The shape `frictionless` accepts, and a real time (chrono parses
        // it: no 2025-02-30).
        Some(created)
            if !RFC3339.is_match(created)
                || chrono::DateTime::parse_from_rfc3339(created).is_err() =>
        {
            Err(ReleaseError::BadCreated(created.clone()))
        }
        _ => Ok(()),
    }
}

/// Shape of the `created` values `frictionless` accepts.
static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
        .expect("RFC 3339 pattern compiles")
});

/// `secs` since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (chrono, already in
/// the tree through the PDF reader); a time past chrono's range is none.
fn rfc3339_utc(secs: u64) -> Option<String> {
    let secs = i64::try_from(secs).ok()?;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}
