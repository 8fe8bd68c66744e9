//! Credentials in a URL (`https://user:pw@host/`) are used for the request
//! and written nowhere: what leaves `fetch::http` goes through these.

use std::borrow::Cow;

/// `url` without the `user:password@` of its authority: what is written
/// anywhere (report, records, cache, logs) in place of a URL as given.
/// A URL without credentials is returned as it is, not normalized, so
/// ids made from it do not change.
///
/// ```
/// use notice_extract::fetch::http::strip_credentials;
/// assert_eq!(strip_credentials("https://u:pw@example.org/a?b=c@d"), "https://example.org/a?b=c@d");
/// assert_eq!(strip_credentials("https://example.org/a@b"), "https://example.org/a@b");
/// ```
pub fn strip_credentials(url: &str) -> Cow<'_, str> {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return Cow::Borrowed(url);
    };
    let rest = &url[start..];
    let end = rest
        .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
        .unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => Cow::Owned(format!("{}{}", &url[..start], &rest[at + 1..])),
        None => Cow::Borrowed(url),
    }
}

/// `text` (an error message) with the credentials of every URL in it
/// removed.
pub(super) fn strip_credentials_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\''))
            .unwrap_or(after.len());
        out.push_str(&strip_credentials(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}
